export const BACKOFF_MIN_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

/**
 * Delay before retry number `attempt` (0 for the first retry): exponential from
 * 1 s, capped at 30 s, with up to 20 % jitter downwards so that a floor of
 * agents who lost the server at the same moment do not all come back in step.
 * The result is always within [BACKOFF_MIN_MS, BACKOFF_MAX_MS].
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** exponent);
  const jittered = ceiling * (0.8 + 0.2 * random());
  return Math.round(Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, jittered)));
}
