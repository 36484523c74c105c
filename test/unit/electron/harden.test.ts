// The `electron` module is replaced by a fake (./fake-electron) because the
// Electron binary cannot be downloaded or run here. The fake session and
// webContents keep the handlers and listeners the glue installs, so the test
// calls them with the arguments Electron 45 documents for them.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, HIDDevice, Session } from 'electron';
import { hardenWindow, restrictPermissions } from '../../../src/main/electron/harden';
import { FakeBrowserWindow, FakeEvent, FakeSession } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const APP_ORIGIN = 'app://hotline';
const APP_PAGE = `${APP_ORIGIN}/index.html`;
const TELEPHONY = 0x0b;
const KEYBOARD = 0x01;

const hid = (deviceId: string, ...usagePages: number[]): HIDDevice => ({
  deviceId,
  name: `device ${deviceId}`,
  vendorId: 0x0b0e,
  productId: 0x0001,
  collections: usagePages.map((usagePage) => ({ usagePage, usage: 0x05, type: 1, children: [], inputReports: [], outputReports: [], featureReports: [] })),
});

describe('session permissions', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession();
    restrictPermissions(session as unknown as Session, APP_ORIGIN);
  });

  /** A permission request as Chromium makes it; resolves with what the handler granted. */
  const request = (permission: string, requestingUrl: string, mediaTypes?: string[]) =>
    new Promise<boolean>((resolve) =>
      session.permissionRequestHandler!({}, permission, resolve, { requestingUrl, isMainFrame: true, ...(mediaTypes && { mediaTypes }) }),
    );

  it('grants our page the microphone, never the camera', async () => {
    expect(await request('media', APP_PAGE, ['audio'])).toBe(true);
    expect(await request('media', APP_PAGE, ['video'])).toBe(false);
    expect(await request('media', APP_PAGE, ['audio', 'video'])).toBe(false);
    // Naming no media type is not "audio only".
    expect(await request('media', APP_PAGE, [])).toBe(false);
    expect(await request('media', APP_PAGE)).toBe(false);
  });

  it('grants audio output selection and notifications to our page only', async () => {
    expect(await request('speaker-selection', APP_PAGE)).toBe(true);
    expect(await request('notifications', APP_PAGE)).toBe(true);
    expect(await request('notifications', 'https://evil.example.com/')).toBe(false);
    expect(await request('media', 'https://evil.example.com/call', ['audio'])).toBe(false);
    expect(await request('media', 'app://other/index.html', ['audio'])).toBe(false);
    expect(await request('notifications', 'data:text/html,hello')).toBe(false);
  });

  it('denies every other permission, even to our page', async () => {
    for (const permission of ['geolocation', 'clipboard-read', 'display-capture', 'openExternal', 'unknown']) {
      expect(await request(permission, APP_PAGE)).toBe(false);
    }
  });

  it('answers permission checks for our origin only, and only for what we use', () => {
    const check = (permission: string, origin: string) => session.permissionCheckHandler!(null, permission, origin, { isMainFrame: true });
    expect(check('media', APP_ORIGIN)).toBe(true);
    expect(check('hid', APP_ORIGIN)).toBe(true);
    expect(check('notifications', APP_ORIGIN)).toBe(true);
    expect(check('geolocation', APP_ORIGIN)).toBe(false);
    expect(check('media', 'https://evil.example.com')).toBe(false);
    expect(check('hid', 'https://evil.example.com')).toBe(false);
  });

  it('answers a microphone check and refuses a camera check, as the request handler does', () => {
    const check = (mediaType: 'audio' | 'video' | 'unknown') =>
      session.permissionCheckHandler!(null, 'media', APP_ORIGIN, { isMainFrame: true, mediaType });
    expect(check('audio')).toBe(true);
    expect(check('unknown')).toBe(true);
    expect(check('video')).toBe(false);
  });

  it('lets our origin use a HID device only when it has a telephony collection', () => {
    const allowed = (device: HIDDevice, origin = APP_ORIGIN) => session.devicePermissionHandler!({ deviceType: 'hid', origin, device });
    expect(allowed(hid('headset', KEYBOARD, TELEPHONY))).toBe(true);
    expect(allowed(hid('keyboard', KEYBOARD))).toBe(false);
    expect(allowed(hid('headset', TELEPHONY), 'https://evil.example.com')).toBe(false);
  });

  describe('choosing the headset for navigator.hid.requestDevice', () => {
    /** Emits select-hid-device as Electron does; returns the chosen device and whether Electron's default was prevented. */
    const select = (frameUrl: string | null, deviceList: HIDDevice[]) => {
      const event = new FakeEvent();
      const chosen: (string | null | undefined)[] = [];
      session.emit('select-hid-device', event, { deviceList, frame: frameUrl === null ? null : { url: frameUrl } }, (id?: string | null) => chosen.push(id));
      expect(chosen).toHaveLength(1);
      return { deviceId: chosen[0], prevented: event.defaultPrevented };
    };
    const devices = [hid('keyboard', KEYBOARD), hid('headset-1', TELEPHONY), hid('headset-2', TELEPHONY)];

    it('picks the first telephony device for our page', () => {
      expect(select(APP_PAGE, devices)).toEqual({ deviceId: 'headset-1', prevented: true });
    });

    it('picks nothing when there is no headset, for another origin, or when the frame is gone', () => {
      expect(select(APP_PAGE, [hid('keyboard', KEYBOARD)])).toEqual({ deviceId: null, prevented: true });
      expect(select('https://evil.example.com/', devices)).toEqual({ deviceId: null, prevented: true });
      expect(select(null, devices)).toEqual({ deviceId: null, prevented: true });
    });
  });
});

describe('hardened window', () => {
  let window: FakeBrowserWindow;
  beforeEach(() => {
    window = new FakeBrowserWindow();
    hardenWindow(window as unknown as BrowserWindow, APP_ORIGIN);
  });

  it('denies window.open, whatever the address', () => {
    expect(window.webContents.windowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(window.webContents.windowOpen(`${APP_ORIGIN}/other.html`)).toEqual({ action: 'deny' });
  });

  it('prevents navigating or being redirected off our origin, and allows moving within it', () => {
    expect(window.webContents.navigate('https://evil.example.com/')).toBe(true);
    expect(window.webContents.navigate('file:///etc/passwd')).toBe(true);
    expect(window.webContents.redirect('https://evil.example.com/')).toBe(true);
    expect(window.webContents.navigate('app://hotline.evil.example.com/index.html')).toBe(true);
    expect(window.webContents.navigate('not a url')).toBe(true);
    // Node's URL calls the origin of our app: scheme "null"; the glue must still recognise it.
    expect(window.webContents.navigate(`${APP_ORIGIN}/index.html#/settings`)).toBe(false);
    expect(window.webContents.redirect(`${APP_ORIGIN}/index.html`)).toBe(false);
  });

  it('refuses to attach a webview', () => {
    expect(window.webContents.attachWebview(`${APP_ORIGIN}/index.html`)).toBe(true);
  });
});
