import { describe, expect, it } from 'vitest';
import { IDLE_REGISTRATION, reduceRegistration, type RegistrationEvent, type RegistrationState } from './registration-state';

const run = (...events: RegistrationEvent[]): RegistrationState => events.reduce(reduceRegistration, IDLE_REGISTRATION);

describe('reduceRegistration', () => {
  it('goes idle → connecting → registering → registered', () => {
    expect(run({ type: 'start' }).status).toBe('connecting');
    expect(run({ type: 'start' }, { type: 'transport-connected' }).status).toBe('registering');
    expect(run({ type: 'start' }, { type: 'transport-connected' }, { type: 'register-accepted' })).toEqual({
      status: 'registered',
      reason: null,
      statusCode: null,
    });
  });

  it('maps 401/403/407 to auth and other codes to rejected, keeping the code', () => {
    for (const code of [401, 403, 407]) {
      expect(run({ type: 'start' }, { type: 'transport-connected' }, { type: 'register-rejected', statusCode: code })).toEqual({
        status: 'failed',
        reason: 'auth',
        statusCode: code,
      });
    }
    expect(run({ type: 'start' }, { type: 'transport-connected' }, { type: 'register-rejected', statusCode: 500 })).toEqual({
      status: 'failed',
      reason: 'rejected',
      statusCode: 500,
    });
  });

  it('calls a connection that never came up unreachable', () => {
    expect(run({ type: 'start' }, { type: 'transport-failed' }).reason).toBe('unreachable');
    expect(run({ type: 'start' }, { type: 'transport-lost' }).reason).toBe('unreachable');
  });

  it('calls a drop after connecting connection-lost, and stays so through failed reconnects', () => {
    const registered = run({ type: 'start' }, { type: 'transport-connected' }, { type: 'register-accepted' });
    const lost = reduceRegistration(registered, { type: 'transport-lost' });
    expect(lost).toEqual({ status: 'failed', reason: 'connection-lost', statusCode: null });
    expect(reduceRegistration(lost, { type: 'transport-failed' })).toEqual(lost);
    expect(reduceRegistration(lost, { type: 'transport-connected' }).status).toBe('registering');
  });

  it('keeps a wrong-password failure when the transport drops afterwards', () => {
    const auth = run({ type: 'start' }, { type: 'transport-connected' }, { type: 'register-rejected', statusCode: 401 });
    expect(reduceRegistration(auth, { type: 'transport-lost' }).reason).toBe('auth');
  });

  it('reports a timeout and returns to registering on the retry', () => {
    const timedOut = run({ type: 'start' }, { type: 'transport-connected' }, { type: 'register-timeout' });
    expect(timedOut).toEqual({ status: 'failed', reason: 'timeout', statusCode: null });
    expect(reduceRegistration(timedOut, { type: 'register-sent' }).status).toBe('registering');
  });

  it('ignores everything but start while idle, and stop always returns to idle', () => {
    const events: RegistrationEvent[] = [
      { type: 'transport-connected' },
      { type: 'transport-lost' },
      { type: 'transport-failed' },
      { type: 'register-accepted' },
      { type: 'register-timeout' },
      { type: 'register-rejected', statusCode: 401 },
    ];
    for (const event of events) expect(reduceRegistration(IDLE_REGISTRATION, event)).toBe(IDLE_REGISTRATION);
    expect(run({ type: 'start' }, { type: 'transport-connected' }, { type: 'stop' })).toEqual(IDLE_REGISTRATION);
  });
});

describe('retry countdown', () => {
  it('keeps when and where the next try goes while failed, and nothing while registered', () => {
    const lost = run({ type: 'start' }, { type: 'transport-connected' }, { type: 'register-accepted' }, { type: 'transport-lost' });
    const waiting = reduceRegistration(lost, { type: 'retry-scheduled', at: 5000, server: 'ws://b' });
    expect(waiting).toMatchObject({ status: 'failed', reason: 'connection-lost', nextRetryAt: 5000, nextServer: 'ws://b' });
    const registered = run({ type: 'start' }, { type: 'transport-connected' }, { type: 'register-accepted' });
    expect(reduceRegistration(registered, { type: 'retry-scheduled', at: 1, server: null })).toBe(registered);
    expect(reduceRegistration(waiting, { type: 'register-accepted' }).nextRetryAt).toBeUndefined();
  });
});
