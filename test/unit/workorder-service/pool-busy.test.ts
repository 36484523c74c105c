import pg from 'pg';
import { createServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { PostgresWorkOrderStore } from '../../../services/workorder/store/postgres/postgres-store';
import { StoreBusyError } from '../../../services/workorder/store/store';

describe('PostgreSQL pool under load', () => {
  it('a new connection that does not open within the wait is busy (503), not an internal error', async () => {
    // A server that accepts and never answers: what a PostgreSQL host too busy to finish the start-up looks like.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const port = (silent.address() as { port: number }).port;
    const pool = new pg.Pool({ connectionString: `postgres://x:y@127.0.0.1:${port}/db`, connectionTimeoutMillis: 200, max: 1 });
    pool.on('error', () => undefined);
    const store = new PostgresWorkOrderStore(pool);
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(StoreBusyError);
      await expect(store.people.personByWorkNumber('0307')).rejects.toBeInstanceOf(StoreBusyError);
    } finally {
      await store.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
