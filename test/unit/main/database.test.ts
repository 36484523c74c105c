import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, StoreOpenError } from '../../../src/main/store/database';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/store/migrations';
import type { Migration } from '../../../src/main/store/migrations/migration';
import { quarantineDatabase } from '../../../src/main/store/quarantine';
import { makeTempDir } from '../../support/temp-dir';

describe('database', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('migrates an empty database to the latest schema, in WAL with synchronous FULL', () => {
    const db = openDatabase(join(dir.path, 'a.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['calls', 'secrets', 'settings', 'work_orders', 'work_order_sync_cursors']));
    db.close();
    // Opening again is a no-op at the same version.
    const again = openDatabase(join(dir.path, 'a.sqlite'));
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('refuses a database written by a newer app version and leaves it untouched', () => {
    const path = join(dir.path, 'newer.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.pragma('user_version = 9990');
    raw.close();
    const before = readFileSync(path);
    let thrown: unknown;
    try {
      openDatabase(path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreOpenError);
    expect((thrown as StoreOpenError).kind).toBe('newer-version');
    expect((thrown as StoreOpenError).message).toMatch(/newer version of Hotline Desk/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a file that is not a database as corrupt, and quarantine keeps it', () => {
    const path = join(dir.path, 'junk.sqlite');
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    expect(() => openDatabase(path)).toThrow(expect.objectContaining({ kind: 'corrupt' }));
    const moved = quarantineDatabase(path, new Date('2026-11-22T10:00:00Z'));
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(moved)[0]).toBe(0x5a);
    expect(readdirSync(dir.path)).toEqual(['junk.sqlite.damaged-2026-11-22T10-00-00-000Z']);
    // A fresh database opens where the damaged one was.
    openDatabase(path).close();
  });

  it('rolls back every migration of a run when one fails', () => {
    const db = new Database(':memory:');
    const good: Migration = { version: 10, name: 'good', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') };
    const bad: Migration = {
      version: 20,
      name: 'bad',
      up: (d) => {
        d.exec('CREATE TABLE b (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [good, bad])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
  });

  it('lists the call log through its index', () => {
    const db = openDatabase(join(dir.path, 'plan.sqlite'));
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM calls ORDER BY started_at DESC LIMIT 50')
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/calls_by_start/);
    db.close();
  });
});
