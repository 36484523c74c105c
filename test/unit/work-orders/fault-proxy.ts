import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the proxy can do to one request. */
export const FAULTS = [
  'refuse-window', // stop listening for a while: new connections are refused, open ones cut
  'reset-before', // cut the connection before the request reaches the service
  'reset-mid-response', // the service handles it; the answer is cut halfway
  '500-before', // 500 without asking the service
  '500-after', // the service handles it; the client gets a 500 instead
  'stall-before', // never answer (the client times out); the service never sees it
  'stall-after', // the service handles it; the answer never comes
  'duplicate', // the request reaches the service twice (concurrently)
  'slow', // answered correctly, late
] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxyOptions {
  /** The service's base URL (http://127.0.0.1:port). */
  target: string;
  /** Share of requests that get a fault, 0..1. */
  faultRate: number;
  seed?: number;
  faults?: readonly Fault[];
  /** How long a refuse window lasts (ms). */
  refuseMs?: [number, number];
  /** Delay of a slow answer (ms). */
  slowMs?: [number, number];
}

export interface FaultProxy {
  url: string;
  /** Requests seen and faults injected, by kind. */
  stats: { requests: number; forwarded: number } & Record<Fault, number>;
  close(): Promise<void>;
}

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of the work-order service:
 * refused connections, resets before and mid-response, 500s before and after
 * the service acted, stalls (client timeouts), slow answers and duplicated
 * deliveries of the same request. Seeded, so a failure can be replayed.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = prng(options.seed ?? 12345);
  const faults = options.faults ?? FAULTS;
  const [refuseMin, refuseMax] = options.refuseMs ?? [20, 120];
  const [slowMin, slowMax] = options.slowMs ?? [10, 80];
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const stats = { requests: 0, forwarded: 0, ...Object.fromEntries(FAULTS.map((f) => [f, 0])) } as FaultProxy['stats'];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;
  let refusing = false;
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  const forward = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      stats.forwarded += 1;
      const headers = { ...req.headers, host: target.host };
      delete headers.connection;
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const reply = (res: ServerResponse, up: Upstream) => {
    const headers = { ...up.headers };
    delete headers.connection;
    delete headers['keep-alive'];
    delete headers['transfer-encoding'];
    res.writeHead(up.status, { ...headers, 'content-length': String(up.body.length) });
    res.end(up.body);
  };

  const serverError = (res: ServerResponse) => {
    const body = JSON.stringify({ error: { code: 'internal', message: 'injected 500' } });
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    stats.requests += 1;
    const fault: Fault | null = random() < options.faultRate ? faults[Math.floor(random() * faults.length)]! : null;
    if (fault) stats[fault] += 1;
    switch (fault) {
      case 'refuse-window':
        refuse(between(refuseMin, refuseMax));
        req.socket.destroy();
        return;
      case 'reset-before':
        req.socket.destroy();
        return;
      case '500-before':
        serverError(res);
        return;
      case 'stall-before':
        later(10_000, () => req.socket.destroy());
        return;
      default:
        break;
    }
    let up: Upstream;
    if (fault === 'duplicate') {
      const [first] = await Promise.all([forward(req, body), forward(req, body).catch(() => null)]);
      up = first;
    } else {
      up = await forward(req, body);
    }
    switch (fault) {
      case 'reset-mid-response': {
        const headers = { ...up.headers };
        delete headers.connection;
        delete headers['transfer-encoding'];
        res.writeHead(up.status, { ...headers, 'content-length': String(up.body.length) });
        res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
        later(1, () => req.socket.destroy());
        return;
      }
      case '500-after':
        serverError(res);
        return;
      case 'stall-after':
        later(10_000, () => req.socket.destroy());
        return;
      case 'slow':
        later(between(slowMin, slowMax), () => {
          if (!res.destroyed) reply(res, up);
        });
        return;
      default:
        reply(res, up);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    if (refusing || closed) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as { port: number }).port;

  /** Closes the listening socket (connections are refused) and cuts open ones; listens again after `ms`. */
  function refuse(ms: number): void {
    if (refusing || closed) return;
    refusing = true;
    server.close();
    for (const socket of sockets) socket.destroy();
    const reopen = (tries: number) =>
      later(tries === 0 ? ms : 10, () => {
        if (closed) return;
        listen(port).then(
          () => {
            refusing = false;
          },
          () => {
            if (tries < 50) reopen(tries + 1);
          },
        );
      });
    reopen(0);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      agent.destroy();
    },
  };
}
