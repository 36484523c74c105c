import type { BrowserWindow } from 'electron';

/**
 * The agent clicked the incoming-call notification (shown by the renderer with
 * the web Notification API): bring the window to the front. A renderer's own
 * window.focus() cannot raise a minimised or background window on every OS.
 */
export function focusForIncomingCall(window: BrowserWindow | null | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
