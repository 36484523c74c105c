/**
 * The renderer's Content-Security-Policy as main sends it with each page. The
 * page's own <meta> policy must allow any SIP server an agent may configure
 * (`connect-src ws: wss:`), so on its own it lets a page script reach any host.
 * Browsers enforce every policy a page has, so this header narrows
 * `connect-src` to the servers configured now: the SIP server and its backups.
 * (The work-order service is reached by main, never by the page.)
 */
const BASE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/**
 * CSP source expressions (scheme://host:port) for the configured servers.
 * Anything that is not a plain ws:// or wss:// URL is left out: a stored value
 * must never be able to add other sources or directives to the header.
 */
export function connectSources(servers: readonly string[]): string[] {
  const out: string[] = [];
  for (const server of servers) {
    let url: URL;
    try {
      url = new URL(server.trim());
    } catch {
      continue;
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') continue;
    if (!/^[a-z0-9.\-[\]:]+$/i.test(url.host)) continue;
    const source = `${url.protocol}//${url.host}`;
    if (!out.includes(source)) out.push(source);
  }
  return out;
}

export function rendererCsp(servers: readonly string[]): string {
  return [...BASE_POLICY, ["connect-src 'self'", ...connectSources(servers)].join(' ')].join('; ');
}

/**
 * Remembers the servers the current page was served with: once the agent saves
 * other ones, the page must be loaded again to reach them.
 */
export class RendererCsp {
  private served: string | null = null;

  constructor(private readonly servers: () => readonly string[]) {}

  /** The policy for a page being served now. */
  header(): string {
    const sources = connectSources(this.servers());
    this.served = sources.join(' ');
    return rendererCsp(sources);
  }

  /** The configured servers differ from those the page was served with. */
  changedSinceServed(): boolean {
    return this.served !== null && connectSources(this.servers()).join(' ') !== this.served;
  }
}
