import type { IncomingMessage, ServerResponse } from 'node:http';

/** The client closed the connection before its body was complete: nothing to answer. */
export class ClientAbortError extends Error {
  constructor(readonly bytesRead: number) {
    super(`the client closed the connection after ${bytesRead} bytes of its body`);
    this.name = 'ClientAbortError';
  }
}

/** The error body of every 4xx/5xx: `{ error: { code, message, issues? } }`, plus extras such as `current`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const { issues, ...extra } = error.extra;
  const body = { error: { code: error.code, message: error.message, ...(issues ? { issues } : {}) }, ...extra };
  sendJson(res, error.status, body, error.headers);
}

/** `If-Match: "3"` (or 3): the version the client read (its ETag); null when absent. Only one exact version, no lists or `*`. */
export function ifMatchVersion(req: IncomingMessage): number | null {
  const header = req.headers['if-match'];
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?([1-9]\d{0,14})"?\s*$/.exec(header);
  if (!match?.[1]) throw new HttpError(400, 'invalid-if-match', 'If-Match must be the version from the ETag, e.g. "3".');
  return Number(match[1]);
}

/**
 * Reads a JSON body of at most `limit` bytes. An oversized body is read to the
 * end and thrown away (up to 64 times the limit, then the connection is cut), so
 * the client sees the 413 rather than a reset connection.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    await drain(req, limit * 64);
    throw new HttpError(415, 'unsupported-media-type', 'Send the body as application/json.');
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit * 64) {
    req.destroy();
    throw new HttpError(413, 'payload-too-large', `The body is larger than ${limit} bytes.`, {}, { connection: 'close' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit * 64) {
        req.destroy();
        break;
      }
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    }
  } catch (error) {
    throw asClientAbort(req, error, size);
  }
  if (tooLarge || size > limit) {
    throw new HttpError(413, 'payload-too-large', `The body is larger than ${limit} bytes.`, {}, { connection: 'close' });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    throw new HttpError(400, 'malformed-json', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'malformed-json', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

async function drain(req: IncomingMessage, max: number): Promise<void> {
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) {
        req.destroy();
        return;
      }
    }
  } catch (error) {
    throw asClientAbort(req, error, size);
  }
}

/** Reading the body failed: because the client hung up (a ClientAbortError), or for a reason of ours (rethrown). */
function asClientAbort(req: IncomingMessage, error: unknown, bytesRead: number): unknown {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || req.destroyed ? new ClientAbortError(bytesRead) : error;
}
