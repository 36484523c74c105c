import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { randomBytes, createCipheriv, createDecipheriv } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingStore } from '../../../src/main/recordings';
import { parseLiveWebm } from '../../../src/main/recordings/webm-index';
import { openDatabase } from '../../../src/main/store/database';
import type { SecretCipher } from '../../../src/main/secrets/secret-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { chromiumChunks, FIXTURE_PATH } from './recording-fixture';

const root = new URL('../../../', import.meta.url).pathname;
const bundle = join(root, 'node_modules', '.cache', 'hotline-recordings-test', `crash-child-${process.pid}.mjs`);

function cipherWith(key: Buffer): SecretCipher {
  return {
    isAvailable: () => true,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(ciphertext) {
      const d = createDecipheriv('aes-256-gcm', key, ciphertext.subarray(0, 12));
      d.setAuthTag(ciphertext.subarray(12, 28));
      return Buffer.concat([d.update(ciphertext.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

/** Runs the child and SIGKILLs it right after it acknowledged chunk `killAfterSeq`. */
function recordThenKill(dir: string, key: Buffer, killAfterSeq: number): Promise<{ id: string; acked: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dir, key.toString('base64'), FIXTURE_PATH], { stdio: ['ignore', 'pipe', 'pipe'] });
    let id = '';
    let acked = -1;
    let partial = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'started') id = value!;
        if (word === 'ack') {
          acked = Number(value);
          if (acked === killAfterSeq) child.kill('SIGKILL');
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL' || !id) reject(new Error(`child ended without the kill: ${stderr}`));
      else resolve({ id, acked });
    });
  });
}

describe('a recording survives SIGKILL of the desk', () => {
  beforeAll(async () => {
    mkdirSync(join(root, 'node_modules', '.cache', 'hotline-recordings-test'), { recursive: true });
    await build({
      entryPoints: [join(root, 'test/unit/recordings/crash-child.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      logLevel: 'warning',
    });
  });
  afterAll(() => rmSync(bundle, { force: true }));

  it.each([0, 2, 4])('killed after chunk %i was acknowledged: the next start repairs it and keeps every acknowledged second', { timeout: 30_000 }, async (killAfterSeq) => {
    const dir = makeTempDir('hotline-recording-crash-');
    try {
      const key = randomBytes(32);
      const { id, acked } = await recordThenKill(dir.path, key, killAfterSeq);
      expect(acked).toBe(killAfterSeq);
      const db = openDatabase(join(dir.path, 'desk.sqlite'));
      const store = new RecordingStore({ db, cipher: cipherWith(key), dir: join(dir.path, 'recordings') });
      try {
        const [repaired] = await store.repairUnfinished();
        expect(repaired?.id).toBe(id);
        expect(repaired?.state).toBe('repaired');
        // Every acknowledged chunk is there: the audio lasts at least as long as those chunks.
        const ackedMs = parseLiveWebm(Buffer.concat(chromiumChunks().slice(0, acked + 1))).durationTicks;
        expect(repaired!.durationMs).toBeGreaterThanOrEqual(ackedMs);
        // And at most the one chunk in flight more (≤ 1 s).
        expect(repaired!.durationMs! - ackedMs).toBeLessThanOrEqual(1_100);
        const decrypted = store.decrypt(id);
        expect(decrypted.durationMs).toBeCloseTo(repaired!.durationMs!, 0);
      } finally {
        await store.close();
        db.close();
      }
    } finally {
      dir.remove();
    }
  });
});
