import { bridge } from '../../ipc/bridge';

/**
 * An OS notification for a call that rings while the desk is in the background.
 * Clicking it brings the window to the front (main does that: the renderer's
 * own window.focus() cannot raise a minimised window everywhere).
 */
export function notifyIncomingCall(title: string, body: string, tag: string): (() => void) | null {
  if (typeof Notification === 'undefined' || document.hasFocus()) return null;
  const show = () => {
    const notification = new Notification(title, { body, tag, requireInteraction: true, silent: true });
    notification.onclick = () => {
      window.focus();
      void bridge().agentDesk.focusWindow({}).catch(() => undefined);
      notification.close();
    };
    return notification;
  };
  let shown: Notification | null = null;
  let withdrawn = false;
  if (Notification.permission === 'granted') shown = show();
  else if (Notification.permission === 'default') {
    void Notification.requestPermission().then((permission) => {
      // The call may have stopped ringing while the permission was being asked for.
      if (permission === 'granted' && !withdrawn) shown = show();
    });
  }
  return () => {
    withdrawn = true;
    shown?.close();
  };
}
