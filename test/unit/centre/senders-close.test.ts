import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PracticeUploader } from '../../../src/main/practice/practice-uploader';
import { RecordingStore, RecordingUploader } from '../../../src/main/recordings';
import { CentreCallReporter } from '../../../src/main/replay/centre-call-reporter';
import { CallsRepo } from '../../../src/main/store/calls-repo';
import { openDatabase } from '../../../src/main/store/database';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { chromiumChunks } from '../recordings/recording-fixture';

/** A centre that holds every request until the test says how to answer it. */
async function heldCentre() {
  const held: { req: IncomingMessage; res: ServerResponse }[] = [];
  const server = createServer((req, res) => {
    req.resume();
    held.push({ req, res });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

type Answer = 'cut' | 'stored';

interface Sender {
  kick(): void;
  settled(): Promise<void>;
  close(): void;
}

describe('a desk sender closed while a send is on the wire writes nothing to the closed database', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function desk() {
    const dir = makeTempDir('hotline-senders-close-');
    cleanups.push(() => dir.remove());
    const centre = await heldCentre();
    cleanups.push(() => centre.close());
    const path = join(dir.path, 'desk.sqlite');
    return { dir, centre, path, db: openDatabase(path) };
  }

  /** Kicks the sender, closes it and the database while its first request is held, then answers it. */
  async function closeMidSend(sender: Sender, db: { close(): void }, centre: Awaited<ReturnType<typeof heldCentre>>, answer: Answer, storedBody: unknown) {
    sender.kick();
    await vi.waitFor(() => expect(centre.held.length).toBe(1), { timeout: 5_000, interval: 5 });
    sender.close();
    db.close();
    const { req, res } = centre.held[0]!;
    if (answer === 'cut') req.socket.destroy();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(storedBody));
    await expect(sender.settled()).resolves.toBeUndefined();
    expect(centre.held).toHaveLength(1);
  }

  for (const answer of ['cut', 'stored'] as const) {
    it(`recordings: the answer (${answer}) comes after the close; the recording stays pending for the next start`, async () => {
      const { dir, centre, path, db } = await desk();
      const store = new RecordingStore({ db, cipher: createTestCipher(), dir: join(dir.path, 'recordings') });
      const id = (await store.start({ callId: 'call-0001', practice: false, startedAt: 1_000 }))!;
      for (const [seq, chunk] of chromiumChunks().entries()) await store.appendChunk(id, seq, chunk);
      await store.finish(id, 7_000);
      cleanups.push(() => store.close());
      const onError = vi.fn();
      const uploader = new RecordingUploader({ db, store, target: () => ({ centreUrl: centre.url, token: 't' }), onError, random: () => 0 });
      await closeMidSend(uploader, db, centre, answer, { received: 0, complete: true });
      expect(onError).not.toHaveBeenCalled();
      const reopened = openDatabase(path);
      cleanups.push(() => {
      reopened.close();
    });
      expect(reopened.prepare('SELECT upload_state, upload_attempts FROM recordings WHERE id = ?').get(id)).toEqual({ upload_state: 'pending', upload_attempts: 0 });
    });
  }

  it('practice results: the centre stores it after the close; the result stays pending and goes again under its key', async () => {
    const { centre, path, db } = await desk();
    db.prepare("INSERT INTO practice_results (call_id, idempotency_key, agent, body, created_at) VALUES ('practice-00000001', 'key-1', '0307', '{}', 1)").run();
    const onError = vi.fn();
    const uploader = new PracticeUploader({ db, target: () => ({ centreUrl: centre.url, token: 't', agent: '0307' }), onError, random: () => 0 });
    await closeMidSend(uploader, db, centre, 'stored', {});
    expect(onError).not.toHaveBeenCalled();
    const reopened = openDatabase(path);
    cleanups.push(() => {
      reopened.close();
    });
    expect(reopened.prepare('SELECT upload_state, upload_attempts FROM practice_results').get()).toEqual({ upload_state: 'pending', upload_attempts: 0 });
  });

  it('call reports: the centre answers after the close; the report stays pending', async () => {
    const { centre, path, db } = await desk();
    const calls = new CallsRepo(db);
    const call = { id: 'call-0001', direction: 'inbound' as const, remoteNumber: '13800000000', remoteName: '', startedAt: 1_000, practice: false };
    calls.answered({ ...call, answeredAt: 2_000 });
    calls.ended({ id: call.id, endedAt: 60_000, outcome: 'answered', endedBy: 'remote', quality: null });
    const onError = vi.fn();
    const reporter = new CentreCallReporter({ db, target: () => ({ centreUrl: centre.url, token: 't', agent: '0307' }), onError, random: () => 0 });
    db.prepare("INSERT INTO centre_call_reports (call_id, agent, state, updated_at) VALUES ('call-0001', '0307', 'pending', 1)").run();
    await closeMidSend(reporter, db, centre, 'stored', {});
    expect(onError).not.toHaveBeenCalled();
    const reopened = openDatabase(path);
    cleanups.push(() => {
      reopened.close();
    });
    expect(reopened.prepare('SELECT state, attempts FROM centre_call_reports').get()).toEqual({ state: 'pending', attempts: 0 });
  });
});
