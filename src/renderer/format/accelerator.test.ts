import { describe, expect, it } from 'vitest';
import { ariaKeyShortcuts, describeAccelerator, matchesAccelerator } from './accelerator';

const press = (code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key: code.replace(/^Key|^Digit/, '').toLowerCase(),
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('accelerators as agents read and press them', () => {
  it('names keys the way the keyboard does, not as Electron spells them', () => {
    expect(describeAccelerator('CommandOrControl+Alt+A', false)).toBe('Ctrl+Alt+A');
    expect(describeAccelerator('CommandOrControl+Alt+A', true)).toBe('Cmd+Alt+A');
  });

  it('names them for aria-keyshortcuts with the key values screen readers expect', () => {
    expect(ariaKeyShortcuts('CommandOrControl+Alt+R', false)).toBe('Control+Alt+R');
    expect(ariaKeyShortcuts('CommandOrControl+Alt+R', true)).toBe('Meta+Alt+R');
    expect(ariaKeyShortcuts('Ctrl+Shift+F2', false)).toBe('Control+Shift+F2');
  });

  it('matches exactly the modifiers asked for', () => {
    expect(matchesAccelerator(press('KeyA', { ctrlKey: true, altKey: true }), 'CommandOrControl+Alt+A', false)).toBe(true);
    expect(matchesAccelerator(press('KeyA', { ctrlKey: true }), 'CommandOrControl+Alt+A', false)).toBe(false);
    expect(matchesAccelerator(press('KeyA', { ctrlKey: true, altKey: true, shiftKey: true }), 'CommandOrControl+Alt+A', false)).toBe(false);
    expect(matchesAccelerator(press('KeyH', { ctrlKey: true, altKey: true }), 'CommandOrControl+Alt+A', false)).toBe(false);
    expect(matchesAccelerator(press('KeyA', { ctrlKey: true, altKey: true }), '', false)).toBe(false);
  });
});
