/**
 * The renderer's origin in Electron (`app://hotline`, a privileged standard
 * scheme registered in electron/app-protocol.ts), and how main finds a URL's
 * origin. Plain Node: the IPC sender policy uses it in tests as in the app.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://hotline`;

/**
 * The origin of `url` as Chromium sees it, or null when it has none. Node's URL
 * (the main process's) does not know that `app:` is registered as a standard
 * scheme and gives `new URL('app://hotline/x').origin` as "null", so our own
 * origin is built from the scheme and host here. An opaque origin ("null":
 * data:, blob: of one, about:) is never trusted, so it maps to null too.
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
