// Opening a 60-minute recorded call in replay, base64 over IPC (the build before) against the
// stream over the app's scheme (main's ReplayStreams), alternated in one run (issue 13):
//  - main side: replay:audio (decrypt, index, base64) against the stream's first 64 KiB and a
//    seek to minute 45 (the records that range touches, decrypted);
//  - the lab Chromium: from asking main to the audio element ready to play (canplay), and a seek
//    to minute 45 until it has played from there. A local HTTP server stands in for IPC (the JSON
//    reply of replay:open and replay:audio, as the lab's bridge carries them) and for app://
//    (the very handler the Electron entry gives protocol.handle).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { chromium } from 'playwright-core';
import type { createAppCore } from '../src/main/app-core';
import { parseLiveWebm } from '../src/main/recordings/webm-index';
import { APP_SENDER } from '../test/support/app-core';

type Core = ReturnType<typeof createAppCore>;
const ROOT = process.env.HOTLINE_ROOT ?? process.cwd();
const MINUTES = 60;
const ROUNDS = Number(process.env.REPLAY_BENCH_ROUNDS ?? 5);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

/** An hour of MediaRecorder output: the lab fixture's one-second cluster again and again, as 1 s chunks. */
export function hourOfChunks(): Buffer[] {
  const fixture = readFileSync(join(ROOT, 'test/unit/recordings/fixtures/chromium-stereo-6s.webm'));
  const parsed = parseLiveWebm(fixture);
  const second = parsed.clusters[1]!.body;
  const u64 = (value: number) => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(BigInt(value));
    return bytes;
  };
  const cluster = (timecode: number) => {
    const timecodeElement = Buffer.concat([Buffer.from([0xe7, 0x88]), u64(timecode)]);
    const size = Buffer.concat([Buffer.from([0x01]), u64(timecodeElement.length + second.length).subarray(1)]);
    return Buffer.concat([Buffer.from([0x1f, 0x43, 0xb6, 0x75]), size, timecodeElement, second]);
  };
  const segment = Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const chunks = [Buffer.concat([parsed.ebmlHeader, segment, parsed.tracks, cluster(0)])];
  for (let s = 1; s < MINUTES * 60; s++) chunks.push(cluster(s * 1000));
  return chunks;
}

async function seedRecordedCall(core: Core, dataDir: string, callId: string): Promise<void> {
  const answeredAt = Date.UTC(2026, 10, 29);
  for (const event of [
    { type: 'ringing', id: callId, direction: 'inbound', remoteNumber: '13800138000', remoteName: '', startedAt: answeredAt - 3000 },
    { type: 'answered', id: callId, direction: 'inbound', remoteNumber: '13800138000', remoteName: '', startedAt: answeredAt - 3000, answeredAt },
    { type: 'ended', id: callId, endedAt: answeredAt + MINUTES * 60_000, outcome: 'answered', endedBy: 'remote' },
  ]) {
    const reply = await core.router.handle(APP_SENDER, 'calls:event', event);
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  }
  const id = (await core.recordings.start({ callId, practice: false, startedAt: answeredAt }))!;
  const chunks = hourOfChunks();
  for (const [seq, chunk] of chunks.entries()) await core.recordings.appendChunk(id, seq, chunk);
  await core.recordings.finish(id, answeredAt + MINUTES * 60_000);
  const perSecond = 20;
  const points = MINUTES * 60 * perSecond;
  const peak = (i: number, f: number) => Math.round(Math.abs(Math.sin(i / f)) * 1000) / 1000;
  mkdirSync(join(dataDir, 'replay-peaks'), { recursive: true });
  writeFileSync(join(dataDir, 'replay-peaks', `${callId}.peaks.json`), JSON.stringify({ durationMs: MINUTES * 60_000, peaks: { perSecond, caller: Array.from({ length: points }, (_, i) => peak(i, 37)), agent: Array.from({ length: points }, (_, i) => peak(i, 53)) } }));
}

async function openUrl(core: Core, callId: string): Promise<string> {
  const open = await core.router.handle(APP_SENDER, 'replay:open', { callId });
  if (!open.ok) throw new Error(JSON.stringify(open.error));
  return (open.value as { audio: { url: string } }).audio.url;
}

/** The first `bytes` of a streamed response (what a player reads before it can start). */
async function firstBytes(response: Response, bytes: number): Promise<number> {
  const reader = response.body!.getReader();
  let got = 0;
  while (got < bytes) {
    const next = await reader.read();
    if (next.done) break;
    got += next.value.length;
  }
  await reader.cancel();
  return got;
}

