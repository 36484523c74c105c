import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/ipc/envelope';
import { errorKeyOf, IpcCallError, unwrap } from './ipc-call-error';

describe('unwrap', () => {
  it('returns the value of an ok envelope', async () => {
    await expect(unwrap(Promise.resolve(ok(42)))).resolves.toBe(42);
  });

  it('throws an IpcCallError carrying code and issues', async () => {
    const error = await unwrap(
      Promise.resolve(fail('invalid-payload', 'bad', [{ path: 'account.sipUri', message: 'errors.sipUri' }])),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcCallError);
    expect(error).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'account.sipUri', message: 'errors.sipUri' }] });
  });
});

describe('errorKeyOf', () => {
  it('names the IPC error code, and anything else internal', () => {
    expect(errorKeyOf(new IpcCallError({ code: 'storage-failed', message: 'x' }))).toBe('ipcErrors.storage-failed');
    expect(errorKeyOf(new TypeError('boom'))).toBe('ipcErrors.internal');
  });
});
