import type { RecordingStore } from './recording-store';

const HOUR_MS = 3_600_000;

/**
 * At start-up: recordings a crash left unfinished are repaired, and the ones
 * past the retention period deleted (logged); the deletion runs hourly after.
 * Returns the stop.
 */
export function startRecordingUpkeep(store: RecordingStore, onError: (error: unknown) => void, everyMs = HOUR_MS): () => void {
  const sweep = () => {
    try {
      store.deleteExpired();
    } catch (error) {
      onError(error);
    }
  };
  const repaired = store.repairUnfinished().catch(onError).finally(sweep);
  const timer = setInterval(sweep, everyMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    void repaired;
  };
}
