/** The shortest pause after a 503/429, whatever the service said. */
export const RETRY_AFTER_MIN_MS = 1_000;
/** The longest: a desk that was told to wait longer asks again after this. */
export const RETRY_AFTER_MAX_MS = 60_000;
/**
 * Jitter added to the service's pause. Retry-After counts whole seconds, so
 * the service's forecast meant some time in the second before it; spread over
 * the second after, desks told the same second do not come back in step. The
 * work-order service already spreads its answers by the order of refusal
 * (services/workorder/admission.ts), so the jitter need not be a share of the
 * pause: at 20 s a share would bring back its last desks seconds after the
 * service expected them.
 */
export const RETRY_AFTER_JITTER_MS = 1_000;

/**
 * How long to wait after a 503/429 that asked for `retryAfterMs`: at least
 * that pause (at least RETRY_AFTER_MIN_MS), plus up to RETRY_AFTER_JITTER_MS
 * at random, never more than RETRY_AFTER_MAX_MS (a longer pause is cut to it,
 * still spread over the jitter below the cap).
 */
export function retryAfterDelay(retryAfterMs: number, random: () => number = Math.random): number {
  const asked = Math.max(RETRY_AFTER_MIN_MS, Number.isFinite(retryAfterMs) ? retryAfterMs : RETRY_AFTER_MAX_MS);
  const base = Math.min(asked, RETRY_AFTER_MAX_MS - RETRY_AFTER_JITTER_MS);
  const share = Math.min(1, Math.max(0, random()));
  return Math.min(RETRY_AFTER_MAX_MS, Math.round(base + share * RETRY_AFTER_JITTER_MS));
}
