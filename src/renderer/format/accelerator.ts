/**
 * An Electron accelerator as an agent reads it: "CommandOrControl+Alt+A" is
 * "Ctrl+Alt+A" on Windows and Linux, "⌘⌥A" style names stay plain words.
 */
export function describeAccelerator(accelerator: string, mac = isMac()): string {
  return accelerator
    .split('+')
    .map((part) => {
      switch (part) {
        case 'CommandOrControl':
        case 'CmdOrCtrl':
          return mac ? 'Cmd' : 'Ctrl';
        case 'Control':
          return 'Ctrl';
        case 'Command':
          return 'Cmd';
        case 'Option':
          return 'Alt';
        default:
          return part;
      }
    })
    .join('+');
}

/** The same keys as `aria-keyshortcuts` names them (UI Events key values: Control, Meta, Alt, Shift). */
export function ariaKeyShortcuts(accelerator: string, mac = isMac()): string {
  return describeAccelerator(accelerator, mac)
    .split('+')
    .map((part) => (part === 'Ctrl' ? 'Control' : part === 'Cmd' || part === 'Super' ? 'Meta' : part))
    .join('+');
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
}

/** Whether a key press is this accelerator (for the page's own copy of the global shortcuts). */
export function matchesAccelerator(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, accelerator: string, mac = isMac()): boolean {
  if (!accelerator) return false;
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const want = { ctrl: false, meta: false, alt: false, shift: false };
  for (const part of parts) {
    if (part === 'CommandOrControl' || part === 'CmdOrCtrl') want[mac ? 'meta' : 'ctrl'] = true;
    else if (part === 'Control' || part === 'Ctrl') want.ctrl = true;
    else if (part === 'Command' || part === 'Cmd' || part === 'Super' || part === 'Meta') want.meta = true;
    else if (part === 'Alt' || part === 'Option' || part === 'AltGr') want.alt = true;
    else if (part === 'Shift') want.shift = true;
  }
  if (event.ctrlKey !== want.ctrl || event.metaKey !== want.meta || event.altKey !== want.alt || event.shiftKey !== want.shift) return false;
  // `code` (KeyA, Digit1, F5) does not change with Alt or the keyboard layout; `key` does.
  const code = event.code;
  if (/^[A-Za-z]$/.test(key)) return code === `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return code === `Digit${key}`;
  return event.key.toLowerCase() === key.toLowerCase() || code === key;
}
