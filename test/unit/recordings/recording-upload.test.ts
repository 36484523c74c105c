import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../services/workorder/admin-commands';
import { DiskBlobs, type RecordingBlobs } from '../../../services/workorder/recordings/recording-blobs';
import { S3Blobs } from '../../../services/workorder/recordings/s3-blobs';
import { RecordingStore, RecordingUploader } from '../../../src/main/recordings';
import { openDatabase } from '../../../src/main/store/database';
import { SIGN_IN_PATH } from '../../../src/shared/domain/centre/sign-in';
import { recordingAudioPath } from '../../../src/shared/recording/recording-upload';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { startFixture } from '../workorder-service/fixture';
import { io, PASSWORDS, seedCentre } from '../workorder-service/people/seed';
import { startFaultProxy } from './fault-proxy';
import { chromiumChunks } from './recording-fixture';

/** The centre: the people seed (agent 0307 and lead 0401 of team a, agent 0501 of team b), trainer 0701 of team a, trainer 0801 of team b, agent 0309 of team a. */
async function centre(blobs: RecordingBlobs, stagingDir: string) {
  const fx = await startFixture({ admission: false, retention: false, recordings: { blobs, stagingDir } });
  const store = await fx.openStore();
  try {
    await seedCentre(store);
    const person = (workNumber: string, team: string, roles: string, password: string) =>
      runAdminCommand(store, ['create-person', '--work-number', workNumber, '--name', `人员${workNumber}`, '--team', team, '--roles', roles, '--password-stdin'], Date.now(), io(`${password}\n`));
    await person('0701', 'team-a', 'trainer', 'trainer-0701-pw');
    await person('0801', 'team-b', 'trainer', 'trainer-0801-pw');
    await person('0309', 'team-a', 'agent', 'agent-0309-pw');
  } finally {
    await store.close();
  }
  const signIn = async (workNumber: string, password: string) => {
    const reply = await fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: `desk-${workNumber}` } });
    expect(reply.status).toBe(200);
    return reply.body.token as string;
  };
  const tokens = {
    agent: await signIn('0307', PASSWORDS.agent),
    lead: await signIn('0401', PASSWORDS.lead),
    agentB: await signIn('0501', PASSWORDS.agentB),
    trainerA: await signIn('0701', 'trainer-0701-pw'),
    trainerB: await signIn('0801', 'trainer-0801-pw'),
    otherAgentA: await signIn('0309', 'agent-0309-pw'),
  };
  const play = async (token: string, id: string) => {
    const response = await fetch(`${fx.url}${recordingAudioPath(id)}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  return { fx, tokens, play };
}

describe('recordings go to the centre exactly once', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function desk() {
    const dir = makeTempDir('hotline-upload-desk-');
    const db = openDatabase(join(dir.path, 'desk.sqlite'));
    const store = new RecordingStore({ db, cipher: createTestCipher(), dir: join(dir.path, 'recordings') });
    cleanups.push(
      () => dir.remove(),
      () => {
        db.close();
      },
      () => store.close(),
    );
    const ids: string[] = [];
    for (const [n, callId] of ['call-0001', 'call-0002', 'call-0003'].entries()) {
      const id = (await store.start({ callId, practice: false, startedAt: 1_000 * n }))!;
      for (const [seq, chunk] of chromiumChunks().entries()) await store.appendChunk(id, seq, chunk);
      await store.finish(id, 1_000 * n + 6_000);
      ids.push(id);
    }
    const practice = (await store.start({ callId: 'call-0009', practice: true, startedAt: 9 }))!;
    await store.finish(practice, 10);
    return { db, store, ids, practice };
  }

  /** Kicks the uploader until nothing is pending (bounded), as its timers would. */
  async function drain(uploader: RecordingUploader, rounds = 40): Promise<void> {
    for (let i = 0; i < rounds && uploader.pending().length > 0; i++) {
      uploader.kick();
      await uploader.settled();
    }
  }

  async function scenario(blobs: RecordingBlobs) {
    const staging = makeTempDir('hotline-upload-staging-');
    cleanups.push(() => staging.remove());
    const { fx, tokens, play } = await centre(blobs, staging.path);
    cleanups.push(() => fx.close());
    const { db, store, ids, practice } = await desk();
    const service = new URL(fx.url);
    // Network faults: the first 6 connections are cut mid-request (some mid-part, some mid-completion).
    const proxy = await startFaultProxy({ host: service.hostname, port: Number(service.port) }, 6, 3_000);
    cleanups.push(() => proxy.close());
    const target = () => ({ centreUrl: proxy.url, token: tokens.agent });
    const first = new RecordingUploader({ db, store, target, partBytes: 8 * 1024, random: () => 0 });
    // A few rounds, then the desk "restarts" (a new uploader on the same database) and carries on.
    for (let i = 0; i < 3; i++) {
      first.kick();
      await first.settled();
    }
    first.close();
    const second = new RecordingUploader({ db, store, target, partBytes: 8 * 1024, random: () => 0 });
    await drain(second);
    second.close();
    expect(proxy.cut()).toBeGreaterThan(0);
    expect(second.pending()).toEqual([]);
    expect(db.prepare("SELECT upload_state FROM recordings WHERE id = ?").pluck().get(practice)).toBe('skipped');

    // Exactly once, byte-identical to the desk's decryption.
    expect((await blobs.list('audio/')).sort()).toEqual(ids.map((id) => `audio/${id}.webm`).sort());
    expect((await blobs.list('meta/')).length).toBe(3);
    for (const id of ids) expect((await blobs.get(`audio/${id}.webm`))!.equals(Buffer.from(store.decrypt(id).bytes))).toBe(true);
    // Sent again (a desk that lost its note of the upload): still once.
    db.prepare("UPDATE recordings SET upload_state = 'pending'").run();
    db.prepare("UPDATE recordings SET upload_state = 'skipped' WHERE practice = 1").run();
    const third = new RecordingUploader({ db, store, target: () => ({ centreUrl: fx.url, token: tokens.agent }) });
    await drain(third);
    third.close();
    expect((await blobs.list('audio/')).length).toBe(3);

    // Played by role, each playback logged.
    const id = ids[0]!;
    const mine = await play(tokens.agent, id);
    expect(mine.status).toBe(200);
    expect(mine.bytes.equals(Buffer.from(store.decrypt(id).bytes))).toBe(true);
    expect((await play(tokens.trainerA, id)).status).toBe(200);
    expect((await play(tokens.lead, id)).status).toBe(200);
    // A trainer of another team, an agent of another team, another agent of the same team: refused.
    expect((await play(tokens.trainerB, id)).status).toBe(403);
    expect((await play(tokens.agentB, id)).status).toBe(403);
    expect((await play(tokens.otherAgentA, id)).status).toBe(403);
    // A byte range, read from the storage as a range (a trainer's player streaming it).
    const ranged = await fetch(`${fx.url}${recordingAudioPath(id)}`, { headers: { authorization: `Bearer ${tokens.trainerA}`, range: 'bytes=10-4009' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(Buffer.from(store.decrypt(id).bytes).subarray(10, 4010))).toBe(true);
    // Each playback is a row of the service's playback log (reviews/), not an object beside the audio.
    expect(await fx.rows(`SELECT by_work_number FROM recording_playbacks WHERE recording_id = '${id}' ORDER BY id`)).toEqual(
      ['0307', '0701', '0401', '0701'].map((by_work_number) => ({ by_work_number })),
    );
    expect(await blobs.list(`playbacks/`)).toEqual([]);
  }

  it('on the centre\'s disk, through cut connections and a desk restart', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-centre-recordings-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await scenario(new DiskBlobs(dir));
  });

  it('in S3-compatible storage (s3rver through the official client), through cut connections and a desk restart', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-s3rver-'));
    const s3 = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true, configureBuckets: [{ name: 'recordings', configs: [] }] });
    const { port } = await s3.run();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => s3.close());
    const blobs = await S3Blobs.open({ endpoint: `http://127.0.0.1:${port}`, bucket: 'recordings', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix: 'centre-a/' });
    await scenario(blobs);
  });
});
