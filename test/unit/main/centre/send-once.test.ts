import { describe, expect, it, vi } from 'vitest';
import type { CentreHttpReply } from '../../../../src/main/centre/centre-request';
import { sendEachOnce, sendVerdict, type SendOutcome } from '../../../../src/main/centre/send-once';
import type { SendLoop } from '../../../../src/main/centre/send-loop';

function fakeLoop(closeAfter = Infinity) {
  const calls: string[] = [];
  let sends = 0;
  const loop = {
    get closed() {
      return sends >= closeAfter;
    },
    retryLater: () => calls.push('retryLater'),
    succeeded: () => calls.push('succeeded'),
  };
  return { loop: loop as unknown as SendLoop, calls, sent: () => sends++ };
}

const answer = (status: number, body: unknown = null): CentreHttpReply => ({ kind: 'answer', status, body, retryAfterSeconds: null });

describe('sendEachOnce', () => {
  it('sends each id once in order and resets the backoff after each success', async () => {
    const { loop, calls } = fakeLoop();
    const sent: string[] = [];
    await sendEachOnce(loop, ['a', 'b', 'c'], async (id) => (sent.push(id), 'done'), () => undefined);
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(calls).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('stops at a retry (scheduling one), at idle (scheduling none), and when the loop is closed', async () => {
    for (const [stop, expected] of [
      ['retry', ['succeeded', 'retryLater']],
      ['idle', ['succeeded']],
    ] as const) {
      const { loop, calls } = fakeLoop();
      const sent: string[] = [];
      const outcomes: Record<string, SendOutcome> = { a: 'done', b: stop, c: 'done' };
      await sendEachOnce(loop, ['a', 'b', 'c'], async (id) => (sent.push(id), outcomes[id]!), () => undefined);
      expect(sent).toEqual(['a', 'b']);
      expect(calls).toEqual(expected);
    }
    const closing = fakeLoop(1);
    const sent: string[] = [];
    await sendEachOnce(closing.loop, ['a', 'b'], async (id) => (sent.push(id), closing.sent(), 'done'), () => undefined);
    expect(sent).toEqual(['a']);
  });

  it('a send that throws goes to onError and is retried later', async () => {
    const { loop, calls } = fakeLoop();
    const onError = vi.fn();
    const failure = new Error('disk full');
    await sendEachOnce(loop, ['a', 'b'], async () => Promise.reject(failure), onError);
    expect(onError).toHaveBeenCalledExactlyOnceWith(failure);
    expect(calls).toEqual(['retryLater']);
  });
});

describe('sendVerdict', () => {
  it('reads the centre reply as sent, retry, signed out or refused', () => {
    expect(sendVerdict({ kind: 'unreachable', message: 'ECONNREFUSED' }, [200])).toEqual({ kind: 'unreachable', outcome: 'retry', why: 'ECONNREFUSED' });
    expect(sendVerdict(answer(200), [200])).toEqual({ kind: 'sent', outcome: 'done' });
    expect(sendVerdict(answer(201), [200, 201])).toEqual({ kind: 'sent', outcome: 'done' });
    expect(sendVerdict(answer(201), [200])).toEqual({ kind: 'failed', outcome: 'retry', why: 'The centre answered 201' });
    expect(sendVerdict(answer(401, { error: { code: 'token_revoked' } }), [200])).toEqual({
      kind: 'signed-out',
      outcome: 'idle',
      why: 'The centre answered 401 token_revoked',
      refusal: 'token_revoked',
    });
    expect(sendVerdict(answer(401, { error: { code: 'no-token' } }), [200])).toMatchObject({ kind: 'signed-out', refusal: null });
    expect(sendVerdict(answer(422, { error: { code: 'bad-result' } }), [200])).toEqual({ kind: 'refused', outcome: 'done', why: 'The centre answered 422 bad-result' });
    for (const status of [408, 429, 500, 503]) expect(sendVerdict(answer(status, undefined), [200])).toEqual({ kind: 'failed', outcome: 'retry', why: `The centre answered ${status}` });
    expect(sendVerdict(answer(400, { error: { code: 7 } }), [200])).toEqual({ kind: 'refused', outcome: 'done', why: 'The centre answered 400' });
  });
});
