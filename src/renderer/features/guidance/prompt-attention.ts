import { useEffect, useState } from 'react';
import { useGuidanceStore } from './guidance-store';

/** How long a new prompt (and the pane holding it) stays marked: long enough to catch the eye, short enough not to nag. */
export const NEW_PROMPT_HIGHLIGHT_MS = 2_000;

/**
 * The CSS class the shell puts on the guidance pane while a prompt is new: a
 * steady outline and tint (defined in guidance.css), no blinking.
 */
export const PROMPT_HIGHLIGHT_CLASS = 'guidance-highlight';

/**
 * The newest prompt of the call in front (its id, kind and when it came on
 * screen), or null. A new id means a new prompt: the shell scrolls the
 * guidance pane into view and marks it for {@link NEW_PROMPT_HIGHLIGHT_MS}.
 */
export function useNewestPrompt(): { id: string; kind: string; at: number } | null {
  return useGuidanceStore((state) => state.newestPrompt);
}

/**
 * True from when `key` becomes a new non-null value (a new prompt) until `ms`
 * after `since` (epoch ms; default: from now), then false: a highlight that
 * goes by itself.
 */
export function useFreshFor(key: string | null, ms = NEW_PROMPT_HIGHLIGHT_MS, since?: number): boolean {
  const [expired, setExpired] = useState<string | null>(null);
  useEffect(() => {
    if (key === null) return undefined;
    const remaining = since === undefined ? ms : since + ms - Date.now();
    const timer = setTimeout(() => setExpired(key), Math.max(0, remaining));
    return () => clearTimeout(timer);
  }, [key, ms, since]);
  return key !== null && expired !== key;
}

/** For the shell: true while the newest prompt is new (apply {@link PROMPT_HIGHLIGHT_CLASS} to the guidance pane). */
export function useNewPromptHighlight(ms = NEW_PROMPT_HIGHLIGHT_MS): boolean {
  const newest = useNewestPrompt();
  // Counted from when the prompt came on screen: a call brought to the front with an old prompt is not "new".
  return useFreshFor(newest ? `${newest.id}@${newest.at}` : null, ms, newest?.at);
}
