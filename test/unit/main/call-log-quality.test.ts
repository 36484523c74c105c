import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallsRepo } from '../../../src/main/store/calls-repo';
import { migrate, openDatabase } from '../../../src/main/store/database';
import { MIGRATIONS } from '../../../src/main/store/migrations';
import { useTestCore } from '../../support/test-core-fixture';
import { makeTempDir } from '../../support/temp-dir';

const ID = '6f1c2a8e-0000-4000-8000-0000000000a1';
const quality = { samples: 30, mosAvg: 4.31, mosMin: 3.9, lossAvgPercent: 0.4, jitterMaxMs: 12.5, rttAvgMs: 41.5 };

describe('call quality and outcomes over IPC', () => {
  const t = useTestCore();
  const call = t.call;
  const start = (id = ID, direction = 'inbound') =>
    call('calls:event', { type: 'ringing', id, direction, remoteNumber: '13800138000', remoteName: '', startedAt: 1_000 });

  it('stores the quality summary with the call and lists it', async () => {
    await start();
    await call('calls:event', { type: 'answered', id: ID, direction: 'inbound', remoteNumber: '13800138000', remoteName: '', startedAt: 1_000, answeredAt: 2_000 });
    expect(await call('calls:event', { type: 'ended', id: ID, endedAt: 9_000, outcome: 'answered', endedBy: 'agent', quality })).toEqual({
      ok: true,
      value: { workOrder: null },
    });
    expect(await call('calls:list', {})).toMatchObject({ ok: true, value: [{ id: ID, outcome: 'answered', quality }] });
    const row = t.core.db.prepare('SELECT mos_avg, mos_min, quality_samples, rtt_avg_ms FROM calls WHERE id = ?').get(ID);
    expect(row).toEqual({ mos_avg: 4.31, mos_min: 3.9, quality_samples: 30, rtt_avg_ms: 41.5 });
  });

  it('keeps quality null when absent or null, and an unknown RTT as null', async () => {
    const other = '6f1c2a8e-0000-4000-8000-0000000000a2';
    await start();
    await start(other);
    await call('calls:event', { type: 'ended', id: ID, endedAt: 9_000, outcome: 'missed', endedBy: 'remote' });
    await call('calls:event', { type: 'ended', id: other, endedAt: 9_000, outcome: 'answered', endedBy: 'remote', quality: { ...quality, rttAvgMs: null } });
    const reply = await call('calls:list', {});
    expect(reply.ok).toBe(true);
    const entries = (reply.ok ? reply.value : []) as { id: string; quality: unknown }[];
    expect(entries.find((e) => e.id === ID)?.quality).toBeNull();
    expect(entries.find((e) => e.id === other)?.quality).toEqual({ ...quality, rttAvgMs: null });
  });

  it.each([
    ['a MOS above 4.5', { mosAvg: 4.6 }, 'quality.mosAvg'],
    ['a MOS below 1', { mosMin: 0.5 }, 'quality.mosMin'],
    ['loss above 100 %', { lossAvgPercent: 101 }, 'quality.lossAvgPercent'],
    ['no samples', { samples: 0 }, 'quality.samples'],
    ['a fractional sample count', { samples: 1.5 }, 'quality.samples'],
    ['a negative RTT', { rttAvgMs: -1 }, 'quality.rttAvgMs'],
    ['a string jitter', { jitterMaxMs: '12' }, 'quality.jitterMaxMs'],
  ])('rejects %s and stores nothing', async (_what, change, path) => {
    await start();
    const reply = await call('calls:event', { type: 'ended', id: ID, endedAt: 9_000, outcome: 'answered', endedBy: 'agent', quality: { ...quality, ...change } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload', issues: [{ path }] } });
    expect(t.core.db.prepare('SELECT ended_at, mos_avg FROM calls WHERE id = ?').get(ID)).toEqual({ ended_at: null, mos_avg: null });
  });

  it('accepts busy and no-answer outcomes for outbound calls', async () => {
    const second = '6f1c2a8e-0000-4000-8000-0000000000a3';
    await start(ID, 'outbound');
    await start(second, 'outbound');
    expect(await call('calls:event', { type: 'ended', id: ID, endedAt: 2_000, outcome: 'busy', endedBy: 'remote' })).toMatchObject({ ok: true });
    expect(await call('calls:event', { type: 'ended', id: second, endedAt: 2_000, outcome: 'no-answer', endedBy: 'remote' })).toMatchObject({ ok: true });
    expect(await call('calls:event', { type: 'ended', id: second, endedAt: 2_000, outcome: 'hung-up', endedBy: 'remote' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    const outcomes = t.core.db.prepare('SELECT outcome FROM calls ORDER BY id').pluck().all();
    expect(outcomes).toEqual(['busy', 'no-answer']);
  });
});

describe('calls table migrations 0050 and 0060', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('keeps calls logged before the upgrade, without quality, and then accepts the new outcomes', () => {
    const path = join(dir.path, 'old.sqlite');
    const old = new Database(path);
    old.pragma('foreign_keys = ON');
    migrate(old, MIGRATIONS.filter((m) => m.version <= 40));
    expect(old.pragma('user_version', { simple: true })).toBe(40);
    old
      .prepare(
        `INSERT INTO calls (id, direction, remote_number, remote_name, started_at, answered_at, ended_at, outcome, ended_by)
         VALUES (?, 'inbound', '110', '张三', 1, 2, 3, 'answered', 'agent')`,
      )
      .run(ID);
    // A child table pointing at calls, as ticket_drafts did: the rebuild must keep the reference valid.
    old.exec('CREATE TABLE call_notes (call_id TEXT NOT NULL REFERENCES calls (id), note TEXT NOT NULL) STRICT');
    old.prepare('INSERT INTO call_notes VALUES (?, ?)').run(ID, 'note');
    old.close();

    const db = openDatabase(path);
    const repo = new CallsRepo(db);
    expect(repo.get(ID)).toMatchObject({ id: ID, remoteName: '张三', outcome: 'answered', endedBy: 'agent', quality: null });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare('INSERT INTO call_notes VALUES (?, ?)').run('no-such-call', 'x')).toThrow(/FOREIGN KEY/);
    // The index survives the rebuild.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM calls ORDER BY started_at DESC LIMIT 50').all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join('\n')).toMatch(/calls_by_start/);

    const busy = '6f1c2a8e-0000-4000-8000-0000000000b1';
    repo.started({ id: busy, direction: 'outbound', remoteNumber: '12345', remoteName: '', startedAt: 10, practice: false });
    expect(repo.ended({ id: busy, endedAt: 11, outcome: 'busy', endedBy: 'remote' })).toBe(true);
    expect(repo.get(busy)?.outcome).toBe('busy');
    // The database itself still refuses an unknown outcome and an out-of-range MOS.
    expect(() => db.prepare("UPDATE calls SET outcome = 'exploded' WHERE id = ?").run(busy)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE calls SET mos_avg = 7 WHERE id = ?').run(busy)).toThrow(/CHECK/);
    db.close();
  });

  it('records the first end report only: a retry does not overwrite quality', () => {
    const db = openDatabase(join(dir.path, 'retry.sqlite'));
    const repo = new CallsRepo(db);
    repo.started({ id: ID, direction: 'inbound', remoteNumber: '1', remoteName: '', startedAt: 1, practice: false });
    expect(repo.ended({ id: ID, endedAt: 5, outcome: 'answered', endedBy: 'agent', quality })).toBe(true);
    expect(repo.ended({ id: ID, endedAt: 6, outcome: 'answered', endedBy: 'agent', quality: { ...quality, mosAvg: 1 } })).toBe(true);
    expect(repo.get(ID)).toMatchObject({ endedAt: 5, quality });
    db.close();
  });
});
