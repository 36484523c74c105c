import type { Envelope, IpcError, IpcErrorCode } from '../../shared/ipc/envelope';

/** A failed IPC call, thrown by `unwrap` so store actions can use try/catch. */
export class IpcCallError extends Error {
  readonly code: IpcErrorCode;
  readonly issues: NonNullable<IpcError['issues']>;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

/** The value of an ok envelope, or an `IpcCallError` for an error envelope. */
export async function unwrap<T>(reply: Promise<Envelope<T>>): Promise<T> {
  const envelope = await reply;
  if (envelope.ok) return envelope.value;
  throw new IpcCallError(envelope.error);
}

/**
 * The i18n key that explains an error to the agent. Anything that is not an
 * IpcCallError (a bug, a rejected promise from the transport) is 'internal'.
 */
export function errorKeyOf(error: unknown): string {
  const code: IpcErrorCode = error instanceof IpcCallError ? error.code : 'internal';
  return `ipcErrors.${code}`;
}
