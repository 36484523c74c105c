import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError, runAdminCommand } from '../../../services/workorder/admin-commands';
import { startWorkOrderService } from '../../../services/workorder/service';
import { SQLITE_MIGRATIONS } from '../../../services/workorder/store/sqlite/migrations';
import { SchemaTooNewError, openSqliteStore } from '../../../services/workorder/store/sqlite/sqlite-store';
import { hashToken } from '../../../services/workorder/tokens';
import { makeTempDir } from '../../support/temp-dir';

const run = promisify(execFile);
const runner = join(import.meta.dirname, '../../../services/workorder/run.mjs');

describe('admin command and SQLite store', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('workorder-admin-');
  });
  afterEach(() => dir.remove());

  it('issue-token through the real CLI; the token works, only its hash is stored, revoking ends it', async () => {
    const databasePath = join(dir.path, 'w.sqlite');
    const { stdout } = await run(process.execPath, [runner, 'admin', 'issue-token', '--agent', '0307', '--team', 'team-a'], {
      env: { ...process.env, DATABASE_PATH: databasePath },
      timeout: 30_000,
    });
    const issued = JSON.parse(stdout) as { token: string; tokenId: string; teamId: string; role: string };
    expect(issued).toMatchObject({ teamId: 'team-a', role: 'agent' });

    const raw = new Database(databasePath, { readonly: true });
    expect(raw.prepare('SELECT token_hash FROM api_tokens').pluck().all()).toEqual([hashToken(issued.token)]);
    raw.close();
    expect(readFileSync(databasePath).includes(issued.token)).toBe(false);

    const service = await startWorkOrderService({ port: 0, databasePath });
    try {
      const headers = { authorization: `Bearer ${issued.token}` };
      expect((await fetch(`${service.url}/v1/changes`, { headers })).status).toBe(200);
      await run(process.execPath, [runner, 'admin', 'revoke-token', '--id', issued.tokenId], {
        env: { ...process.env, DATABASE_PATH: databasePath },
        timeout: 30_000,
      });
      expect((await fetch(`${service.url}/v1/changes`, { headers })).status).toBe(401);
    } finally {
      await service.close();
    }
  }, 60_000);

  it('refuses bad admin arguments', async () => {
    const store = openSqliteStore(join(dir.path, 'w.sqlite'));
    try {
      await expect(runAdminCommand(store, ['issue-token', '--agent', '0307'])).rejects.toBeInstanceOf(UsageError);
      await expect(runAdminCommand(store, ['issue-token', '--agent', '0307', '--team', 'a', '--role', 'root'])).rejects.toBeInstanceOf(UsageError);
      await expect(runAdminCommand(store, ['issue-token', '--agent', 'x y', '--team', 'a'])).rejects.toBeInstanceOf(UsageError);
      await expect(runAdminCommand(store, ['frobnicate'])).rejects.toBeInstanceOf(UsageError);
      const listed = JSON.parse(await runAdminCommand(store, ['list-tokens']));
      expect(listed).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('migrates to the latest schema in WAL, and refuses a newer database untouched', async () => {
    const path = join(dir.path, 'w.sqlite');
    await openSqliteStore(path).close();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.at(-1)?.version);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.pragma('user_version = 9990');
    raw.close();
    const before = readFileSync(path);
    expect(() => openSqliteStore(path)).toThrow(SchemaTooNewError);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
