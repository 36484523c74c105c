import { useCallback, useEffect, useRef, useState } from 'react';

/** Rows a long list draws at first: more than a 1920×1080 pane shows of the desk's lists. */
export const FIRST_ROWS = 12;

/**
 * How many of a long list's rows to draw: the first `first`, and all of them once the marker after those (give
 * `sentinel` as its ref) is scrolled into sight. A desk in use lists fifty calls and fifty work orders on its first
 * screen, of which a 1366×768 screen shows a handful; drawing all hundred at start held the main thread while the
 * phone's REGISTER waited. Once shown, rows stay: the count only grows.
 */
export function useRevealedRows(total: number, first = FIRST_ROWS): { shown: number; sentinel: (element: Element | null) => void } {
  const [all, setAll] = useState(false);
  const observer = useRef<IntersectionObserver | null>(null);
  const sentinel = useCallback(
    (element: Element | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!element || all) return;
      if (typeof IntersectionObserver === 'undefined') {
        setAll(true);
        return;
      }
      observer.current = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setAll(true);
      });
      observer.current.observe(element);
    },
    [all],
  );
  useEffect(() => () => observer.current?.disconnect(), []);
  return { shown: all ? total : Math.min(total, first), sentinel };
}
