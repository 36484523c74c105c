import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { isCleartextToNetwork } from '../../shared/domain/loopback';

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export interface SseOpen {
  url: string;
  token: string;
  lastEventId: string | null;
  caPem?: string | null;
  /** How long the answer's headers may take. */
  connectTimeoutMs: number;
}

export type SseOutcome =
  | { kind: 'open'; response: IncomingMessage; request: ClientRequest }
  | { kind: 'refused'; status: number; body: string }
  | { kind: 'unreachable'; message: string };

/** A block larger than this is not the floor's (an agent's row is about 1 kB). */
const MAX_BLOCK_CHARS = 256 * 1024;

/**
 * Opens an SSE stream with a bearer header (EventSource cannot send one) and
 * the Last-Event-ID to resume from; https with the public roots and the
 * centre's own CA, plain http only to this machine.
 */
export function openSse(options: SseOpen): Promise<SseOutcome> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return Promise.resolve({ kind: 'unreachable', message: 'not an address' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return Promise.resolve({ kind: 'unreachable', message: `${url.protocol} is not http(s)` });
  if (isCleartextToNetwork(url.href, 'http:')) return Promise.resolve({ kind: 'unreachable', message: 'http:// to another machine is refused' });
  const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${options.token}` };
  if (options.lastEventId !== null) headers['last-event-id'] = options.lastEventId;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: SseOutcome) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      }
    };
    const onResponse = (response: IncomingMessage) => {
      if (response.statusCode === 200) {
        settle({ kind: 'open', response, request: req });
        return;
      }
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < 16_384) body += chunk;
      });
      response.on('end', () => settle({ kind: 'refused', status: response.statusCode ?? 0, body }));
      response.on('error', (error) => settle({ kind: 'unreachable', message: error.message }));
    };
    const req =
      url.protocol === 'https:'
        ? httpsRequest(url, { method: 'GET', headers, ...(options.caPem ? { ca: [...rootCertificates, options.caPem] } : {}) }, onResponse)
        : httpRequest(url, { method: 'GET', headers }, onResponse);
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${options.connectTimeoutMs} ms`));
    }, options.connectTimeoutMs);
    req.on('error', (error: Error & { code?: string }) => settle({ kind: 'unreachable', message: error.code ?? error.message }));
    req.end();
  });
}

/**
 * Splits the stream into messages (blank-line separated blocks of `field: value`
 * lines); comment lines (heartbeats) count as activity only.
 */
export class SseParser {
  private buffer = '';

  constructor(
    private readonly onMessage: (message: SseMessage) => void,
    private readonly onActivity: () => void,
  ) {}

  push(chunk: string): void {
    this.onActivity();
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    if (this.buffer.length > MAX_BLOCK_CHARS && !this.buffer.includes('\n\n')) throw new Error('an SSE block larger than allowed');
    let cut = this.buffer.indexOf('\n\n');
    // Bounded by the buffer's length: every turn removes at least two characters.
    while (cut >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const message: SseMessage = { id: null, event: 'message', data: '' };
      let any = false;
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') message.id = value;
        else if (field === 'event') message.event = value;
        else if (field === 'data') message.data = message.data === '' ? value : `${message.data}\n${value}`;
        else continue;
        any = true;
      }
      if (any && (message.data !== '' || message.id !== null)) this.onMessage(message);
      cut = this.buffer.indexOf('\n\n');
    }
  }
}
