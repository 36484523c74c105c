// Replay and the trainer's call list (issue 13):  npm run bench -- replay
// 1. Call-list search on 100,000 calls: p50 / p95 of replay:search for the
//    searches a trainer makes (newest page, one agent, "every call with an
//    emergency or abusive prompt last week", long calls, low scores, page 40).
// 2. Opening a 60-minute call in replay, main side: replay:open (call, a
//    timeline of 3,000 entries, annotations, the card, the precomputed peaks)
//    and replay:audio (the whole file as base64) through the real IPC router.
//    The renderer's part (wavesurfer drawing the peaks) is measured by the
//    replay e2e test in the lab browser.
// 3. A 60-minute encrypted recording: base64 over IPC (before) against the
//    stream over the app's scheme (after), main side and in the lab Chromium
//    (bench/replay-stream.ts). REPLAY_BENCH_ONLY=stream runs only this part.
// 4. The first waveform paint of a 60-minute recorded call never opened before, without peaks
//    (decoded on open) against the peaks measured while recording (bench/replay-first-paint.ts).
//    REPLAY_BENCH_ONLY=paint runs only this part.
import type Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore } from '../src/main/app-core';
import { APP_SENDER, TEST_ORIGIN } from '../test/support/app-core';
import { createTestCipher } from '../test/support/test-cipher';
import type { ReviewQuery } from '../src/shared/review/review';
import { firstPaintBench } from './replay-first-paint';
import { streamBench } from './replay-stream';

