// The `electron` module is replaced by a fake (./fake-electron) because the
// Electron binary cannot be downloaded or run here; the fake window keeps the
// state Electron's BrowserWindow documents and throws once destroyed, as Electron does.
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { focusForIncomingCall } from '../../../src/main/electron/notifications';
import { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const focus = (window: FakeBrowserWindow | null | undefined) => focusForIncomingCall(window as unknown as BrowserWindow | null | undefined);

describe('clicking the incoming-call notification', () => {
  it('restores a minimised window and focuses it', () => {
    const window = new FakeBrowserWindow();
    window.minimize();
    focus(window);
    expect([window.isMinimized(), window.isVisible(), window.isFocused()]).toEqual([false, true, true]);
  });

  it('shows a hidden window and focuses it', () => {
    const window = new FakeBrowserWindow({ show: false });
    focus(window);
    expect([window.isVisible(), window.isFocused()]).toEqual([true, true]);
  });

  it('raises a window that is visible but behind other applications', () => {
    const window = new FakeBrowserWindow();
    focus(window);
    expect(window.isFocused()).toBe(true);
  });

  it('does nothing for a destroyed window or none', () => {
    const window = new FakeBrowserWindow();
    window.destroy(); // Any further call on it throws, as in Electron.
    expect(() => focus(window)).not.toThrow();
    expect(() => focus(null)).not.toThrow();
    expect(() => focus(undefined)).not.toThrow();
  });
});
