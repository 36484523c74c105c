// Time to the first waveform paint of a 60-minute recorded call never opened before (issue 13), in the
// lab Chromium with wavesurfer.js as the replay uses it, before and after the peaks are measured while
// recording, alternated in one run:
//  - before: a recording with no peaks (as every recording was until they were measured while
//    recording): the player fetches the whole file from the stream, decodes it and draws it;
//  - after: the same hour with its peaks sealed beside it (RecordingStore.finish with the peaks the
//    recorder measured): replay:open carries them and the waveform is drawn from them at once.
// A local HTTP server stands in for IPC (replay:open's JSON reply) and for app:// (main's ReplayStreams).
// REPLAY_BENCH_ONLY=paint runs only this part.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { createAppCore } from '../src/main/app-core';
import { APP_SENDER } from '../test/support/app-core';
import { hourOfChunks, MINUTES, seedHourCall } from './replay-hour';
import { replayLabServer } from './replay-lab-server';
import { median } from './stats';

type Core = ReturnType<typeof createAppCore>;
const ROOT = process.env.HOTLINE_ROOT ?? process.cwd();
const ROUNDS = Number(process.env.REPLAY_PAINT_ROUNDS ?? 3);
const PER_SECOND = 20;

const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

async function seed(core: Core, callId: string, withPeaks: boolean, chunks: Buffer[], answeredAt: number): Promise<void> {
  // What the recorder's worklet hands over for an hour: 20 buckets a second a channel, one byte each.
  const buckets = MINUTES * 60 * PER_SECOND;
  const wave = (f: number) => Uint8Array.from({ length: buckets }, (_, i) => Math.round(Math.abs(Math.sin(i / f)) * 255));
  await seedHourCall(core, callId, answeredAt, chunks, withPeaks ? { perSecond: PER_SECOND, caller: wave(37), agent: wave(53) } : undefined);
}

const PAGE = `<!doctype html><meta charset="utf-8"><body style="margin:0;width:1200px"><div id="wave" style="width:1200px"></div><script type="module">
import WaveSurfer from '/wavesurfer.esm.js';
let ws = null;
window.openCall = async (callId) => {
  if (ws) ws.destroy();
  const container = document.getElementById('wave');
  container.replaceChildren();
  const t0 = performance.now();
  const open = await (await fetch('/ipc/open?call=' + callId)).json();
  const audio = open.audio;
  const media = new Audio();
  media.preload = 'auto';
  const painted = new Promise((resolve) => {
    const splitChannels = [{ waveColor: '#e37318' }, { waveColor: '#8fb4f0' }];
    ws = WaveSurfer.create({ container, media, height: 56, normalize: false, splitChannels,
      ...(audio.peaks ? { peaks: [audio.peaks.caller, audio.peaks.agent], duration: audio.durationMs / 1000 } : {}) });
    ws.once('redrawcomplete', () => requestAnimationFrame(() => resolve(performance.now())));
  });
  const url = new URL(audio.url, location.href).href;
  // As the replay: peaks drawn, the audio joins the same element; no peaks, wavesurfer fetches and decodes it.
  if (audio.peaks) media.src = url;
  else ws.load(url).catch(() => undefined);
  const paintedAt = await Promise.race([painted, new Promise((_, reject) => setTimeout(() => reject(new Error('no waveform after 180 s')), 180000))]);
  return { paintMs: paintedAt - t0, openBytes: JSON.stringify(open).length, peaks: !!audio.peaks };
};
</script>`;

async function mainSide(core: Core, calls: { before: string; after: string }): Promise<void> {
  const times = { before: [] as number[], after: [] as number[] };
  for (let round = 0; round < 6; round++) {
    for (const kind of round % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
      const start = performance.now();
      const reply = await core.router.handle(APP_SENDER, 'replay:open', { callId: calls[kind] });
      JSON.stringify(reply);
      if (round > 0) times[kind].push(performance.now() - start);
    }
  }
  console.log(`main side: replay:open (call, card, audio info; after: the sealed peaks opened and turned into 2 x 72,000 values) ` +
    `before p50 ${median(times.before).toFixed(1)} ms (${spread(times.before)}), after p50 ${median(times.after).toFixed(1)} ms (${spread(times.after)})`);
}

async function browserSide(core: Core, calls: { before: string; after: string }): Promise<void> {
  const wavesurfer = readFileSync(join(ROOT, 'node_modules/wavesurfer.js/dist/wavesurfer.esm.js'));
  const { server, port } = await replayLabServer(core, (url) => {
    if (url.pathname === '/bench.html') return { contentType: 'text/html', body: PAGE };
    if (url.pathname === '/wavesurfer.esm.js') return { contentType: 'text/javascript', body: wavesurfer };
    if (url.pathname === '/ipc/open') return { ipc: 'replay:open', payload: { callId: url.searchParams.get('call') ?? '' } };
    return null;
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 400 } });
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => typeof (window as unknown as { openCall?: unknown }).openCall === 'function');
    const paint = { before: [] as number[], after: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
        const r = await page.evaluate((callId) => (window as unknown as { openCall(c: string): Promise<{ paintMs: number; peaks: boolean }> }).openCall(callId), calls[kind]);
        if (r.peaks !== (kind === 'after')) throw new Error(`replay-first-paint: ${kind} opened ${r.peaks ? 'with' : 'without'} peaks`);
        console.log(`  round ${round + 1} ${kind}: first waveform paint ${r.paintMs.toFixed(0)} ms`);
        paint[kind].push(r.paintMs);
      }
    }
    console.log(`lab Chromium, ${ROUNDS} rounds each, alternated: open → first waveform paint`);
    console.log(`  before (no peaks: fetch, decode, draw): p50 ${median(paint.before).toFixed(0)} ms (${spread(paint.before)})`);
    console.log(`  after (peaks sealed with the recording): p50 ${median(paint.after).toFixed(0)} ms (${spread(paint.after)}) (goal < 1 s)`);
  } finally {
    await browser.close();
    server.close();
  }
}

export async function firstPaintBench(core: Core): Promise<void> {
  const calls = { before: 'bench-hour-nopeaks-0001', after: 'bench-hour-peaks-0001' };
  const chunks = hourOfChunks();
  const t0 = performance.now();
  await seed(core, calls.before, false, chunks, Date.UTC(2026, 10, 28));
  await seed(core, calls.after, true, chunks, Date.UTC(2026, 10, 28, 2));
  console.log(`\nFirst waveform paint of a ${MINUTES}-minute recorded call never opened before (two encrypted recordings of the same hour, ${((performance.now() - t0) / 1000).toFixed(1)} s to write): without peaks (before) and with the peaks measured while recording (after)`);
  await mainSide(core, calls);
  await browserSide(core, calls);
}
