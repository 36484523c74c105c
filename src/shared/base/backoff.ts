export interface BackoffPolicy {
  /** The first retry waits about this long. */
  baseMs: number;
  /** The longest wait between attempts. */
  maxMs: number;
  /**
   * How much of each step is random (0..1), taken off the top: a floor of desks
   * that lost the server at the same moment must not all come back in step.
   */
  jitter: number;
}

/** The phone's reconnects: 1 s doubling to 30 s, up to 20 % earlier. */
export const PHONE_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000, jitter: 0.2 };
/** Work-order retries: 1 s doubling to 5 min, "equal jitter" (half the step fixed, half random). */
export const OUTBOX_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000, jitter: 0.5 };

/**
 * Delay before retry number `retry` (0 for the first): exponential from
 * `baseMs`, capped at `maxMs`, shortened by up to `jitter` of the step.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, Math.floor(retry)), 30);
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(step * (1 - policy.jitter * random()));
}
