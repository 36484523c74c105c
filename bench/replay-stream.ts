// Opening a 60-minute recorded call in replay, base64 over IPC (the build before) against the
// stream over the app's scheme (main's ReplayStreams), alternated in one run (issue 13):
//  - main side: replay:audio (decrypt, index, base64) against the stream's first 64 KiB and a
//    seek to minute 45 (the records that range touches, decrypted);
//  - the lab Chromium: from asking main to the audio element ready to play (canplay), and a seek
//    to minute 45 until it has played from there. A local HTTP server stands in for IPC (the JSON
//    reply of replay:open and replay:audio, as the lab's bridge carries them) and for app://
//    (the very handler the Electron entry gives protocol.handle).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { createAppCore } from '../src/main/app-core';
import { APP_SENDER } from '../test/support/app-core';
import { hourOfChunks, MINUTES, seedHourCall } from './replay-hour';
import { replayLabServer } from './replay-lab-server';
import { median } from './stats';

type Core = ReturnType<typeof createAppCore>;
const ROUNDS = Number(process.env.REPLAY_BENCH_ROUNDS ?? 5);

const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

async function seedRecordedCall(core: Core, dataDir: string, callId: string): Promise<void> {
  await seedHourCall(core, callId, Date.UTC(2026, 10, 29), hourOfChunks());
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
  const { server, port } = await replayLabServer(core, (url) => {
    if (url.pathname === '/bench.html') return { contentType: 'text/html', body: PAGE };
    if (url.pathname === '/ipc/open' || url.pathname === '/ipc/audio') return { ipc: url.pathname === '/ipc/open' ? 'replay:open' : 'replay:audio', payload: { callId } };
    return null;
  });
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
