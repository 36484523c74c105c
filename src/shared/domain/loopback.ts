/**
 * Whether a URL's host is this machine (loopback): the only place an
 * unencrypted link (http://, ws://) cannot be read or changed by someone on
 * the network between the desk and the server.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  // IPv4 127.0.0.0/8, also as an IPv4-mapped IPv6 address.
  const v4 = bare.replace(/^::ffff:/, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** The host of `url` if it parses, else null. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** `url` uses `scheme` (e.g. 'ws:' or 'http:') to a host that is not loopback. */
export function isCleartextToNetwork(url: string, scheme: 'ws:' | 'http:'): boolean {
  if (!url.trim().toLowerCase().startsWith(`${scheme}//`)) return false;
  const host = hostOf(url.trim());
  return host === null || !isLoopbackHost(host);
}
