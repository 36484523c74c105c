import { net, protocol } from 'electron';
import { join, normalize, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://hotline`;

/**
 * The origin of `url` as Chromium sees it, or null when it has none. Node's URL
 * (the main process's) does not know that `app:` is registered as a standard
 * scheme and gives `new URL('app://hotline/x').origin` as "null", so our own
 * origin is built from the scheme and host here.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host ? `${APP_SCHEME}://${parsed.host.toLowerCase()}` : null;
  return parsed.origin === 'null' ? null : parsed.origin;
}

/** Must run before `app.ready`: a secure, standard scheme so getUserMedia and fetch work. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rendererDir`, refusing anything outside it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'hotline') return new Response('Not found', { status: 404 });
    const wanted = normalize(join(rendererDir, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
    const inside = relative(rendererDir, wanted);
    if (inside.startsWith('..') || isAbsolute(inside)) return new Response('Forbidden', { status: 403 });
    return net.fetch(pathToFileURL(wanted).toString());
  });
}
