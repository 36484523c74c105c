export interface RequestLogEntry {
  method: string;
  /** Without the query (it can carry a phone number). */
  path: string;
  status: number;
  /** From the handler's first line to the last byte written. */
  ms: number;
  /** Waiting for a place in the store (admission line). */
  queueMs: number;
  /** The event loop's lag when the request got its turn: how long it sat unread, roughly. */
  lagMs: number;
  /**
   * From when the desk sent it to when it was read (known from its stated
   * deadline, else 0): includes the kernel's accept queue, which lagMs cannot see.
   */
  unreadMs?: number;
}

/** One successful change poll in this many is logged (every desk polls every 15 s). */
export const POLL_SAMPLE = 100;
/** Anything slower than this is always logged. */
export const SLOW_MS = 1_000;

/**
 * The log line of a request, or null when it is sampled out: successful change
 * polls are the bulk of the traffic (2,000 desks: 480,000 a hour) and say
 * nothing one in a hundred does not; errors and slow requests always show.
 * The timings include the queueing a desk sees, not only the handler's time.
 */
export function requestLogLine(entry: RequestLogEntry, sequence: number): string | null {
  const total = entry.ms + entry.lagMs;
  const routine = entry.method === 'GET' && entry.path === '/v1/changes' && entry.status < 400 && total < SLOW_MS;
  if (routine && sequence % POLL_SAMPLE !== 0) return null;
  return (
    `${entry.method} ${entry.path} ${entry.status} ${Math.round(entry.ms)}ms queue=${Math.round(entry.queueMs)}ms lag=${Math.round(entry.lagMs)}ms` +
    (entry.unreadMs ? ` unread=${Math.round(entry.unreadMs)}ms` : '') +
    (routine ? ` (1 in ${POLL_SAMPLE} polls)` : '')
  );
}
