// A small stand-in for the `electron` module, for the tests of src/main/electron/.
// The Electron binary cannot be downloaded or run on the test machines, so this
// fake (installed with vi.mock('electron', ...)) replaces it. It follows the
// documented behaviour of Electron 45 (node_modules/electron/electron.d.ts) for
// the few APIs the glue uses, including that a destroyed window or webContents
// throws when used, and that webContents.send structured-clones its arguments.
import { EventEmitter } from 'node:events';
import { X509Certificate } from 'node:crypto';
import type { BrowserWindowConstructorOptions, Certificate, DevicePermissionHandlerHandlerDetails, HandlerDetails, Request, WindowOpenHandlerResponse } from 'electron';

/** Electron's main-process event: listeners may call preventDefault(). */
export class FakeEvent<Params extends object = object> {
  defaultPrevented = false;
  constructor(params?: Params) {
    Object.assign(this, params);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

const destroyedError = () => new TypeError('Object has been destroyed');

export class FakeWebContents extends EventEmitter {
  /** What reached the renderer through send(): channel and the structured clone of the arguments. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private destroyed = false;
  private windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw destroyedError();
    this.sent.push({ channel, args: structuredClone(args) });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  /** The page called window.open(url): what the handler decides (Electron allows when no handler is set). */
  windowOpen(url: string): WindowOpenHandlerResponse {
    const details: HandlerDetails = { url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'strict-origin-when-cross-origin' } };
    return this.windowOpenHandler ? this.windowOpenHandler(details) : { action: 'allow' };
  }
  /** The page tries to navigate the main frame to `url` (will-navigate); true when a listener prevented it. */
  navigate(url: string): boolean {
    return this.emitPreventable('will-navigate', url);
  }
  /** A server-side redirect during navigation to `url` (will-redirect); true when prevented. */
  redirect(url: string): boolean {
    return this.emitPreventable('will-redirect', url);
  }
  /** A <webview> is about to be attached; true when prevented (Electron then destroys the guest). */
  attachWebview(src: string): boolean {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, {}, { src });
    return event.defaultPrevented;
  }
  private emitPreventable(name: string, url: string): boolean {
    // Electron 45 passes the details on the event and, deprecated, the URL and flags as arguments.
    const event = new FakeEvent({ url, isSameDocument: false, isMainFrame: true, frame: null });
    this.emit(name, event, url, false, true, 1, 1);
    return event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  private destroyed = false;
  private visible: boolean;
  private minimized = false;
  private focused = false;

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super();
    this.visible = options.show !== false;
    FakeBrowserWindow.instances.push(this);
  }
  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadURL(url: string): Promise<void> {
    this.alive();
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  isVisible(): boolean {
    this.alive();
    return this.visible;
  }
  isMinimized(): boolean {
    this.alive();
    return this.minimized;
  }
  isFocused(): boolean {
    this.alive();
    return this.focused;
  }
  show(): void {
    this.alive();
    this.visible = true;
    this.focused = true;
  }
  hide(): void {
    this.alive();
    this.visible = false;
    this.focused = false;
  }
  minimize(): void {
    this.alive();
    this.minimized = true;
    this.focused = false;
  }
  restore(): void {
    this.alive();
    this.minimized = false;
  }
  focus(): void {
    this.alive();
    this.focused = true;
  }
  /** Like the user clicking the close button: 'close' may be prevented; otherwise the window goes. */
  close(): void {
    this.alive();
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  /** Forced close: no 'close' event, only 'closed'. */
  destroy(): void {
    this.alive();
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

type VerifyProc = (request: Request, callback: (verificationResult: number) => void) => void;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: object) => boolean;

/** The parts of Session the glue sets: the handlers are kept so a test can call them as Chromium would. */
export class FakeSession extends EventEmitter {
  verifyProc: VerifyProc | null = null;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: DevicePermissionHandlerHandlerDetails) => boolean) | null = null;

  setCertificateVerifyProc(proc: VerifyProc | null): void {
    this.verifyProc = proc;
  }
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((details: DevicePermissionHandlerHandlerDetails) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
}

/** Electron's Certificate for a PEM chain, leaf first, each linked to the next as its issuerCert. */
export function electronCertificate(chain: readonly string[]): Certificate {
  const [pem, ...rest] = chain;
  if (pem === undefined) throw new Error('empty chain');
  const x509 = new X509Certificate(pem);
  const principal = (dn: string) => {
    const field = (key: string) => dn.split('\n').find((line) => line.startsWith(`${key}=`))?.slice(key.length + 1) ?? '';
    return { commonName: field('CN'), organizations: [field('O')].filter(Boolean), organizationUnits: [], locality: '', state: '', country: '' };
  };
  const certificate: Certificate = {
    data: pem,
    fingerprint: `sha256/${Buffer.from(x509.fingerprint256.replaceAll(':', ''), 'hex').toString('base64')}`,
    issuer: principal(x509.issuer),
    issuerName: principal(x509.issuer).commonName,
    subject: principal(x509.subject),
    subjectName: principal(x509.subject).commonName,
    serialNumber: x509.serialNumber.toLowerCase(),
    validStart: Date.parse(x509.validFrom) / 1000,
    validExpiry: Date.parse(x509.validTo) / 1000,
    // Absent for the last certificate, as Electron leaves it out for a chain's end.
    issuerCert: (rest.length > 0 ? electronCertificate(rest) : undefined) as Certificate,
  };
  return certificate;
}

const MODIFIERS = new Map([
  ['command', 'cmd'], ['cmd', 'cmd'], ['control', 'ctrl'], ['ctrl', 'ctrl'], ['commandorcontrol', 'ctrl'], ['cmdorctrl', 'ctrl'],
  ['alt', 'alt'], ['option', 'alt'], ['altgr', 'altgr'], ['shift', 'shift'], ['super', 'super'], ['meta', 'super'],
]);
const NAMED_KEYS = /^(?:[a-z0-9]|f(?:[1-9]|1[0-9]|2[0-4])|space|enter|return|backspace|delete|insert|home|end|pageup|pagedown|up|down|left|right|escape|esc|tab|plus|num[0-9])$/;

/** The combination an accelerator stands for on Linux and Windows (CommandOrControl is Ctrl), or a TypeError as Electron throws. */
function combination(accelerator: string): string {
  const tokens = accelerator.toLowerCase().split('+');
  const key = tokens.pop() ?? '';
  const modifiers = tokens.map((token) => MODIFIERS.get(token));
  if (!NAMED_KEYS.test(key) || modifiers.some((modifier) => modifier === undefined)) {
    throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
  }
  return [...new Set(modifiers)].sort().concat(key).join('+');
}

/**
 * The OS's global shortcuts as Electron's globalShortcut sees them: register()
 * returns false for a combination another app holds or this app already has,
 * and throws for an accelerator it cannot parse.
 */
export const fakeGlobalShortcut = {
  ours: new Map<string, () => void>(),
  heldByOtherApps: new Set<string>(),
  register(accelerator: string, callback: () => void): boolean {
    const combo = combination(accelerator);
    if (this.heldByOtherApps.has(combo) || this.ours.has(combo)) return false;
    this.ours.set(combo, callback);
    return true;
  },
  unregister(accelerator: string): void {
    this.ours.delete(combination(accelerator));
  },
  unregisterAll(): void {
    this.ours.clear();
  },
  isRegistered(accelerator: string): boolean {
    return this.ours.has(combination(accelerator));
  },
  /** Another application takes this combination. */
  holdElsewhere(accelerator: string): void {
    this.heldByOtherApps.add(combination(accelerator));
  },
  /** The agent presses the keys: our callback runs if we hold the combination. */
  press(accelerator: string): void {
    this.ours.get(combination(accelerator))?.();
  },
  reset(): void {
    this.ours.clear();
    this.heldByOtherApps.clear();
  },
};

// The module surface the glue imports.
export const BrowserWindow = FakeBrowserWindow;
export const globalShortcut = fakeGlobalShortcut;
