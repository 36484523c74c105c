import { tokenRefusalOf, type TokenRefusal } from './centre-client';
import type { CentreHttpReply } from './centre-request';
import type { SendLoop } from './send-loop';

/**
 * One run of a desk sender that posts each pending row to the centre once
 * (practice results, the call list's reports), and what the centre's answer
 * to one such post means. Both senders had this written out alike; it lives
 * here so they keep retrying, backing off and setting rows aside the same way.
 * What a row is, and what is written back to it, stays with each sender.
 */

/** What became of one send: gone (or set aside), try again after the backoff, or stop until the next kick. */
export type SendOutcome = 'done' | 'retry' | 'idle';

/**
 * Tries each of `ids` at most once, in order, on `loop`: a failed send (or one
 * that throws, which goes to `onError`) stops the run and schedules a retry
 * after the backoff; 'idle' stops the run with nothing scheduled; a success
 * resets the backoff.
 */
export async function sendEachOnce(
  loop: SendLoop,
  ids: readonly string[],
  sendOne: (id: string) => Promise<SendOutcome>,
  onError: (error: unknown) => void,
): Promise<void> {
  for (const id of ids) {
    if (loop.closed) return;
    const outcome = await sendOne(id).catch((error: unknown) => {
      onError(error);
      return 'retry' as SendOutcome;
    });
    if (outcome === 'idle') return;
    if (outcome === 'retry') {
      loop.retryLater();
      return;
    }
    loop.succeeded();
  }
}

/** What the centre's reply to one post means for the row that was sent. */
export type SendVerdict =
  /** Taken: one of the statuses the sender counts as stored. */
  | { kind: 'sent'; outcome: 'done' }
  /** No answer at all; `why` is the network's message. */
  | { kind: 'unreachable'; outcome: 'retry'; why: string }
  /** 401: nothing more goes under this token; `refusal` when the centre said it was revoked or ran out. */
  | { kind: 'signed-out'; outcome: 'idle'; why: string; refusal: TokenRefusal | null }
  /** Another 4xx (but 408 and 429): the centre will never take this row as it is, so it is set aside. */
  | { kind: 'refused'; outcome: 'done'; why: string }
  /** Anything else (5xx, 408, 429, an unexpected status): try again after the backoff. */
  | { kind: 'failed'; outcome: 'retry'; why: string };

/** Reads the centre's reply to one post; `stored` are the statuses that mean it was taken. */
export function sendVerdict(reply: CentreHttpReply, stored: readonly number[]): SendVerdict {
  if (reply.kind === 'unreachable') return { kind: 'unreachable', outcome: 'retry', why: reply.message };
  if (stored.includes(reply.status)) return { kind: 'sent', outcome: 'done' };
  const code = (reply.body as { error?: { code?: unknown } } | null | undefined)?.error?.code;
  const why = `The centre answered ${reply.status}${typeof code === 'string' ? ` ${code}` : ''}`;
  if (reply.status === 401) return { kind: 'signed-out', outcome: 'idle', why, refusal: tokenRefusalOf(reply.status, code) };
  if (reply.status >= 400 && reply.status < 500 && reply.status !== 408 && reply.status !== 429) return { kind: 'refused', outcome: 'done', why };
  return { kind: 'failed', outcome: 'retry', why };
}
