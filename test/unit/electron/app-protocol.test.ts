// The `electron` module is replaced by a fake (./fake-electron) because the
// Electron binary cannot be downloaded or run here. The fake protocol keeps the
// handler serveRenderer installs and calls it with a Request, as Electron 45's
// protocol.handle does (for a standard scheme, after Chromium has canonicalised
// the URL); the fake net.fetch reads file: URLs from disk, as Electron's does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerAppScheme, serveRenderer } from '../../../src/main/electron/app-protocol';
import { RendererCsp } from '../../../src/main/renderer-csp';
import { makeTempDir } from '../../support/temp-dir';
import { fakeProtocol, type PageLoad } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const INDEX = '<!doctype html><title>Hotline Desk</title><script src="assets/a.js"></script>';
const SCRIPT = 'document.title += " ready";';
const SECRET = 'not part of the renderer: agent passwords live here';

describe('app:// protocol', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let secretPath: string;

  beforeEach(() => {
    dir = makeTempDir();
    const renderer = join(dir.path, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), INDEX);
    writeFileSync(join(renderer, 'assets', 'a.js'), SCRIPT);
    // Next to the renderer folder, and in a sibling whose name starts like it.
    secretPath = join(dir.path, 'secret');
    writeFileSync(secretPath, SECRET);
    mkdirSync(join(dir.path, 'renderer-private'));
    writeFileSync(join(dir.path, 'renderer-private', 'secret'), SECRET);
    registerAppScheme();
    serveRenderer(renderer);
  });
  afterEach(() => {
    fakeProtocol.reset();
    dir.remove();
  });

  it('registers app as a standard, secure scheme that fetch() may use, with V8 code caching', () => {
    expect(fakeProtocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, codeCache: true }) },
    ]);
    expect(fakeProtocol.isProtocolHandled('app')).toBe(true);
  });

  it('serves index.html at / and /index.html', async () => {
    expect(await fakeProtocol.load('app://hotline/')).toEqual({ status: 200, body: INDEX });
    expect(await fakeProtocol.load('app://hotline/index.html')).toEqual({ status: 200, body: INDEX });
    expect(await fakeProtocol.load('app://hotline/index.html?call=1')).toEqual({ status: 200, body: INDEX });
  });

  it('serves the renderer’s assets', async () => {
    expect(await fakeProtocol.load('app://hotline/assets/a.js')).toEqual({ status: 200, body: SCRIPT });
    expect(await fakeProtocol.load('app://hotline/assets/./../assets/a.js')).toEqual({ status: 200, body: SCRIPT });
  });

  it.each(['app://evil/index.html', 'app://hotline.evil.example/index.html', 'app://localhost/assets/a.js'])('answers 404 for another host: %s', async (url) => {
    expect(await fakeProtocol.load(url)).toEqual({ status: 404, body: 'Not found' });
  });

  it.each([
    '/..%2fsecret',
    '/..%2Fsecret',
    '/%2e%2e%2fsecret',
    '/assets/..%2f..%2fsecret',
    '/..%2frenderer-private%2fsecret',
    '/index.html%00%2f..%2f..%2fsecret',
  ])('forbids a path that decodes to outside the renderer: %s', async (path) => {
    expect(await fakeProtocol.load(`app://hotline${path}`)).toEqual({ status: 403, body: 'Forbidden' });
  });

  it.each(['/%E0%A4%A', '/assets/%zz.js', '/%', '/index.html%C0'])('answers 400 instead of throwing for a malformed percent escape: %s', async (path) => {
    expect(await fakeProtocol.load(`app://hotline${path}`)).toEqual({ status: 400, body: 'Bad request' });
  });

  it('sends HTML pages with the CSP main computes (connect-src narrowed to the configured servers); other files without', async () => {
    fakeProtocol.reset();
    registerAppScheme();
    let servers = ['wss://pbx.example.cn:7443/ws'];
    const csp = new RendererCsp(() => servers);
    serveRenderer(join(dir.path, 'renderer'), () => csp.header());
    const policy = (await fakeProtocol.headersOf('app://hotline/'))?.get('content-security-policy') ?? '';
    expect(policy).toMatch(/(^|; )connect-src 'self' wss:\/\/pbx\.example\.cn:7443(;|$)/);
    expect(policy).not.toMatch(/connect-src[^;]* (ws:|wss:)( |;|$)/);
    expect((await fakeProtocol.headersOf('app://hotline/assets/a.js'))?.has('content-security-policy')).toBe(false);
    // The page still loads as before.
    expect(await fakeProtocol.load('app://hotline/')).toEqual({ status: 200, body: INDEX });
    servers = ['wss://pbx2.example.cn'];
    expect(csp.changedSinceServed()).toBe(true);
  });

  it('forbids climbing to the root and down to the file', async () => {
    const path = `/${'..%2f'.repeat(30)}${secretPath.slice(1).replaceAll('/', '%2f')}`;
    expect(await fakeProtocol.load(`app://hotline${path}`)).toEqual({ status: 403, body: 'Forbidden' });
  });

  /** A page may get a refusal or a failed load, never the file. */
  const expectNoSecret = (outcome: PageLoad) => {
    expect('error' in outcome ? 'failed' : outcome.status).toBeOneOf(['failed', 400, 403, 404]);
    expect('body' in outcome ? outcome.body : '').not.toContain(SECRET);
  };

  it.each([
    '/../secret',
    '/../../secret',
    '/%2e%2e/secret',
    '/%2E%2E/secret',
    '/.%2e/secret',
    '/assets/%2e%2e/%2e%2e/secret',
    '/assets/../../secret',
    '/..%2fsecret',
    '/%2e%2e%2f%2e%2e%2fsecret',
    '/..%5csecret',
    '/..%5C..%5Csecret',
    '/..\\secret',
    '/assets\\..\\..\\secret',
    '/%252e%252e/secret',
    '/%252e%252e%252fsecret',
    '/../renderer-private/secret',
    '/%2e%2e/renderer-private/secret',
    '//..%2fsecret',
    '/index.html%00/../../secret',
    '/%E0%A4%A',
  ])('never serves a file outside the renderer: %s', async (path) => {
    const url = `app://hotline${path}`;
    expectNoSecret(await fakeProtocol.load(url));
    // And were a URL to reach the handler without Chromium's canonicalisation.
    expectNoSecret(await fakeProtocol.loadAsIs(url));
  });

  it('never serves a file named by its absolute path', async () => {
    for (const path of [`/${encodeURIComponent(secretPath)}`, secretPath, `/${secretPath}`, `/${pathToFileURL(secretPath).href}`]) {
      const url = `app://hotline${path}`;
      expectNoSecret(await fakeProtocol.load(url));
      expectNoSecret(await fakeProtocol.loadAsIs(url));
    }
  });
});
