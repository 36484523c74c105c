import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Admission } from '../../../services/workorder/admission';
import { CAN_SHARE_PORT, listenOnSockets, type Listening } from '../../../services/workorder/listen-sockets';
import { SQLITE_PACING } from '../../../services/workorder/service';
import { startFixture, type Fixture } from './fixture';

/** Counts turns of the event loop (one per check phase) until stopped. */
function turnCounter(): { readonly turns: number; stop(): void } {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop: () => {
      running = false;
    },
  };
}

/** The loop busy for `ms` (what a turn that commits to a slow disk looks like to everything else). */
function blockLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: nothing else runs, connections queue in the kernel
  }
}

/** Listening TCP sockets on `port` (IPv4), from the kernel's table. */
function listeningSocketsOn(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A';
    }).length;
}

describe('admission paces synchronous work (SQLite)', () => {
  it('startsPerTurn 1: requests admitted in one turn begin in successive turns, in order', async () => {
    const admission = new Admission({ startsPerTurn: 1, maxInFlight: 8, maxLagMs: 0 });
    const far = Date.now() + 60_000;
    const counter = turnCounter();
    const began: { id: number; turn: number }[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (id) => {
        const release = await admission.enter(far);
        began.push({ id, turn: counter.turns });
        release();
      }),
    );
    counter.stop();
    admission.close();
    expect(began.map((b) => b.id)).toEqual([0, 1, 2, 3]);
    const turns = began.map((b) => b.turn);
    expect(new Set(turns).size).toBe(4);
  });

  it('readFirstMs: while connections keep being accepted, work begins at most once per readFirstMs; without them, on the next turn', async () => {
    const admission = new Admission({ startsPerTurn: 1, readFirstMs: 80, maxInFlight: 8, maxLagMs: 0 });
    const far = Date.now() + 60_000;
    // Nothing being accepted: the first request begins at once (next turn).
    let started = performance.now();
    (await admission.enter(far))();
    expect(performance.now() - started).toBeLessThan(50);
    // A storm: a connection accepted in every turn. The next request waits for readFirstMs since the last start.
    let storming = true;
    const accept = () => {
      if (!storming) return;
      admission.noteConnection();
      setImmediate(accept);
    };
    accept();
    started = performance.now();
    const first = await admission.enter(far);
    const firstAt = performance.now();
    first();
    const second = await admission.enter(far);
    const secondAt = performance.now();
    second();
    storming = false;
    admission.close();
    expect(secondAt - firstAt).toBeGreaterThanOrEqual(75);
    // Bounded: work is delayed, never starved.
    expect(secondAt - started).toBeLessThan(2_000);
  });

  it('the time a request waited unread counts against its wait in line: refused within about maxWaitMs of being sent', async () => {
    const admission = new Admission({ maxInFlight: 1, maxWaitMs: 1_000, maxLagMs: 0 });
    const far = Date.now() + 60_000;
    const holder = await admission.enter(far);
    const started = performance.now();
    // It sat 800 ms in the kernel's queue before it was read: 200 ms of line are left, not 1 s.
    await expect(admission.enter(far, 800)).rejects.toMatchObject({ status: 503, code: 'busy' });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(150);
    expect(waited).toBeLessThan(700);
    holder();
    admission.close();
  });

  it('the service paces SQLite: one start a turn, four in the store, reads first while connections come in', () => {
    expect(SQLITE_PACING).toEqual({ startsPerTurn: 1, maxInFlight: 4, readFirstMs: 50 });
  });
});

describe.runIf(CAN_SHARE_PORT)('several listening sockets on one port (Linux SO_REUSEPORT)', () => {
  const opened: { server: Server; listening: Listening }[] = [];
  const clients: Socket[] = [];
  let fx: Fixture | undefined;
  afterEach(async () => {
    clients.splice(0).forEach((socket) => socket.destroy());
    for (const { server, listening } of opened.splice(0)) {
      await listening.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await fx?.close();
    fx = undefined;
  });

  /** A plain server that answers every request, listening on `sockets` sockets; the port it got. */
  async function plainServer(sockets: number): Promise<{ port: number; accepted: () => number; listening: Listening }> {
    let accepted = 0;
    const server = createServer((_req, res) => res.end('ok'));
    server.on('connection', () => {
      accepted += 1;
    });
    const listening = await listenOnSockets(server, { port: 0, host: '127.0.0.1', backlog: 512, sockets, maxConnections: 1_000 });
    opened.push({ server, listening });
    return { port: listening.port, accepted: () => accepted, listening };
  }

  /** Opens n connections while the loop is blocked (so they wait in the kernel), then counts turns until all are accepted. */
  async function turnsToAccept(port: number, accepted: () => number, n: number): Promise<number> {
    for (let i = 0; i < n; i += 1) {
      const socket = createConnection(port, '127.0.0.1');
      socket.on('error', () => undefined);
      clients.push(socket);
    }
    // The handshakes complete in the kernel while the loop is busy; none is accepted yet.
    blockLoop(150);
    const counter = turnCounter();
    for (let i = 0; i < 2_000 && accepted() < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
    counter.stop();
    expect(accepted()).toBe(n);
    return counter.turns;
  }

  it('the kernel holds that many listening sockets on the port, and they take a backlog in fewer turns than one socket', async () => {
    const one = await plainServer(1);
    expect(one.listening.sockets).toBe(1);
    expect(listeningSocketsOn(one.port)).toBe(1);
    const eight = await plainServer(8);
    expect(eight.listening.sockets).toBe(8);
    expect(listeningSocketsOn(eight.port)).toBe(8);
    const n = 64;
    const turnsOne = await turnsToAccept(one.port, one.accepted, n);
    const turnsEight = await turnsToAccept(eight.port, eight.accepted, n);
    // One socket: one connection a turn. Eight: the kernel spreads them, about eight a turn.
    expect(turnsOne).toBeGreaterThanOrEqual(n - 2);
    expect(turnsEight).toBeLessThan(n / 2);
  });

  it('the service on several sockets answers on all of them, and close() stops every one accepting', async () => {
    fx = await startFixture({ listenSockets: 4 });
    const port = Number(new URL(fx.url).port);
    expect(listeningSocketsOn(port)).toBe(4);
    const call = fx.as(fx.tokens.agentA);
    // Fresh connections each (no keep-alive), so the kernel spreads them over the sockets.
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => fetch(`${fx!.url}/healthz`, { headers: { connection: 'close' } }).then((r) => r.status)),
    );
    expect(answers.every((status) => status === 200)).toBe(true);
    expect((await call('GET', '/v1/changes?since=head')).status).toBe(200);
    await fx.close();
    fx = undefined;
    expect(listeningSocketsOn(port)).toBe(0);
  });
});