const CALLS = 100_000;
const AGENTS = 500;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
const PROMPTS = ['emergency', 'abusive', 'caller-angry', 'silent', 'out-of-scope', 'repeat-caller'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** A year of calls (100,000 from 500 agents), indexed for review as main indexes them; a third scored. */
function seedCalls(db: Database.Database): void {
  const call = db.prepare(`INSERT INTO calls (id, direction, remote_number, remote_name, started_at, answered_at, ended_at, outcome, ended_by, remote_number_norm, practice)
    VALUES (?, 'inbound', ?, '', ?, ?, ?, ?, 'remote', ?, ?)`);
  const review = db.prepare('INSERT INTO call_reviews (call_id, agent, started_at, duration_ms, outcome, practice, prompts, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const score = db.prepare(`INSERT INTO call_scores (call_id, agent, practice, scored_at, score, max_score, zeroed, pending, card) VALUES (?, ?, ?, ?, ?, 100, 0, 0, '{}')`);
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  db.transaction(() => {
    for (let n = 0; n < CALLS; n++) {
      const id = `bench-${String(n).padStart(8, '0')}`;
      const startedAt = NOW - Math.floor(random() * 365 * DAY);
      const answered = random() > 0.08;
      const duration = answered ? Math.floor(30_000 + random() * random() * 1_200_000) : null;
      const phone = `138${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
      const practice = random() < 0.05 ? 1 : 0;
      const agent = `A${String(n % AGENTS).padStart(4, '0')}`;
      const kinds = PROMPTS.filter(() => random() < 0.04);
      const scored = answered && random() < 0.33 ? Math.floor(40 + random() * 60) : null;
      call.run(id, phone, startedAt, answered ? startedAt + 3000 : null, startedAt + 3000 + (duration ?? 20_000), answered ? 'answered' : 'missed', phone, practice);
      review.run(id, agent, startedAt, duration, answered ? 'answered' : 'missed', practice, `,${kinds.join(',')}${kinds.length ? ',' : ''}`, scored);
      if (scored !== null) score.run(id, agent, practice, startedAt + 600_000, scored);
    }
  })();
}

async function searchBench(core: ReturnType<typeof createAppCore>): Promise<void> {
  const searches: [string, ReviewQuery][] = [
    ['newest page', {}],
    ['one agent', { agent: 'A0042' }],
    ['emergency or abusive, last week', { prompts: ['emergency', 'abusive'], from: NOW - 7 * DAY }],
    ['longer than 15 min', { minDurationMs: 900_000 }],
    ['score under 50', { maxScore: 49 }],
    ['practice, one agent', { agent: 'A0007', practice: true }],
    ['page 40', { page: 40 }],
    ['agent + month + emergency', { agent: 'A0100', from: NOW - 30 * DAY, prompts: ['emergency'] }],
  ];
  const all: number[] = [];
  console.log(`\nCall-list search on ${CALLS.toLocaleString('en')} calls (replay:search through the IPC router, 50 runs each)`);
  console.log('search | rows | p50 ms | p95 ms');
  for (const [name, query] of searches) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 55; i++) {
      const start = performance.now();
      const reply = await core.router.handle(APP_SENDER, 'replay:search', query);
      const ms = performance.now() - start;
      if (!reply.ok) throw new Error(JSON.stringify(reply.error));
      rows = (reply.value as { rows: unknown[] }).rows.length;
      if (i >= 5) times.push(ms);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(`${name} | ${rows} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 95).toFixed(2)}`);
  }
  all.sort((a, b) => a - b);
  console.log(`all searches: p50 ${percentile(all, 50).toFixed(2)} ms, p95 ${percentile(all, 95).toFixed(2)} ms (goal p95 < 100 ms)`);
}

async function openBench(core: ReturnType<typeof createAppCore>, dataDir: string): Promise<void> {
  const callId = 'bench-hour-call-0001';
  const minutes = 60;
  const answeredAt = NOW - 2 * DAY;
  for (const event of [
    { type: 'ringing', id: callId, direction: 'inbound', remoteNumber: '13800138000', remoteName: '', startedAt: answeredAt - 3000 },
    { type: 'answered', id: callId, direction: 'inbound', remoteNumber: '13800138000', remoteName: '', startedAt: answeredAt - 3000, answeredAt },
  ]) {
    const reply = await core.router.handle(APP_SENDER, 'calls:event', event);
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  }
  // 3,000 timeline entries over the hour (a busy call: speech spans, prompts, steps).
  for (let batch = 0; batch < 6; batch++) {
    const entries = Array.from({ length: 500 }, (_, i) => {
      const seq = batch * 500 + i;
      const startMs = Math.floor((seq / 3000) * minutes * 60_000);
      return seq % 10 === 0
        ? { seq, kind: 'prompt-shown', subject: 'caller-angry', startMs, payload: { id: `p${seq}`, kind: 'caller-angry', priority: 50, severity: 'warning', title: '来电人情绪激动' } }
        : { seq, kind: 'signal', subject: 'speech', startMs, endMs: startMs + 800, payload: { side: seq % 2 ? 'agent' : 'caller' } };
    });
    const reply = await core.router.handle(APP_SENDER, 'guidance:appendTimeline', { callId, entries });
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  }
  await core.router.handle(APP_SENDER, 'calls:event', { type: 'ended', id: callId, endedAt: answeredAt + minutes * 60_000, outcome: 'answered', endedBy: 'remote' });

  // A 60-minute stereo call: Ogg Vorbis from sox (this machine's sox has no Opus), peaks as the replay keeps them.
  const audioDir = join(dataDir, 'replay-audio');
  mkdirSync(audioDir, { recursive: true });
  const file = join(audioDir, `${callId}.ogg`);
  execFileSync('sox', ['-n', '-r', '16000', '-c', '2', file, 'synth', String(minutes * 60), 'pinknoise', 'sine', '300-900', 'gain', '-12']);
  const perSecond = 20;
  const points = minutes * 60 * perSecond;
  const peak = (i: number, f: number) => Math.round(Math.abs(Math.sin(i / f)) * 1000) / 1000;
  writeFileSync(join(audioDir, `${callId}.peaks.json`), JSON.stringify({ durationMs: minutes * 60_000, peaks: { perSecond, caller: Array.from({ length: points }, (_, i) => peak(i, 37)), agent: Array.from({ length: points }, (_, i) => peak(i, 53)) } }));

  const opens: number[] = [];
  const audios: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 12; i++) {
    let start = performance.now();
    const open = await core.router.handle(APP_SENDER, 'replay:open', { callId });
    // What crosses IPC: the reply serialised (structured clone costs about what JSON does).
    const openJson = JSON.stringify(open);
    const openMs = performance.now() - start;
    start = performance.now();
    const audio = await core.router.handle(APP_SENDER, 'replay:audio', { callId });
    JSON.stringify(audio);
    const audioMs = performance.now() - start;
    if (!open.ok || !audio.ok) throw new Error('replay bench: open failed');
    bytes = openJson.length;
    if (i >= 2) {
      opens.push(openMs);
      audios.push(audioMs);
    }
  }
  opens.sort((a, b) => a - b);
  audios.sort((a, b) => a - b);
  console.log(`\nOpening a ${minutes}-minute call in replay, main side (${statSync(file).size.toLocaleString('en')} bytes of audio, 3,000 timeline entries, ${(bytes / 1e6).toFixed(1)} MB open reply)`);
  console.log(`replay:open (call, timeline, annotations, card, peaks): p50 ${percentile(opens, 50).toFixed(1)} ms, worst ${opens.at(-1)!.toFixed(1)} ms`);
  console.log(`replay:audio (whole file, base64): p50 ${percentile(audios, 50).toFixed(1)} ms, worst ${audios.at(-1)!.toFixed(1)} ms`);
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'replay-bench-'));
  const core = createAppCore({ databasePath: join(dir, 'hotline-desk.sqlite'), cipher: createTestCipher(), trustedOrigins: [TEST_ORIGIN], workOrders: { embeddedDatabasePath: null } });
  try {
    console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const only = process.env.REPLAY_BENCH_ONLY;
    if (only === undefined || only === '') {
      const start = performance.now();
      seedCalls(core.db);
      console.log(`seeded ${CALLS.toLocaleString('en')} calls in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      await searchBench(core);
      await openBench(core, dir);
    }
    if (only === undefined || only === '' || only === 'stream') await streamBench(core, dir);
    if (only === undefined || only === '' || only === 'paint') await firstPaintBench(core);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
