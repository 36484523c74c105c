/**
 * Performance marks for the phone bench (bench/phone.bench.ts): a User Timing
 * mark once the frame showing a change has been painted (the next animation
 * frame, then the task after it, which runs once that frame was committed).
 * Costs one rAF per marked event; nothing else reads them.
 */
export function markPainted(name: string, detail: string): void {
  if (typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
  requestAnimationFrame(() => {
    setTimeout(() => {
      try {
        performance.mark(name, { detail });
      } catch {
        // User Timing unavailable: nothing to measure.
      }
    }, 0);
  });
}

/** A plain mark now (e.g. the INVITE handed to us by sip.js). */
export function mark(name: string, detail: string): void {
  try {
    performance.mark(name, { detail });
  } catch {
    // ignore
  }
}
