import type { Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import process from 'node:process';

export interface ListenOptions {
  port: number;
  host: string;
  /** Connections each socket's kernel queue holds before the kernel drops SYNs. */
  backlog: number;
  /**
   * Listening sockets on the port (SO_REUSEPORT, Linux): Node accepts one
   * connection per listening socket per turn of its event loop, so N sockets
   * read a reconnect storm N times faster. Elsewhere, and at 1, one socket.
   */
  sockets: number;
  /** The connection cap of the whole service, shared out between the sockets. */
  maxConnections: number;
}

export interface Listening {
  /** The port actually bound (the one asked for, or the one picked for 0). */
  port: number;
  /** How many sockets listen (1 where SO_REUSEPORT is not available). */
  sockets: number;
  /** Stops the extra sockets accepting (the server's own closes with server.close()). */
  close(): Promise<void>;
}

/**
 * The server's default on Linux: in the storm bench (2,000 desks reconnecting
 * at once on SQLite) 8 sockets read the backlog ... (docs/benchmarks.md).
 */
export const DEFAULT_LISTEN_SOCKETS = 8;

/** Whether this platform shares a port between listening sockets (Node's reusePort, Linux 3.9+). */
export const CAN_SHARE_PORT = process.platform === 'linux';

/**
 * Listens `server` on the port, and as many more sockets as asked on the same
 * port, each handing its connections to `server` (the same handler, limits and
 * connection tracking). The kernel spreads new connections over the sockets.
 */
export async function listenOnSockets(server: Server, options: ListenOptions): Promise<Listening> {
  const sockets = CAN_SHARE_PORT ? Math.max(1, Math.floor(options.sockets)) : 1;
  const share = sockets > 1;
  // Each socket counts only its own connections: the cap is shared out between them.
  const capPerSocket = Math.ceil(options.maxConnections / sockets);
  server.maxConnections = capPerSocket;
  await listen(server, { port: options.port, host: options.host, backlog: options.backlog, reusePort: share });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The service socket has no port.');
  const extra: NetServer[] = [];
  try {
    for (let i = 1; i < sockets; i += 1) {
      // noDelay as node:http sets it on the connections it accepts itself.
      const socket = createNetServer({ noDelay: true }, (connection) => server.emit('connection', connection));
      socket.maxConnections = capPerSocket;
      extra.push(socket);
      await listen(socket, { port: address.port, host: options.host, backlog: options.backlog, reusePort: true });
    }
  } catch (error) {
    await closeAll(extra);
    throw error;
  }
  return { port: address.port, sockets, close: () => closeAll(extra) };
}

function listen(server: NetServer, options: { port: number; host: string; backlog: number; reusePort: boolean }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops the sockets accepting now; the connections they handed over are the http server's to close. */
async function closeAll(servers: readonly NetServer[]): Promise<void> {
  for (const server of servers) if (server.listening) server.close();
}
