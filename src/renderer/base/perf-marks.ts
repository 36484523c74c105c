/**
 * Performance marks for the phone bench (bench/phone.bench.ts): a User Timing
 * mark once the frame showing a change has been painted (the next animation
 * frame, then the task after it, which runs once that frame was committed).
 * Costs one rAF per marked event; nothing else reads them.
 */
export function markPainted(name: string, detail: string, earlier?: { name: string; at: number }): void {
  if (typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined') return;
  requestAnimationFrame(() => {
    setTimeout(() => {
      // `earlier`: a point on the way to this frame (a commit), entered only now: a mark's detail is
      // serialised when it is made (3 ms in one first ring's commit), and the marks must not cost the frame they time.
      if (earlier) mark(earlier.name, detail, earlier.at);
      mark(name, detail);
    }, 0);
  });
}

/** A plain mark, now or at `startTime` (e.g. the INVITE handed to us by sip.js). */
export function mark(name: string, detail: string, startTime?: number): void {
  try {
    performance.mark(name, startTime === undefined ? { detail } : { detail, startTime });
  } catch {
    // User Timing unavailable: nothing to measure.
  }
}

/**
 * Runs `fn` once the frame showing the current changes has been painted (the
 * task after the next animation frame), so work that does not change what the
 * agent sees first (IPC reports, look-ups, notifications, the ringtone) does
 * not delay that frame. In a hidden window nothing is painted (and rAF and
 * timers are paused or throttled there): `fn` runs at once, after the current
 * task's microtasks. The timer bounds the wait should a frame not come.
 */
export function afterPaint(fn: () => void, fallbackMs = 50): void {
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
    queueMicrotask(fn);
    return;
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    fn();
  };
  const fallback = setTimeout(run, fallbackMs);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => afterOtherTasks(run));
}

/** Background priority where the browser has scheduler.postTask (Chromium): after input and the paint marks. */
function afterOtherTasks(fn: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask?: (cb: () => void, options: { priority: string }) => Promise<unknown> } }).scheduler;
  if (typeof scheduler?.postTask === 'function') void scheduler.postTask(fn, { priority: 'background' }).catch(() => undefined);
  else setTimeout(fn, 0);
}

/** afterPaint as a promise. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => afterPaint(resolve));
}
