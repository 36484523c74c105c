/**
 * Failover: the primary WebSocket server from the settings, then the backup
 * servers, tried in turn. After a server fails to connect the next one is
 * tried; once a server works we stay on it until it fails.
 */
const WS_URL = /^wss?:\/\/[^\s/?#]+(?::\d{1,5})?(?:[/?#]\S*)?$/i;

export function parseServerList(text: string): { servers: string[]; invalid: string[] } {
  const entries = text
    .split(/[\s,;，；]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const servers: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    if (!WS_URL.test(entry)) invalid.push(entry);
    else if (!servers.includes(entry)) servers.push(entry);
  }
  return { servers, invalid };
}

export class ServerList {
  private index = 0;
  private readonly servers: readonly string[];

  constructor(primary: string, backups: readonly string[] = []) {
    this.servers = [primary, ...backups.filter((server) => server !== primary)];
  }

  get current(): string {
    return this.servers[this.index] ?? this.servers[0]!;
  }

  get size(): number {
    return this.servers.length;
  }

  /** Moves to the next server; returns true when it wrapped around to the first (a full round failed). */
  advance(): boolean {
    this.index = (this.index + 1) % this.servers.length;
    return this.index === 0;
  }
}
