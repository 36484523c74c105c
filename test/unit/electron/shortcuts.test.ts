// The `electron` module is replaced by a fake (./fake-electron) because the
// Electron binary cannot be downloaded or run here; the fake follows Electron's
// documented globalShortcut and webContents behaviour.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { createGlobalShortcuts } from '../../../src/main/electron/shortcuts';
import { DEFAULT_SHORTCUTS } from '../../../src/shared/domain/agent-state';
import { FakeWebContents, fakeGlobalShortcut as os } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('global shortcuts', () => {
  let contents: FakeWebContents | null;
  const make = () => createGlobalShortcuts(() => contents as unknown as WebContents | null);

  beforeEach(() => {
    os.reset();
    contents = new FakeWebContents();
  });

  it('registers every configured accelerator, and a press tells the renderer which action', () => {
    expect(make().apply(DEFAULT_SHORTCUTS)).toEqual([]);
    for (const accelerator of Object.values(DEFAULT_SHORTCUTS)) expect(os.isRegistered(accelerator)).toBe(true);

    os.press('CommandOrControl+Alt+H');
    os.press('CommandOrControl+Alt+A');
    os.press('CommandOrControl+Alt+R');
    expect(contents!.sent).toEqual([
      { channel: 'shortcuts:pressed', args: [{ action: 'hangup' }] },
      { channel: 'shortcuts:pressed', args: [{ action: 'answer' }] },
      { channel: 'shortcuts:pressed', args: [{ action: 'ready' }] },
    ]);
  });

  it('an empty accelerator means no shortcut for that action: nothing registered, nothing refused', () => {
    expect(make().apply({ ...DEFAULT_SHORTCUTS, hold: '' })).toEqual([]);
    expect(os.ours.size).toBe(Object.keys(DEFAULT_SHORTCUTS).length - 1);
  });

  it('applying again replaces the previous shortcuts', () => {
    const shortcuts = make();
    shortcuts.apply(DEFAULT_SHORTCUTS);
    shortcuts.apply({ answer: 'Ctrl+Shift+F1', hangup: 'Ctrl+Shift+F2', mute: '', hold: '', ready: '' });

    expect(os.isRegistered(DEFAULT_SHORTCUTS.answer)).toBe(false);
    expect(os.ours.size).toBe(2);
    os.press(DEFAULT_SHORTCUTS.answer);
    os.press('Ctrl+Shift+F2');
    expect(contents!.sent).toEqual([{ channel: 'shortcuts:pressed', args: [{ action: 'hangup' }] }]);
  });

  it('reports a combination another application holds as refused and keeps the others', () => {
    os.holdElsewhere('Ctrl+Alt+M');
    expect(make().apply(DEFAULT_SHORTCUTS)).toEqual(['mute']);
    expect(os.ours.size).toBe(Object.keys(DEFAULT_SHORTCUTS).length - 1);
    os.press('Ctrl+Alt+M');
    expect(contents!.sent).toEqual([]);
  });

  it('reports a malformed accelerator as refused instead of throwing', () => {
    expect(make().apply({ ...DEFAULT_SHORTCUTS, mute: 'Ctrl+Alt+Banana' })).toEqual(['mute']);
    expect(os.ours.size).toBe(Object.keys(DEFAULT_SHORTCUTS).length - 1);
  });

  it('refuses the second of two actions given the same combination', () => {
    // CommandOrControl is Ctrl on Linux and Windows, so these are one combination.
    expect(make().apply({ ...DEFAULT_SHORTCUTS, mute: 'Ctrl+Alt+A' })).toEqual(['mute']);
    os.press('Ctrl+Alt+A');
    expect(contents!.sent).toEqual([{ channel: 'shortcuts:pressed', args: [{ action: 'answer' }] }]);
  });

  it('a press while the window is gone reaches nobody and does not throw', () => {
    make().apply(DEFAULT_SHORTCUTS);
    const destroyed = contents!;
    destroyed.destroy(); // send() on it would now throw, as in Electron.
    expect(() => os.press(DEFAULT_SHORTCUTS.answer)).not.toThrow();
    contents = null;
    expect(() => os.press(DEFAULT_SHORTCUTS.answer)).not.toThrow();
    expect(destroyed.sent).toEqual([]);
  });

  it('clear() unregisters everything it registered', () => {
    const shortcuts = make();
    shortcuts.apply(DEFAULT_SHORTCUTS);
    shortcuts.clear();
    expect(os.ours.size).toBe(0);
  });
});
