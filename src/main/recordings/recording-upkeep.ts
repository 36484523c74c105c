import type { RecordingStore } from './recording-store';

const HOUR_MS = 3_600_000;

/**
 * At start-up: recordings a crash left unfinished are repaired, and the ones
 * past the retention period deleted (logged); the deletion runs hourly after.
 * Returns the stop.
 */
export function startRecordingUpkeep(store: RecordingStore, onError: (error: unknown) => void, upload: () => void = () => undefined, everyMs = HOUR_MS): () => void {
  // Uploads wait for a sign-in: look again every minute (a local read when nothing is pending).
  const uploads = setInterval(upload, 60_000);
  uploads.unref?.();
  const sweep = () => {
    try {
      store.deleteExpired();
    } catch (error) {
      onError(error);
    }
  };
  const repaired = store
    .repairUnfinished()
    .catch(onError)
    .finally(() => {
      sweep();
      upload();
    });
  const timer = setInterval(sweep, everyMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    clearInterval(uploads);
    void repaired;
  };
}
