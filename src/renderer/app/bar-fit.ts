import { useLayoutEffect, type RefObject } from 'react';

/**
 * How the bar's row makes its tools fit, tried in order until nothing sticks
 * out: 'full' (everything as it is), 'short' (the signed-in name becomes the
 * work number, the full text its tooltip; labels with a `.bar-fit__short`
 * form show that, as Extend 30 s shows +30 s), 'wrap' (the tools take a second
 * line). A lead's bar in English at 1366 px needs 'short'; at 1093 px (1366 at
 * 125 %) 'wrap'. CSS reads it from the row's data-fit.
 */
export const BAR_FITS = ['full', 'short', 'wrap'] as const;
export type BarFit = (typeof BAR_FITS)[number];

/** What fitBar needs of the row: where the fit is written, and whether its content overflows now. */
export interface FitTarget {
  dataset: { fit?: string };
  readonly scrollWidth: number;
  readonly clientWidth: number;
}

/** Tries each fit in order (each read forces a layout) and leaves the first that fits, or the last. */
export function fitBar(row: FitTarget): BarFit {
  for (const fit of BAR_FITS) {
    row.dataset.fit = fit;
    if (row.scrollWidth <= row.clientWidth + 1) return fit;
  }
  return 'wrap';
}

/**
 * Keeps the row fitted: at once, and again when it or one of its parts
 * changes size (the window, the language, a tool that appears), in the next
 * frame (refitting inside the observer's callback would resize what it
 * watches, which the browser reports as a loop). The fit is written straight
 * on the element, not through a React render.
 */
export function useBarFit(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const row = ref.current;
    if (!row || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const later = () => {
      if (frame === 0) frame = requestAnimationFrame(() => {
        frame = 0;
        fitBar(row);
      });
    };
    const observer = new ResizeObserver(later);
    const watch = () => {
      observer.disconnect();
      observer.observe(row);
      for (const part of row.children) observer.observe(part);
      const tools = row.querySelector('.softphone-bar__tools');
      if (tools) for (const tool of tools.children) observer.observe(tool);
    };
    // A tool that mounts or unmounts (the floor switch, the sign-in badge) is a new part to watch.
    const mutations = new MutationObserver(() => {
      watch();
      later();
    });
    watch();
    fitBar(row);
    mutations.observe(row, { childList: true, subtree: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      mutations.disconnect();
    };
  }, [ref]);
}
