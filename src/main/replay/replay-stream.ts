import { randomBytes } from 'node:crypto';
import type { ReplayAudioSource } from './replay-audio';

/** Where the player fetches a call's audio, relative to the page (app://hotline/… in the app). */
export const REPLAY_AUDIO_PATH = '/recordings/';
const GRANT_MS = 6 * 3_600_000;
const MAX_GRANTS = 64;

/**
 * The replay's audio over the app's own scheme instead of IPC: the player
 * fetches `recordings/<callId>?t=<grant>` with Range requests, and main
 * answers each from the decrypted recording, decrypting only the records a
 * range touches, so neither side ever holds the hour-long file (nor its
 * base64) at once. A grant is handed out by `replay:open`, which only a trusted
 * sender may call: a URL guessed, or taken from another call, gets 403.
 */
export class ReplayStreams {
  private readonly grants = new Map<string, { callId: string; until: number }>();

  constructor(
    private readonly source: ReplayAudioSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** A URL (relative to the page) for this call's audio, good for a few hours. */
  grant(callId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.grants.set(token, { callId, until: this.now() + GRANT_MS });
    for (const [old, grant] of this.grants) if (this.grants.size > MAX_GRANTS || grant.until < this.now()) this.grants.delete(old);
    return `${REPLAY_AUDIO_PATH.slice(1)}${encodeURIComponent(callId)}?t=${token}`;
  }

  /** Whether a request is for the replay's audio (the rest of the scheme serves the renderer). */
  static handles(url: URL): boolean {
    return url.pathname.startsWith(REPLAY_AUDIO_PATH);
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    let callId: string;
    try {
      callId = decodeURIComponent(url.pathname.slice(REPLAY_AUDIO_PATH.length));
    } catch {
      return plain(400, 'Bad request');
    }
    const grant = this.grants.get(url.searchParams.get('t') ?? '');
    if (!grant || grant.callId !== callId || grant.until < this.now()) return plain(403, 'Forbidden');
    let body: ReturnType<ReplayAudioSource['body']>;
    try {
      body = this.source.body(callId);
    } catch (error) {
      return plain(500, error instanceof Error ? error.message : 'The recording could not be read');
    }
    if (!body) return plain(404, 'Not found');
    const headers = new Headers({ 'content-type': body.mime, 'accept-ranges': 'bytes', 'cache-control': 'no-store' });
    const range = parseRange(request.headers.get('range'), body.size);
    if (range === 'unsatisfiable') {
      headers.set('content-range', `bytes */${body.size}`);
      return new Response(null, { status: 416, headers });
    }
    const [start, end] = range ?? [0, body.size];
    headers.set('content-length', String(end - start));
    if (range) headers.set('content-range', `bytes ${start}-${end - 1}/${body.size}`);
    const status = range ? 206 : 200;
    if (request.method === 'HEAD' || end === start) return new Response(null, { status, headers });
    return new Response(streamOf(body.range(start, end)), { status, headers });
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range; a player asks for no more) → [start, end) or null for the whole. */
export function parseRange(header: string | null, size: number): [number, number] | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 ? 'unsatisfiable' : [Math.max(0, size - suffix), size];
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size : Math.min(size, Number(match[2]) + 1);
  if (start >= size || end <= start) return 'unsatisfiable';
  return [start, end];
}

/** A body pulled piece by piece: the next records are decrypted only when the player reads on. */
function streamOf(pieces: Iterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        const next = pieces.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    cancel() {
      pieces.return?.();
    },
  });
}
