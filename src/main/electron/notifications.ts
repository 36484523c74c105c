import { Notification, type BrowserWindow } from 'electron';

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

/**
 * An emergency on the floor (issue 12): an OS notification from main, so it
 * shows while the window is behind others or minimised; a click brings the
 * window forward (the renderer's floor already shows the alert).
 */
export function showFloorNotice(notice: { title: string; body: string }, window: () => BrowserWindow | null | undefined): void {
  if (!Notification.isSupported()) return;
  const shown = new Notification({ title: notice.title, body: notice.body, urgency: 'critical', timeoutType: 'never' });
  shown.on('click', () => focusForIncomingCall(window()));
  shown.show();
}
