import { net, protocol } from 'electron';
import { join, normalize, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME } from '../app-origin';
import { REPLAY_AUDIO_PATH } from '../replay/replay-stream';

/**
 * Must run before `app.ready`: a secure, standard scheme so getUserMedia and
 * fetch work, with V8's code cache on (Chromium keeps it for http(s) only unless
 * a standard custom scheme asks): from the third start on, the renderer's first
 * chunk is deserialised instead of compiled, which is start-up time before the
 * phone registers. Chromium reads the cache back for classic scripts only, so
 * the build makes that chunk one (scripts/classic-entry.mts).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer from `rendererDir`, refusing anything outside it.
 * HTML pages get `contentSecurityPolicy()` as their Content-Security-Policy header
 * (renderer-csp.ts: `connect-src` narrowed to the configured servers).
 * `/recordings/…` is the replay's audio, streamed by `replayAudio` (same origin,
 * so `media-src 'self'` allows it; each URL carries a grant from `replay:open`).
 */
export function serveRenderer(rendererDir: string, contentSecurityPolicy?: () => string, replayAudio?: { handle(request: Request): Promise<Response> }): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'hotline') return new Response('Not found', { status: 404 });
    if (replayAudio && url.pathname.startsWith(REPLAY_AUDIO_PATH)) return replayAudio.handle(request);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      // A malformed % escape (e.g. "%E0%A4%A") names no file: a bad request, not a crash in main.
      return new Response('Bad request', { status: 400 });
    }
    const wanted = normalize(join(rendererDir, path));
    const inside = relative(rendererDir, wanted);
    if (inside.startsWith('..') || isAbsolute(inside)) return new Response('Forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(wanted).toString());
    if (!contentSecurityPolicy || !wanted.endsWith('.html')) return response;
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', contentSecurityPolicy());
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  });
}
