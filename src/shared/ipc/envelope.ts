import type { z } from 'zod';

/** Every IPC reply is an envelope: a value, or an error a person can be shown. */
export const IPC_ERROR_CODES = [
  'unknown-channel',
  'untrusted-sender',
  'invalid-payload',
  'not-found',
  'storage-failed',
  'internal',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export interface IpcError {
  code: IpcErrorCode;
  /** A short English explanation for logs; the UI translates `code`. */
  message: string;
  /** For invalid-payload: which fields broke which rule (message is an i18n key). */
  issues?: { path: string; message: string }[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (code: IpcErrorCode, message: string, issues?: IpcError['issues']): Envelope<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
