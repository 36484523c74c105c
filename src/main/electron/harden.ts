import type { BrowserWindow, HIDDevice, Session } from 'electron';
import { originOf } from '../app-origin';

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
    const fromApp = originOf(details.requestingUrl) === appOrigin;
    // A media request must name what it wants, and only audio: one that names nothing
    // (an empty or missing list) is refused rather than read as "nothing but audio".
    const mediaTypes = (details as { mediaTypes?: string[] }).mediaTypes ?? [];
    const audioOnly = permission !== 'media' || (mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio'));
    callback(fromApp && ALLOWED_PERMISSIONS.has(permission) && audioOnly);
  });
  // Checks (e.g. enumerateDevices labels) follow the same rule: a camera check is refused too.
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin, details) =>
      requestingOrigin === appOrigin &&
      (ALLOWED_PERMISSIONS.has(permission) || permission === 'hid') &&
      (permission !== 'media' || details.mediaType !== 'video'),
  );
  allowTelephonyHeadsets(session, appOrigin);
}

/** HID usage page 0x0B (Telephony): a headset's hook switch, mute and ring LED. */
const TELEPHONY_USAGE_PAGE = 0x0b;
const isTelephonyDevice = (device: HIDDevice): boolean =>
  device.collections.some((collection) => collection.usagePage === TELEPHONY_USAGE_PAGE);

/**
 * WebHID for headset call buttons, and nothing else on the HID bus: only our
 * origin, only devices with a telephony collection (never keyboards, security
 * keys or other HID devices). The renderer asks with a telephony filter; main
 * picks the first matching headset, as Electron shows no chooser of its own.
 */
function allowTelephonyHeadsets(session: Session, appOrigin: string): void {
  session.setDevicePermissionHandler(
    (details) => details.deviceType === 'hid' && details.origin === appOrigin && isTelephonyDevice(details.device as HIDDevice),
  );
  session.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    const origin = details.frame ? originOf(details.frame.url) : null;
    const headset = origin === appOrigin ? details.deviceList.find(isTelephonyDevice) : undefined;
    callback(headset?.deviceId ?? null);
  });
}

/** No navigation away, no new windows, no webviews: the window only ever shows our app. */
export function hardenWindow(window: BrowserWindow, appOrigin: string): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (originOf(url) !== appOrigin) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (originOf(url) !== appOrigin) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
