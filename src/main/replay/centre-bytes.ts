import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { isCleartextToNetwork } from '../../shared/domain/loopback';

export type RangeReply =
  | { kind: 'part'; status: number; bytes: Buffer; total: number | null }
  | { kind: 'refused'; status: number; code: string | null }
  | { kind: 'unreachable'; message: string };

/**
 * One `Range: bytes=start-end` GET of binary content from the centre (a
 * recording's audio), under the same rules as the JSON requests: https with
 * the public roots and the centre's CA, plain http only to this machine.
 */
export function fetchRange(options: { baseUrl: string; path: string; token: string; start: number; end: number; timeoutMs: number; caPem?: string | null }): Promise<RangeReply> {
  let url: URL;
  try {
    url = new URL(options.baseUrl.replace(/\/+$/, '') + options.path);
  } catch {
    return Promise.resolve({ kind: 'unreachable', message: 'not an address' });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || isCleartextToNetwork(url.href, 'http:')) {
    return Promise.resolve({ kind: 'unreachable', message: `${url.protocol} to another machine is refused (https only)` });
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  const headers = { authorization: `Bearer ${options.token}`, range: `bytes=${options.start}-${options.end}`, 'x-request-timeout-ms': String(options.timeoutMs) };
  const limit = options.end - options.start + 1;
  return new Promise<RangeReply>((resolve) => {
    const fail = (error: unknown) => resolve({ kind: 'unreachable', message: signal.aborted ? `timed out after ${options.timeoutMs} ms` : ((error as Error & { code?: string }).code ?? (error as Error).message) });
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // A centre that ignores the Range sends the whole file: more than asked is cut off here, not kept.
        if (size > limit + 64 * 1024) response.destroy(new Error('answer larger than the range asked for'));
        else chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const body = Buffer.concat(chunks);
        if (status === 206 || status === 200) {
          const total = /\/(\d+)$/.exec(String(response.headers['content-range'] ?? ''));
          resolve({ kind: 'part', status, bytes: body, total: total ? Number(total[1]) : status === 200 ? body.length : null });
          return;
        }
        resolve({ kind: 'refused', status, code: errorCode(body) });
      });
    };
    const common = { method: 'GET', headers, signal };
    const req =
      url.protocol === 'https:'
        ? httpsRequest(url, { ...common, ...(options.caPem ? { ca: [...rootCertificates, options.caPem] } : {}) }, onResponse)
        : httpRequest(url, common, onResponse);
    req.on('error', fail);
    req.end();
  });
}

function errorCode(body: Buffer): string | null {
  try {
    return (JSON.parse(body.toString('utf8')) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
}

export type JsonReply = { kind: 'answer'; status: number; body: unknown; etag: string | null } | { kind: 'unreachable'; message: string };

/** Bodies of review answers: a review with 500 annotations and a full scorecard, a template list. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

/**
 * One JSON request with any method and extra headers (PUT with If-Match for a
 * review), under the same rules as centreRequest: https with the centre's CA,
 * plain http only to this machine.
 */
export function centreJson(options: { baseUrl: string; method: 'GET' | 'POST' | 'PUT'; path: string; token: string; body?: unknown; headers?: Record<string, string>; timeoutMs: number; caPem?: string | null }): Promise<JsonReply> {
  let url: URL;
  try {
    url = new URL(options.baseUrl.replace(/\/+$/, '') + options.path);
  } catch {
    return Promise.resolve({ kind: 'unreachable', message: 'not an address' });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || isCleartextToNetwork(url.href, 'http:')) {
    return Promise.resolve({ kind: 'unreachable', message: `${url.protocol} to another machine is refused (https only)` });
  }
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${options.token}`, 'x-request-timeout-ms': String(options.timeoutMs), ...options.headers };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  return new Promise<JsonReply>((resolve) => {
    const fail = (error: unknown) => resolve({ kind: 'unreachable', message: signal.aborted ? `timed out after ${options.timeoutMs} ms` : ((error as Error & { code?: string }).code ?? (error as Error).message) });
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_JSON_BYTES) response.destroy(new Error(`answer larger than ${MAX_JSON_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        const body = jsonOf(Buffer.concat(chunks).toString('utf8'));
        const etag = response.headers.etag;
        resolve({ kind: 'answer', status: response.statusCode ?? 0, body, etag: typeof etag === 'string' ? etag : null });
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

/** The answer's JSON, null when empty, undefined when not JSON. */
function jsonOf(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return undefined;
  }
}
