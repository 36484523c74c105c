import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { isCleartextToNetwork } from '../../shared/domain/loopback';

/** How one request to the centre service ended. */
export type CentreHttpReply =
  /** The centre answered; `body` is its JSON (null when empty), or undefined when not JSON. */
  | { kind: 'answer'; status: number; body: unknown; retryAfterSeconds: number | null }
  /** No answer: refused, reset, timed out, name not found, certificate not trusted, an address that is not http(s). */
  | { kind: 'unreachable'; message: string };

export interface CentreRequest {
  /** The centre's base address, e.g. https://centre.example.cn (a path prefix is kept). */
  baseUrl: string;
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
  timeoutMs: number;
  /** The centre's own CA (PEM), trusted beside the public roots for https. */
  caPem?: string | null;
  /** More request headers (an Idempotency-Key). */
  headers?: Record<string, string>;
}

/** Bodies larger than this are not the centre's (the sign-in reply is a few kB even with 500 departments). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One JSON request to the centre service. https with the public roots plus the
 * centre's own CA when one is set; plain http only to this machine, since the
 * password and the bearer token travel with the request.
 */
export function centreRequest(options: CentreRequest): Promise<CentreHttpReply> {
  const label = `${options.method} ${options.path}`;
  let url: URL;
  try {
    url = new URL(options.baseUrl.replace(/\/+$/, '') + options.path);
  } catch {
    return Promise.resolve({ kind: 'unreachable', message: `${label}: not an address` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return Promise.resolve({ kind: 'unreachable', message: `${label}: ${url.protocol} is not http(s)` });
  }
  if (isCleartextToNetwork(url.href, 'http:')) {
    return Promise.resolve({ kind: 'unreachable', message: `${label}: http:// to another machine is refused (https only)` });
  }
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    accept: 'application/json',
    // The service does not start (or commit) what this client will no longer wait for.
    'x-request-timeout-ms': String(options.timeoutMs),
  };
  if (options.headers) Object.assign(headers, options.headers);
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  return new Promise<CentreHttpReply>((resolve) => {
    let settled = false;
    const settle = (reply: CentreHttpReply) => {
      if (settled) return;
      settled = true;
      resolve(reply);
    };
    const fail = (error: unknown) => {
      const e = error as Error & { code?: string };
      const reason = signal.aborted ? `timed out after ${options.timeoutMs} ms` : (e.code ?? e.message);
      settle({ kind: 'unreachable', message: `${label}: ${reason}` });
    };
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          response.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text === '' ? null : JSON.parse(text);
        } catch {
          body = undefined;
        }
        settle({ kind: 'answer', status: response.statusCode ?? 0, body, retryAfterSeconds: parseRetryAfter(response.headers['retry-after']) });
      });
    };
    const common = { method: options.method, headers, signal };
    const req =
      url.protocol === 'https:'
        ? httpsRequest(url, { ...common, ...(options.caPem ? { ca: [...rootCertificates, options.caPem] } : {}) }, onResponse)
        : httpRequest(url, common, onResponse);
    req.on('error', fail);
    req.end(payload);
  });
}

/** Retry-After as delta-seconds, capped at a day; null when absent or not that form. */
function parseRetryAfter(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d{1,6}\s*$/.test(value)) return null;
  return Math.min(86_400, Number(value));
}