async function mainSide(core: Core, callId: string): Promise<void> {
  const before: number[] = [];
  const first: number[] = [];
  const seek: number[] = [];
  let size = 0;
  for (let round = 0; round < ROUNDS + 1; round++) {
    let start = performance.now();
    const audio = await core.router.handle(APP_SENDER, 'replay:audio', { callId });
    JSON.stringify(audio);
    const beforeMs = performance.now() - start;
    start = performance.now();
    const url = new URL(await openUrl(core, callId), 'app://hotline/');
    const head = await core.replayAudio.handle(new Request(url, { headers: { range: 'bytes=0-' } }));
    await firstBytes(head, 65_536);
    const firstMs = performance.now() - start;
    size = Number(head.headers.get('content-range')?.split('/')[1]);
    start = performance.now();
    const at = Math.floor(size * 0.75);
    await firstBytes(await core.replayAudio.handle(new Request(url, { headers: { range: `bytes=${at}-` } })), 65_536);
    const seekMs = performance.now() - start;
    // The first round includes the reader's one pass over the file (its layout), kept for the rounds after.
    if (round === 0) console.log(`first open after start: replay:audio ${beforeMs.toFixed(0)} ms; stream's first 64 KiB ${firstMs.toFixed(0)} ms (the reader lays the file out once)`);
    else {
      before.push(beforeMs);
      first.push(firstMs);
      seek.push(seekMs);
    }
  }
  console.log(`main side, ${ROUNDS} rounds (${(size / 1e6).toFixed(1)} MB WebM): replay:audio base64 p50 ${median(before).toFixed(1)} ms (${spread(before)}); ` +
    `stream: open + first 64 KiB p50 ${median(first).toFixed(1)} ms (${spread(first)}), seek to minute 45 + 64 KiB p50 ${median(seek).toFixed(1)} ms (${spread(seek)})`);
}

const PAGE = `<!doctype html><meta charset="utf-8"><audio id="a" preload="auto"></audio><script>
const audio = document.getElementById('a');
const once = (name) => new Promise((resolve, reject) => { audio.addEventListener(name, resolve, { once: true }); audio.addEventListener('error', () => reject(new Error('media error ' + (audio.error && audio.error.code))), { once: true }); });
let previous = null;
window.openCall = async (kind) => {
  if (previous) URL.revokeObjectURL(previous);
  audio.removeAttribute('src'); audio.load();
  const t0 = performance.now();
  const open = await (await fetch('/ipc/open')).json();
  const ready = once('canplay');
  if (kind === 'base64') {
    const reply = await (await fetch('/ipc/audio')).json();
    const binary = atob(reply.base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    previous = URL.createObjectURL(new Blob([bytes], { type: reply.mime }));
    audio.src = previous;
  } else {
    audio.src = new URL(open.audio.url, location.href).href;
  }
  await ready;
  const openMs = performance.now() - t0;
  const t1 = performance.now();
  audio.muted = true;
  audio.currentTime = 2700;
  await once('seeked');
  await audio.play();
  await new Promise((resolve) => { const check = () => audio.currentTime > 2700.2 ? resolve() : requestAnimationFrame(check); check(); });
  audio.pause();
  return { openMs, seekMs: performance.now() - t1, duration: audio.duration };
};
</script>`;

async function browserSide(core: Core, callId: string): Promise<void> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/bench.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      if (url.pathname === '/ipc/open' || url.pathname === '/ipc/audio') {
        const reply = await core.router.handle(APP_SENDER, url.pathname === '/ipc/open' ? 'replay:open' : 'replay:audio', { callId });
        if (!reply.ok) return void res.writeHead(500).end(JSON.stringify(reply.error));
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.value));
      }
      if (url.pathname.startsWith('/recordings/')) {
        const response = await core.replayAudio.handle(new Request(url, { method: req.method ?? 'GET', headers: req.headers.range ? { range: req.headers.range } : {} }));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (!response.body) return void res.end();
        Readable.fromWeb(response.body as WebReadableStream).on('error', () => res.destroy()).pipe(res);
        return undefined;
      }
      res.writeHead(404).end();
      return undefined;
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    const results = { base64: { open: [] as number[], seek: [] as number[] }, stream: { open: [] as number[], seek: [] as number[] } };
    let duration = 0;
    for (let round = 0; round < ROUNDS + 1; round++) {
      for (const kind of round % 2 ? (['stream', 'base64'] as const) : (['base64', 'stream'] as const)) {
        const r = await page.evaluate((k) => (window as unknown as { openCall(k: string): Promise<{ openMs: number; seekMs: number; duration: number }> }).openCall(k), kind);
        duration = r.duration;
        if (round === 0) continue;
        results[kind].open.push(r.openMs);
        results[kind].seek.push(r.seekMs);
      }
    }
    console.log(`lab Chromium, ${ROUNDS} rounds each, alternated (the audio element reports ${(duration / 60).toFixed(1)} min):`);
    for (const kind of ['base64', 'stream'] as const) {
      console.log(`  ${kind === 'base64' ? 'before: replay:audio base64 → Blob' : 'after: streamed recordings/<call>'}: open → canplay p50 ${median(results[kind].open).toFixed(0)} ms (${spread(results[kind].open)}); ` +
        `seek to 45:00 → playing p50 ${median(results[kind].seek).toFixed(0)} ms (${spread(results[kind].seek)})`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

export async function streamBench(core: Core, dataDir: string): Promise<void> {
  const callId = 'bench-hour-recorded-0001';
  const t0 = performance.now();
  await seedRecordedCall(core, dataDir, callId);
  console.log(`\nA ${MINUTES}-minute encrypted recording (3,600 chunks through RecordingStore, ${((performance.now() - t0) / 1000).toFixed(1)} s to write): base64 over IPC (before) against the stream (after)`);
  await mainSide(core, callId);
  await browserSide(core, callId);
}
