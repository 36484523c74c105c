import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CentreRecording } from '../../../src/shared/recording/recording-upload';
import { HttpError } from '../http';
import type { SignedIn } from '../people/context';
import { mayPlay } from '../reviews/review-access';
import type { ReviewStore } from '../reviews/review-store';
import type { RecordingBlobs } from './recording-blobs';

/** One byte span asked for by `Range: bytes=…` (inclusive), or the whole file. */
export type ByteSpan = { start: number; end: number } | null;

/**
 * `Range: bytes=a-b`, `bytes=a-` or `bytes=-n` (one span; a player asks for
 * one at a time). Null: no usable Range, send the whole file (as RFC 9110
 * allows for one it does not take, e.g. several spans). 'unsatisfiable' when it starts past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteSpan | 'unsatisfiable' {
  if (header === undefined) return null;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/**
 * Plays a recording to the agent who made it, a trainer, quality inspector or lead of its team,
 * or an admin (403 for anyone else), whole or by byte range, and logs every
 * playback in the database: who, which recording, when and from where.
 */
export async function playRecording(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { blobs: RecordingBlobs; reviews: ReviewStore; now: () => number; log: (line: string) => void },
  who: SignedIn,
  meta: CentreRecording,
): Promise<void> {
  if (!mayPlay(who.access, meta)) {
    throw new HttpError(403, 'forbidden', 'Only the agent, a trainer, quality inspector or lead of the team, or an admin may play this recording.');
  }
  const span = parseRange(req.headers.range, meta.bytes);
  if (span === 'unsatisfiable') {
    throw new HttpError(416, 'range-not-satisfiable', `The recording has ${meta.bytes} bytes.`, {}, { 'content-range': `bytes */${meta.bytes}` });
  }
  const key = `audio/${meta.id}.webm`;
  const audio = span ? await deps.blobs.getRange(key, span.start, span.end) : await deps.blobs.get(key);
  if (!audio) throw new HttpError(404, 'not-found', 'The recording\u2019s audio is missing.');
  const forwarded = req.headers['x-forwarded-for'];
  await deps.reviews.logPlayback({
    recordingId: meta.id,
    callId: meta.callId,
    teamId: meta.teamId,
    agentPersonId: meta.agentPersonId,
    byPersonId: who.access.personId,
    byWorkNumber: who.caller.agentId,
    byRoles: [...who.access.roles],
    tokenId: who.caller.tokenId,
    remoteAddress: req.socket.remoteAddress ?? '',
    forwardedFor: typeof forwarded === 'string' ? forwarded.slice(0, 200) : null,
    range: span ? `${span.start}-${span.end}` : null,
    at: deps.now(),
  });
  deps.log(`recording played: ${meta.id} by ${who.access.personId ?? `token ${who.caller.tokenId}`}${span ? ` bytes ${span.start}-${span.end}` : ''}`);
  const headers: Record<string, string> = {
    'content-type': 'audio/webm',
    'content-length': String(audio.length),
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (span) headers['content-range'] = `bytes ${span.start}-${span.start + audio.length - 1}/${meta.bytes}`;
  res.writeHead(span ? 206 : 200, headers);
  res.end(audio);
}
