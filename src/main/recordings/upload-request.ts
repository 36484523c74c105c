import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { isCleartextToNetwork } from '../../shared/domain/loopback';

export type UploadReply = { kind: 'answer'; status: number; body: unknown } | { kind: 'unreachable'; message: string };

export interface UploadRequest {
  baseUrl: string;
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  token: string;
  /** JSON for GET/POST; bytes for PUT. */
  body?: unknown;
  bytes?: Uint8Array;
  timeoutMs: number;
  caPem?: string | null;
}

/**
 * One request of a recording's upload to the centre: a JSON body or a part's
 * bytes. https (public roots + the centre's CA); plain http only to this machine.
 */
export function uploadRequest(options: UploadRequest): Promise<UploadReply> {
  const label = `${options.method} ${options.path}`;
  let url: URL;
  try {
    url = new URL(options.baseUrl.replace(/\/+$/, '') + options.path);
  } catch {
    return Promise.resolve({ kind: 'unreachable', message: `${label}: not an address` });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || isCleartextToNetwork(url.href, 'http:')) {
    return Promise.resolve({ kind: 'unreachable', message: `${label}: only https (or http to this machine)` });
  }
  const payload = options.bytes ? Buffer.from(options.bytes.buffer, options.bytes.byteOffset, options.bytes.byteLength) : options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${options.token}`, 'x-request-timeout-ms': String(options.timeoutMs) };
  if (payload) {
    headers['content-type'] = options.bytes ? 'application/octet-stream' : 'application/json';
    headers['content-length'] = String(payload.length);
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  return new Promise<UploadReply>((resolve) => {
    let settled = false;
    const settle = (reply: UploadReply) => {
      if (!settled) {
        settled = true;
        resolve(reply);
      }
    };
    const fail = (error: unknown) => settle({ kind: 'unreachable', message: `${label}: ${signal.aborted ? `timed out after ${options.timeoutMs} ms` : ((error as { code?: string }).code ?? (error as Error).message)}` });
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        settle({ kind: 'answer', status: response.statusCode ?? 0, body: parseJson(text) });
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

/** The answer's JSON; null when empty, undefined when not JSON. */
function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
