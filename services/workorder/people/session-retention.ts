import type { WorkOrderStore } from '../store/store';

/** Sessions are kept this long after their expiry, so a late desk still hears token_expired / token_revoked. */
export const DEFAULT_SESSION_KEEP_DAYS = 30;
const EVERY_MS = 60 * 60_000;

/**
 * Every sign-in adds a token row (a 2,000-agent centre: about 1.5 million a
 * year); this deletes, hourly, the sessions that expired more than `keepDays`
 * ago. A token older than that answers `unauthorized` like an unknown one.
 * Admin-issued desk tokens (no expiry) are never deleted. Returns stop() and run().
 */
export function pruneSessionsHourly(
  store: WorkOrderStore,
  options: { keepDays?: number; everyMs?: number; log?: (line: string) => void } = {},
): { run: () => Promise<number>; stop: () => void } {
  const keepDays = options.keepDays ?? DEFAULT_SESSION_KEEP_DAYS;
  const run = async () => {
    const removed = await store.people.pruneSessions(Date.now() - keepDays * 86_400_000);
    if (removed > 0) options.log?.(`retention: ${removed} sessions expired over ${keepDays} days ago deleted`);
    return removed;
  };
  let running: Promise<number> | null = null;
  const timer = setInterval(() => {
    running ??= run()
      .catch((error: unknown) => {
        options.log?.(`session retention failed: ${(error as Error)?.message ?? error}`);
        return 0;
      })
      .finally(() => {
        running = null;
      });
  }, options.everyMs ?? EVERY_MS);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
