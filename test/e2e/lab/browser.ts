/**
 * Headless Chromium inside the lab namespace, and serving pages to it without a
 * network server (Playwright request interception on http://localhost, which
 * is a secure context, so getUserMedia works).
 */
import { mkdtempSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { chromium, type BrowserContext, type Route } from 'playwright-core';
import { RENDERER_JS_FLAGS } from '../../../src/main/renderer-v8-flags';
import type { SipLab } from './lab';

export interface LabBrowserOptions {
  /** WAV played as the microphone (whole browser process). `%noloop` suffix allowed. */
  fakeAudioFile?: string;
  /** More Chromium flags. */
  extraArgs?: string[];
  /** Playwright launch timeout. Default 30 s. */
  timeoutMs?: number;
  /** Which namespace the browser runs in: the lab's (default) or the agent network's (startLab({ agentNetwork: true })). */
  network?: 'lab' | 'agent';
  /**
   * V8 flags: the ones the Electron entry gives the app's renderer (default, so the tests run the
   * renderer as it ships), or Chromium's own (the phone bench's side-by-side comparison).
   */
  v8Flags?: 'app' | 'defaults';
}

export const LAB_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  // Remote audio is played by <audio> elements without a user gesture.
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Launches headless Chromium inside the lab's network namespace (the agent
 * network's with `network: 'agent'`) with a fresh profile under lab.tmpDir.
 * Returns a persistent BrowserContext; closing it closes the browser
 * (lab.stop() also kills it if a test forgets).
 */
export async function launchLabBrowser(lab: SipLab, options: LabBrowserOptions = {}): Promise<BrowserContext> {
  const userDataDir = mkdtempSync(join(lab.tmpDir, 'chromium-profile-'));
  let executablePath = lab.chromiumPath;
  if (options.network === 'agent') {
    if (!lab.agentNetwork) throw new Error('launchLabBrowser: the lab has no agent network (startLab({ agentNetwork: true }))');
    executablePath = lab.agentNetwork.chromiumPath;
  }
  const args = [...LAB_CHROMIUM_ARGS];
  if (options.v8Flags !== 'defaults') args.push(`--js-flags=${RENDERER_JS_FLAGS}`);
  if (options.fakeAudioFile) args.push(`--use-file-for-fake-audio-capture=${options.fakeAudioFile}`);
  if (options.extraArgs) args.push(...options.extraArgs);
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    chromiumSandbox: false,
    args,
    // Pages come from intercepted http://localhost (no IP, so "public" to
    // Chromium's Local Network Access checks) and talk to ws://127.0.0.1:
    // without this grant Chromium 150 blocks the WebSocket
    // (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
    permissions: ['local-network-access', 'microphone'],
    timeout: options.timeoutMs ?? 30_000,
  });
}

export interface ServedFile {
  body: string | Buffer;
  contentType?: string;
  status?: number;
  headers?: Record<string, string>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Serves fixed files at exact paths of `origin` (default http://localhost):
 *   await serveFiles(context, { '/caller/caller.html': { body: html, contentType: 'text/html' } });
 * Content type defaults from the extension. Other paths are not intercepted.
 */
export async function serveFiles(
  context: BrowserContext,
  files: Record<string, ServedFile>,
  origin = 'http://localhost',
): Promise<void> {
  const base = new URL(origin).origin;
  const table = new Map(Object.entries(files));
  await context.route(
    (url) => url.origin === base && table.has(url.pathname),
    async (route) => {
      const file = table.get(new URL(route.request().url()).pathname);
      if (!file) {
        await route.fallback();
        return;
      }
      await route.fulfill({
        status: file.status ?? 200,
        contentType: file.contentType ?? contentTypeFor(new URL(route.request().url()).pathname),
        headers: { ...NO_STORE, ...file.headers },
        body: file.body,
      });
    },
  );
}

export interface ServeDirOptions {
  /** Serve `index.html` of the root for unknown paths without an extension (SPA routing). Default false. */
  spaFallback?: boolean;
}

async function notFound(route: Route, status = 404, text = 'Not Found'): Promise<void> {
  await route.fulfill({ status, contentType: 'text/plain; charset=utf-8', headers: NO_STORE, body: `${text}\n` });
}

/**
 * Serves the directory `dir` under `urlPrefix` (e.g. http://localhost/app/ ->
 * dist/renderer). GET/HEAD only, directory -> index.html, 404 for anything
 * missing or outside `dir` (no `..`, no symlinks out of it).
 */
export async function serveDir(
  context: BrowserContext,
  urlPrefix: string,
  dir: string,
  options: ServeDirOptions = {},
): Promise<void> {
  const prefix = new URL(urlPrefix.endsWith('/') ? urlPrefix : `${urlPrefix}/`);
  const prefixPath = prefix.pathname; // ends with '/'
  const prefixNoSlash = prefixPath.slice(0, -1);
  const root = await realpath(dir);

  const resolveInside = async (relPath: string): Promise<string | undefined> => {
    const candidate = resolve(root, `.${sep}${relPath}`);
    if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      return undefined;
    }
    if (real !== root && !real.startsWith(root + sep)) return undefined;
    const info = await stat(real);
    if (info.isDirectory()) {
      const index = join(real, 'index.html');
      try {
        if ((await stat(index)).isFile()) return index;
      } catch {
        return undefined;
      }
      return undefined;
    }
    return info.isFile() ? real : undefined;
  };

  await context.route(
    (url) => url.origin === prefix.origin && (url.pathname === prefixNoSlash || url.pathname.startsWith(prefixPath)),
    async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (request.method() !== 'GET' && request.method() !== 'HEAD') {
        await notFound(route, 405, 'Method Not Allowed');
        return;
      }
      if (url.pathname === prefixNoSlash) {
        await route.fulfill({ status: 301, headers: { ...NO_STORE, location: `${prefixPath}${url.search}` }, body: '' });
        return;
      }
      let rel: string;
      try {
        rel = decodeURIComponent(url.pathname.slice(prefixPath.length));
      } catch {
        await notFound(route, 400, 'Bad Request');
        return;
      }
      const segments = rel.split('/');
      if (rel.includes('\0') || rel.includes('\\') || segments.some((s) => s === '..' || s === '.')) {
        await notFound(route);
        return;
      }
      let file = await resolveInside(rel);
      if (!file && options.spaFallback && extname(rel) === '') file = await resolveInside('index.html');
      if (!file) {
        await notFound(route);
        return;
      }
      const body = await readFile(file);
      await route.fulfill({ status: 200, contentType: contentTypeFor(file), headers: NO_STORE, body });
    },
  );
}
