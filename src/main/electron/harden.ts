import type { BrowserWindow, Session } from 'electron';

/**
 * The only permissions the agent desktop needs: the headset microphone, audio
 * output, notifications, and reaching the centre's PBX on the local network
 * (Chromium's Local Network Access gate blocks a WebSocket to a private or
 * loopback address without it; a call centre's PBX is nearly always on one).
 */
const ALLOWED_PERMISSIONS = new Set<string>([
  'media',
  'speaker-selection',
  'notifications',
  'local-network-access',
  'local-network',
  'loopback-network',
]);

/**
 * Grants microphone (never camera), audio output device selection,
 * notifications and local-network access to our own origin; everything else is denied.
 */
export function restrictPermissions(session: Session, appOrigin: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const fromApp = new URL(details.requestingUrl).origin === appOrigin;
    const audioOnly =
      permission !== 'media' ||
      ((details as { mediaTypes?: string[] }).mediaTypes ?? []).every((type) => type === 'audio');
    callback(fromApp && ALLOWED_PERMISSIONS.has(permission) && audioOnly);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    requestingOrigin === appOrigin && ALLOWED_PERMISSIONS.has(permission),
  );
}

/** No navigation away, no new windows, no webviews: the window only ever shows our app. */
export function hardenWindow(window: BrowserWindow, appOrigin: string): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== appOrigin) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (new URL(url).origin !== appOrigin) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
