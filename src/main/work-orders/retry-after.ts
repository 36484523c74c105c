/** The shortest pause after a 503/429, whatever the service said. */
export const RETRY_AFTER_MIN_MS = 1_000;
/** The longest: a desk that was told to wait longer asks again after this. */
export const RETRY_AFTER_MAX_MS = 60_000;

/**
 * How long to wait after a 503/429 that asked for `retryAfterMs`: that pause
 * plus up to as much again at random, 1–60 s. Spread over the whole pause, the
 * desks of a storm told the same 2 s come back over 2–4 s: measured against a
 * spread of one second (2–3 s) in the same runs (docs/benchmarks.md, storm
 * 2026-12-03), both drain 2,000 desks in the same time, and the wider spread
 * refuses fewer of them again (SQLite 1.0–1.3 refusals a desk against 1.6).
 */
export function retryAfterDelay(retryAfterMs: number, random: () => number = Math.random): number {
  const asked = Math.max(RETRY_AFTER_MIN_MS, Number.isFinite(retryAfterMs) ? retryAfterMs : RETRY_AFTER_MAX_MS);
  const share = Math.min(1, Math.max(0, random()));
  return Math.min(RETRY_AFTER_MAX_MS, Math.round(asked * (1 + share)));
}
