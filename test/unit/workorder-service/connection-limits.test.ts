// The service against clients that misbehave on the wire: one that hangs up in
// the middle of its body, one that trickles its headers, and more connections
// than the service allows. Raw TCP sockets, so nothing smooths the misbehaviour.
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../services/workorder/admin-commands';
import { startWorkOrderService, type RunningWorkOrderService } from '../../../services/workorder/service';
import type { ServerLimits } from '../../../services/workorder/server-limits';
import { openSqliteStore } from '../../../services/workorder/store/sqlite/sqlite-store';
import { makeTempDir } from '../../support/temp-dir';

describe('work-order service: misbehaving connections', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let service: RunningWorkOrderService | null = null;
  let lines: string[];
  let lineListeners: (() => void)[];
  const sockets: Socket[] = [];

  beforeEach(() => {
    dir = makeTempDir('workorder-limits-');
    lines = [];
    lineListeners = [];
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await service?.close();
    service = null;
    dir.remove();
  });

  async function start(limits: Partial<ServerLimits> = {}): Promise<{ port: number; token: string }> {
    const store = openSqliteStore(join(dir.path, 'w.sqlite'));
    const { token } = JSON.parse(await runAdminCommand(store, ['issue-token', '--agent', '0307', '--team', 'team-a'])) as { token: string };
    service = await startWorkOrderService({
      port: 0,
      store,
      admission: false,
      limits,
      log: (line) => {
        lines.push(line);
        for (const listener of lineListeners.splice(0)) listener();
      },
    });
    return { port: Number(new URL(service.url).port), token };
  }

  function open(port: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.on('error', reject);
      sockets.push(socket);
    });
  }

  /** Resolves with the ms until the server closed `socket` (bounded). */
  function closedWithin(socket: Socket, timeoutMs: number): Promise<number> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`still open after ${timeoutMs} ms`)), timeoutMs);
      socket.resume();
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(performance.now() - started);
      });
    });
  }

  function nextLine(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log line within ${timeoutMs} ms`)), timeoutMs);
      lineListeners.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  it('logs a client that hangs up mid-body as one line, not as an internal error with a stack', async () => {
    const { port, token } = await start();
    const socket = await open(port);
    const logged = nextLine(5_000);
    socket.write(
      'POST /v1/work-orders HTTP/1.1\r\nHost: wo.test\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer ${token}\r\nIdempotency-Key: 6f1d2c1e-0b7a-4c52-9d7e-2f0e8a1b3c4d\r\nContent-Length: 5000\r\n\r\n{"fields":{"summary":"half`,
    );
    // Once the service is reading the body, the client is gone.
    await new Promise((resolve) => socket.write('', resolve));
    socket.destroy();
    await logged;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^client aborted: POST \/v1\/work-orders after \d+ bytes$/);
    expect(lines.join('\n')).not.toMatch(/internal error|\n\s+at /);
  });

  it('closes a connection that trickles its headers once the header timeout passes, not 30 s later', async () => {
    const { port } = await start({ headersTimeoutMs: 300, connectionsCheckingIntervalMs: 100 });
    const socket = await open(port);
    socket.write('GET /healthz HTTP/1.1\r\nHost: wo.test\r\nX-Slow: ');
    const ms = await closedWithin(socket, 3_000);
    expect(ms).toBeLessThan(1_500);
  });

  it('refuses connections beyond maxConnections and keeps the ones it has', async () => {
    const { port } = await start({ maxConnections: 2 });
    const kept = [await open(port), await open(port)];
    const extra = await open(port);
    await closedWithin(extra, 2_000);
    const answered = await new Promise<string>((resolve, reject) => {
      const socket = kept[0]!;
      const timer = setTimeout(() => reject(new Error('no answer on a kept connection')), 3_000);
      socket.once('data', (data: Buffer) => {
        clearTimeout(timer);
        resolve(data.toString('latin1'));
      });
      socket.write('GET /healthz HTTP/1.1\r\nHost: wo.test\r\n\r\n');
    });
    expect(answered).toMatch(/^HTTP\/1\.1 200 /);
  });
});
