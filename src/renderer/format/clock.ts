const pad = (value: number): string => String(value).padStart(2, '0');

/** Local wall-clock time, hh:mm:ss (24 h); the same in both languages. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Local date and time for the call log: MM-DD hh:mm:ss. */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatClock(epochMs)}`;
}

/** A call's running time: mm:ss, and h:mm:ss from one hour on. Negative counts as 0. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}
