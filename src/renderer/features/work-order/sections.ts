/** The work order's sections, in order; Ctrl+1..5 moves to them (Alt+1..5 are the guidance hotkeys). */
export const WORK_ORDER_SECTIONS = ['caller', 'request', 'classification', 'scope', 'commitment'] as const;
export type WorkOrderSection = (typeof WORK_ORDER_SECTIONS)[number];

/** What a key press means to the open work order, or null (not ours). */
export type WorkOrderKey = { type: 'section'; section: WorkOrderSection } | { type: 'submit' };

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * Ctrl+1..5 (by physical key, like the guidance hotkeys) → a section; Ctrl+Enter → submit.
 * Any Alt is left alone: Alt+digit is guidance, Ctrl+Alt+letter the global phone keys.
 */
export function workOrderKey(event: KeyPress): WorkOrderKey | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  if (event.key === 'Enter') return { type: 'submit' };
  const digit = /^(?:Digit|Numpad)([1-5])$/.exec(event.code)?.[1];
  const section = digit ? WORK_ORDER_SECTIONS[Number(digit) - 1] : undefined;
  return section ? { type: 'section', section } : null;
}

/** The shortcut as agents read it (never "CommandOrControl"). */
export function shortcutText(shortcut: WorkOrderKey, mac = false): string {
  const ctrl = mac ? '⌘' : 'Ctrl';
  return shortcut.type === 'submit' ? `${ctrl}+Enter` : `${ctrl}+${WORK_ORDER_SECTIONS.indexOf(shortcut.section) + 1}`;
}
