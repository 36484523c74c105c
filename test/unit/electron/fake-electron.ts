// A small stand-in for the `electron` module, for the tests of src/main/electron/.
// The Electron binary cannot be downloaded or run on the test machines, so this
// fake (installed with vi.mock('electron', ...)) replaces it. It follows the
// documented behaviour of Electron 45 (node_modules/electron/electron.d.ts) for
// the few APIs the glue uses, including that a destroyed window or webContents
// throws when used, and that webContents.send structured-clones its arguments.
import { EventEmitter } from 'node:events';
import { X509Certificate, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type {
  BrowserWindowConstructorOptions,
  Certificate,
  CustomScheme,
  DevicePermissionHandlerHandlerDetails,
  HandlerDetails,
  Request,
  WindowOpenHandlerResponse,
} from 'electron';

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

/**
 * A frame of a page (WebFrameMain): its URL, its place in the frame tree, and
 * whether it still exists. A cross-document navigation replaces the main frame
 * (the old one is then destroyed and detached, so IPC events from it see a null senderFrame).
 */
export class FakeWebFrameMain {
  readonly frames: FakeWebFrameMain[] = [];
  private destroyed = false;

  constructor(
    readonly url: string,
    readonly parent: FakeWebFrameMain | null = null,
  ) {}
  get top(): FakeWebFrameMain {
    return this.parent ? this.parent.top : this;
  }
  get detached(): boolean {
    return this.destroyed;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The page puts an <iframe src=url> in this frame. */
  addIframe(url: string): FakeWebFrameMain {
    const child = new FakeWebFrameMain(url, this);
    this.frames.push(child);
    return child;
  }
  /** The frame goes away (navigated away from, removed, or its page closed), with its subframes. */
  destroy(): void {
    this.destroyed = true;
    for (const child of this.frames) child.destroy();
  }
}

export class FakeWebContents extends EventEmitter {
  /** What reached the renderer through send(): channel and the structured clone of the arguments. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private destroyed = false;
  private windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  private currentMainFrame = new FakeWebFrameMain('about:blank');

  /** The top frame of the page now shown. */
  get mainFrame(): FakeWebFrameMain {
    return this.currentMainFrame;
  }
  /** Loads `url` in a new main frame; the previous page's frames are gone. */
  loadURL(url: string): Promise<void> {
    if (this.destroyed) throw destroyedError();
    this.currentMainFrame.destroy();
    this.currentMainFrame = new FakeWebFrameMain(url);
    return Promise.resolve();
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw destroyedError();
    this.sent.push({ channel, args: structuredClone(args) });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.currentMainFrame.destroy();
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
    return this.webContents.loadURL(url);
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

type InvokeListener = (event: FakeIpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** What ipcMain.handle listeners receive: who sent the request. senderFrame is null once that frame is gone, as in Electron. */
export class FakeIpcMainInvokeEvent extends FakeEvent {
  readonly type = 'frame';
  readonly processId = 1;
  readonly frameId = 1;
  constructor(
    readonly sender: FakeWebContents,
    private readonly frame: FakeWebFrameMain,
  ) {
    super();
  }
  get senderFrame(): FakeWebFrameMain | null {
    return this.frame.isDestroyed() ? null : this.frame;
  }
}

/**
 * ipcMain's invoke side as Electron 45 implements it: one handler per channel
 * (a second handle() throws), arguments and replies structured-cloned across
 * the process boundary, and the renderer's invoke() rejecting with
 * "Error invoking remote method ..." when there is no handler or it throws.
 */
export const fakeIpcMain = {
  handlers: new Map<string, InvokeListener>(),
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    if (typeof listener !== 'function') throw new Error(`Expected handler to be a function, but found type '${typeof listener}'`);
    this.handlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
  /** The page in `frame` of `sender` calls ipcRenderer.invoke(channel, ...args): what the page gets back. */
  async invoke(sender: FakeWebContents, frame: FakeWebFrameMain, channel: string, ...args: unknown[]): Promise<unknown> {
    const sentArgs = structuredClone(args);
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
    try {
      return structuredClone(await handler(new FakeIpcMainInvokeEvent(sender, frame), ...sentArgs));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  },
  reset(): void {
    this.handlers.clear();
  },
};

/** Something the fake does not model: fails the test rather than passing as a page's network error. */
export class FakeLimitation extends Error {}

type ProtocolHandler = (request: globalThis.Request) => globalThis.Response | Promise<globalThis.Response>;
/** What a page gets for a URL: a response, or a network error (net::ERR_...) when the load failed. */
export type PageLoad = { status: number; body: string } | { error: string };

/**
 * Chromium's canonical form of a URL in a scheme registered as standard, as a
 * handler receives it: parsed like http(s), so dot segments (also %2e) are
 * resolved, `\` is read as `/` and the host is lowercased; other escapes such
 * as %2f stay as they are. (Unlike Chromium, port 80 would be dropped: no test uses one.)
 */
function canonicalUrl(url: string, standardSchemes: ReadonlySet<string>): string {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  if (!standardSchemes.has(scheme)) return url;
  const parsed = new URL(`http${url.slice(scheme.length)}`);
  return `${scheme}${parsed.href.slice('http'.length)}`;
}

/**
 * The protocol module: privileged-scheme registration and protocol.handle as
 * Electron 45's lib/browser/api/protocol.ts wraps it (one handler per scheme,
 * "Failed to register protocol" otherwise; a handler that throws or rejects
 * fails the load with net::ERR_UNEXPECTED, Response.error() with net::ERR_FAILED).
 */
export const fakeProtocol = {
  privileged: [] as CustomScheme[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    this.privileged.push(...customSchemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    if (!this.handlers.delete(scheme)) throw new Error(`Failed to unhandle protocol: ${scheme}`);
  },
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  },
  /** A page requests `url` (after Chromium canonicalised it): what it gets. */
  load(url: string): Promise<PageLoad> {
    const standard = new Set(this.privileged.filter((custom) => custom.privileges?.standard).map((custom) => custom.scheme));
    return this.loadAsIs(canonicalUrl(url, standard));
  },
  /** The handler gets `url` without Chromium's canonicalisation (defence in depth: URLs Chromium would never pass). */
  async loadAsIs(url: string): Promise<PageLoad> {
    const handler = this.handlers.get(url.slice(0, url.indexOf(':')).toLowerCase());
    if (!handler) return { error: 'net::ERR_UNKNOWN_URL_SCHEME' };
    try {
      const response = await handler(new globalThis.Request(url));
      if (!response || typeof response !== 'object') return { error: 'net::ERR_UNEXPECTED' };
      if (response.type === 'error') return { error: 'net::ERR_FAILED' };
      return { status: response.status, body: await response.text() };
    } catch (error) {
      if (error instanceof FakeLimitation) throw error;
      return { error: 'net::ERR_UNEXPECTED' };
    }
  },
  /** The response headers a page gets for `url` (after canonicalisation), or null when the load fails. */
  async headersOf(url: string): Promise<Headers | null> {
    const standard = new Set(this.privileged.filter((custom) => custom.privileges?.standard).map((custom) => custom.scheme));
    const canonical = canonicalUrl(url, standard);
    const handler = this.handlers.get(canonical.slice(0, canonical.indexOf(':')).toLowerCase());
    if (!handler) return null;
    try {
      const response = await handler(new globalThis.Request(canonical));
      return response.type === 'error' ? null : response.headers;
    } catch {
      return null;
    }
  },
  reset(): void {
    this.privileged.length = 0;
    this.handlers.clear();
  },
};

/**
 * net.fetch for file: URLs, read from disk as Chromium's file loader does; a
 * failure rejects with the net error string, as Electron's net.fetch does.
 * No MIME types, and directories are not modelled (Chromium redirects or lists them).
 */
export const fakeNet = {
  async fetch(input: string | globalThis.Request): Promise<globalThis.Response> {
    const url = new URL(typeof input === 'string' ? input : input.url);
    if (url.protocol !== 'file:') throw new FakeLimitation(`fake net.fetch: only file: URLs are modelled, not ${url.protocol}`);
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch {
      throw new Error('net::ERR_INVALID_URL');
    }
    if (path.includes('\0')) throw new Error('net::ERR_INVALID_URL');
    const info = await stat(path).catch(() => null);
    if (!info) throw new Error('net::ERR_FILE_NOT_FOUND');
    if (info.isDirectory()) throw new FakeLimitation(`fake net.fetch: directories are not modelled (${path})`);
    return new Response(await readFile(path));
  },
};

/**
 * safeStorage with an OS keychain the test controls: whether encryption is
 * available and which Linux backend was selected. getSelectedStorageBackend
 * exists only on Linux in Electron, so elsewhere calling it throws like
 * calling a missing method. Ciphertexts are real AES-GCM under a per-process
 * key with Chromium's "v11" prefix; encrypting while unavailable, or
 * decrypting anything else, throws as Electron documents.
 */
export const fakeSafeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  key: randomBytes(32),
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    if (process.platform !== 'linux') throw new TypeError('safeStorage.getSelectedStorageBackend is not a function');
    return this.backend;
  },
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted: Buffer): string {
    if (!this.available) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    if (encrypted.subarray(0, 3).toString() !== 'v11') {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Ciphertext does not appear to be encrypted.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(3, 15));
      decipher.setAuthTag(encrypted.subarray(15, 31));
      return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
  reset(): void {
    this.available = true;
    this.backend = 'gnome_libsecret';
  },
};

// The module surface the glue imports.
export const BrowserWindow = FakeBrowserWindow;
export const globalShortcut = fakeGlobalShortcut;
export const ipcMain = fakeIpcMain;
export const protocol = fakeProtocol;
export const net = fakeNet;
export const safeStorage = fakeSafeStorage;
