// The replay's audio over app:// (issue 13): the fake protocol (./fake-electron) keeps the handler
// serveRenderer installs and calls it with a Request, as Electron's protocol.handle does; a media
// element's Range requests are made here with the same Request and headers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveRenderer, registerAppScheme } from '../../../src/main/electron/app-protocol';
import { RecordingStore } from '../../../src/main/recordings';
import { RecordedAudioSource } from '../../../src/main/replay/recorded-audio';
import { ReplayStreams } from '../../../src/main/replay/replay-stream';
import { openDatabase } from '../../../src/main/store/database';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { chromiumChunks } from '../recordings/recording-fixture';
import { fakeProtocol } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const CALL = 'call-1';

describe('app://hotline/recordings/<call> (the replay’s audio, streamed)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: ReturnType<typeof openDatabase>;
  let store: RecordingStore;
  let streams: ReplayStreams;
  let whole: Buffer;

  const get = async (url: string, range?: string) => {
    const handler = fakeProtocol.handlers.get('app')!;
    const response = await handler(new Request(url, range ? { headers: { range } } : {}));
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };

  beforeEach(async () => {
    dir = makeTempDir('hotline-replay-protocol-');
    db = openDatabase(join(dir.path, 'desk.sqlite'));
    store = new RecordingStore({ db, cipher: createTestCipher(), dir: join(dir.path, 'recordings') });
    const id = (await store.start({ callId: CALL, practice: false, startedAt: 1_000_000 }))!;
    for (const [seq, chunk] of chromiumChunks().entries()) await store.appendChunk(id, seq, chunk);
    await store.finish(id, 1_006_000);
    whole = Buffer.from(store.decrypt(id).bytes);
    streams = new ReplayStreams(new RecordedAudioSource(store, join(dir.path, 'peaks')));
    const renderer = join(dir.path, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
    registerAppScheme();
    serveRenderer(renderer, undefined, streams);
  });
  afterEach(async () => {
    fakeProtocol.reset();
    await store.close();
    db.close();
    dir.remove();
  });

  it('plays the decrypted recording from the URL replay:open granted, by ranges, as a media element asks', async () => {
    const url = `app://hotline/${streams.grant(CALL)}`;
    const all = await get(url);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('audio/webm');
    expect(all.headers.get('accept-ranges')).toBe('bytes');
    expect(all.headers.get('content-length')).toBe(String(whole.length));
    expect(all.body.equals(whole)).toBe(true);

    const first = await get(url, 'bytes=0-');
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-${whole.length - 1}/${whole.length}`);
    const middle = await get(url, 'bytes=10000-12999');
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 10000-12999/${whole.length}`);
    expect(middle.body.equals(whole.subarray(10_000, 13_000))).toBe(true);
    const tail = await get(url, 'bytes=-500');
    expect(tail.body.equals(whole.subarray(whole.length - 500))).toBe(true);

    const beyond = await get(url, `bytes=${whole.length}-`);
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${whole.length}`);
  });

  it('refuses a URL without its grant, with another call’s grant, or made up', async () => {
    expect((await get(`app://hotline/recordings/${CALL}`)).status).toBe(403);
    expect((await get(`app://hotline/recordings/${CALL}?t=guessed`)).status).toBe(403);
    const other = streams.grant('call-2');
    expect((await get(`app://hotline/recordings/${CALL}?${other.split('?')[1]}`)).status).toBe(403);
    // A grant for a call with no recording: nothing to play.
    expect((await get(`app://hotline/${other}`)).status).toBe(404);
  });

  it('still serves the renderer beside it', async () => {
    expect(await fakeProtocol.load('app://hotline/index.html')).toEqual({ status: 200, body: '<!doctype html>' });
  });
});
