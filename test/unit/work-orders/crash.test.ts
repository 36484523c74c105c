import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { WorkOrdersRepo } from '../../../src/main/work-orders/repo';
import { makeTempDir } from '../../support/temp-dir';

const ROUNDS = 20;
const root = new URL('../../../', import.meta.url).pathname;
const bundle = join(root, 'node_modules', '.cache', 'hotline-work-orders-test', `crash-child-${process.pid}.mjs`);

/** Seeded, so a failing run can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

interface Ack {
  revision: number;
  field: 'description' | 'summary';
  text: string;
}

/** Runs the child until it has acknowledged `killAfter` lines (0: at once), then SIGKILLs it. */
function runChild(dbPath: string, seed: number, killAfter: number): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dbPath, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (!killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    // A hard bound on one round, whatever happens.
    const guard = setTimeout(kill, 10_000);
    if (killAfter === 0) child.once('spawn', kill);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('ack ') && --killAfter === 0) kill();
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(guard);
      // A line cut by the kill is not an acknowledgement.
      if (signal !== 'SIGKILL') reject(new Error(`child exited ${code}: ${stderr}`));
      else resolve({ lines, killed });
    });
  });
}

describe('drafts survive SIGKILL', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeAll(async () => {
    dir = makeTempDir();
    mkdirSync(join(root, 'node_modules', '.cache', 'hotline-work-orders-test'), { recursive: true });
    await build({
      entryPoints: [join(root, 'test/unit/work-orders/crash-child.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      logLevel: 'warning',
    });
  });
  afterAll(() => {
    rmSync(bundle, { force: true });
    dir.remove();
  });

  it(`keeps every acknowledged edit through ${ROUNDS} kills at random moments`, { timeout: 90_000 }, async () => {
    const dbPath = join(dir.path, 'hotline-desk.sqlite');
    const random = prng(20261122);
    const acked = new Map<string, Ack>();
    const created = new Set<string>();
    let totalAcks = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      // Mostly mid-stream; sometimes at once (while opening and migrating).
      const killAfter = random() < 0.15 ? 0 : 1 + Math.floor(random() * 250);
      const { lines } = await runChild(dbPath, 1 + Math.floor(random() * 1e9), killAfter);
      for (const line of lines) {
        const [kind, id, revision, rest] = line.split(' ');
        if (kind === 'created') created.add(id!);
        if (kind !== 'ack') continue;
        totalAcks += 1;
        const [field, text] = rest!.split('=') as ['description' | 'summary', string];
        acked.set(`${id} ${field}`, { revision: Number(revision), field, text });
        const previous = acked.get(id!);
        if (!previous || previous.revision < Number(revision)) acked.set(id!, { revision: Number(revision), field, text });
      }
      // Reopen the same database (integrity check and migrations run) and compare.
      const db = openDatabase(dbPath);
      const repo = new WorkOrdersRepo(db);
      for (const id of created) expect(repo.get(id), `created ${id}`).not.toBeNull();
      for (const [key, ack] of acked) {
        const [id, field] = key.split(' ');
        const view = repo.get(id!)!;
        expect(view.revision, `revision of ${id}`).toBeGreaterThanOrEqual(ack.revision);
        if (!field) {
          // At most one more edit (committed, killed before it was printed).
          expect(view.revision).toBeLessThanOrEqual(ack.revision + 1);
          if (view.revision === ack.revision) expect(view.fields[ack.field]).toBe(ack.text);
        } else {
          // The field holds the last acknowledged text, or a later one.
          const stored = view.fields[field as 'summary'];
          const storedRevision = Number(/^r(\d+)-/.exec(stored)?.[1]);
          expect(storedRevision, `${field} of ${id}`).toBeGreaterThanOrEqual(ack.revision);
          if (storedRevision === ack.revision) expect(stored).toBe(ack.text);
        }
      }
      db.close();
    }
    expect(created.size).toBeGreaterThan(0);
    expect(totalAcks).toBeGreaterThan(ROUNDS * 20);
  });
});
