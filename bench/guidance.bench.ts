/**
 * Live guidance, measured (issue 4):
 *  1. CPU cost of the two-sided audio analysis per second of 48 kHz audio, fed
 *     in 128-sample quanta exactly as the AudioWorklet does, next to the
 *     alternatives not chosen (a plain energy-threshold VAD; Silero VAD v5 from
 *     @ricky0123/vad-web on onnxruntime-web, bench only);
 *  2. detection quality on the generated recordings and on what the agent's app
 *     received in the lab (the e2e test's recordings, caller AGC off and on):
 *     raised-voice and silence spans found, false alarms; ours vs energy-only vs Silero;
 *  3. signal → prompt painted in Chromium, from the end-to-end run's
 *     Performance API measures (dist/guidance-e2e-latency.json);
 *  4. accuracy per line path, the telephone network's included (guidance-accuracy.bench.ts).
 *
 *   npx esbuild bench/guidance.bench.ts --bundle --platform=node --format=esm --outfile=dist/bench/guidance.bench.mjs --log-level=warning && node dist/bench/guidance.bench.mjs
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { AGC_AUDIO_PROFILE, analyzeBuffers, DuplexAnalyser, type AudioConfig, type AudioEvent } from '../src/shared/guidance/audio';
import { ensureAudioFixtures, FIXTURE_RATE, type FixtureName } from '../test/fixtures/audio/make-audio';
import { readWav } from '../test/unit/guidance/wav';
import { resample48kTo16k, SileroVad, speechLikeFromProbabilities } from './silero-vad';
import { median, percentile } from './stats';

const RATE = FIXTURE_RATE;
const QUANTUM = 128;
const fixtures = ensureAudioFixtures();
if (!fixtures.available) throw new Error(fixtures.reason);
const load = (name: FixtureName) => readWav(fixtures.path(name)).samples;
const concat = (...parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};
const silence = (seconds: number) => new Float32Array(Math.round(seconds * RATE));

// ---- 1. CPU ---------------------------------------------------------------------------------

const caller = concat(load('calm-then-loud'), load('speech-in-noise'));
const agent = concat(silence(2), load('agent'), silence(caller.length / RATE - 2 - load('agent').length / RATE));
const seconds = caller.length / RATE;

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function ours(config?: Partial<AudioConfig>): () => void {
  return () => {
    const analyser = new DuplexAnalyser({ sampleRate: RATE, config });
    for (let i = 0; i + QUANTUM <= caller.length; i += QUANTUM) analyser.push(caller.subarray(i, i + QUANTUM), agent.subarray(i, i + QUANTUM));
    analyser.finish();
  };
}

/** The alternative: per-side frame RMS against a fixed threshold with a hangover, nothing else. */
function energyOnly(): () => void {
  return () => {
    const frame = 960;
    for (const side of [caller, agent]) {
      let active = false;
      let quiet = 0;
      let acc = 0;
      let n = 0;
      for (let i = 0; i + QUANTUM <= side.length; i += QUANTUM) {
        for (let j = i; j < i + QUANTUM; j++) acc += side[j]! * side[j]!;
        n += QUANTUM;
        if (n >= frame) {
          const db = 10 * Math.log10(acc / n + 1e-12);
          if (db > -45) {
            active = true;
            quiet = 0;
          } else if (active && ++quiet > 15) active = false;
          acc = 0;
          n = 0;
        }
      }
    }
  };
}

const REPEATS = 7;
function measure(run: () => void): { msPerSecond: number; percentOfCore: number } {
  run(); // warm-up (JIT)
  const samples = Array.from({ length: REPEATS }, () => cpuMs(run) / seconds);
  const msPerSecond = median(samples);
  return { msPerSecond, percentOfCore: msPerSecond / 10 };
}

const ROOT = process.env.HOTLINE_ROOT ?? process.cwd();
const silero = await SileroVad.create(ROOT);
const AGC = { ...AGC_AUDIO_PROFILE };

/** Silero VAD on both sides (resampled to 16 kHz), its decisions driving our loudness and two-sided logic. */
async function sileroPipeline(callerSide: Float32Array, agentSide: Float32Array): Promise<void> {
  const decisions = {
    caller: speechLikeFromProbabilities(await silero.probabilities(resample48kTo16k(callerSide)), 20),
    agent: speechLikeFromProbabilities(await silero.probabilities(resample48kTo16k(agentSide)), 20),
  };
  const analyser = new DuplexAnalyser({ sampleRate: RATE, config: AGC, speechLike: (side, index) => decisions[side](index) });
  for (let i = 0; i + QUANTUM <= callerSide.length; i += QUANTUM) analyser.push(callerSide.subarray(i, i + QUANTUM), agentSide.subarray(i, i + QUANTUM));
  analyser.finish();
}

/** Silero is ~100× dearer: measured on the first 10 s, 3 times (the cost per second is the same). */
const SILERO_SECONDS = 10;
const SILERO_REPEATS = 3;
async function measureSilero(): Promise<{ msPerSecond: number; percentOfCore: number }> {
  const c = caller.subarray(0, SILERO_SECONDS * RATE);
  const a = agent.subarray(0, SILERO_SECONDS * RATE);
  await sileroPipeline(c.subarray(0, RATE), a.subarray(0, RATE)); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < SILERO_REPEATS; r++) {
    const start = process.cpuUsage();
    await sileroPipeline(c, a);
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000 / SILERO_SECONDS);
  }
  const msPerSecond = median(samples);
  return { msPerSecond, percentOfCore: msPerSecond / 10 };
}

const cpu = {
  ours: measure(ours(AGC)),
  energy: measure(energyOnly()),
  silero: await measureSilero(),
};

// ---- 2. Detection quality ----------------------------------------------------------------------

const ENERGY_ONLY: Partial<AudioConfig> = { useNoiseFloor: false, useFlatness: false };
const count = (events: AudioEvent[], type: AudioEvent['type'], side?: 'caller' | 'agent') =>
  events.filter((e) => e.type === type && (side === undefined || !('side' in e) || e.side === side)).length;

interface Case {
  name: string;
  caller: Float32Array;
  raised: number;
  silences: number;
}
const noiseBed = load('noise').subarray(0, 10 * RATE);
const cases: Case[] = [
  { name: 'calm, then +12 dB limited and faster', caller: load('calm-then-loud'), raised: 1, silences: 0 },
  { name: 'calm, then +5 dB (what AGC lets through)', caller: load('calm-then-loud-agc'), raised: 1, silences: 0 },
  { name: 'AGC settling (+8 dB first 2 s), calm, +5 dB', caller: load('agc-settling-then-loud'), raised: 1, silences: 0 },
  { name: 'calm throughout (3 sentences)', caller: load('calm-then-calm'), raised: 0, silences: 0 },
  { name: 'AGC settling, calm throughout', caller: load('agc-settling-then-calm'), raised: 0, silences: 0 },
  { name: 'calm speech in street noise', caller: load('speech-in-noise'), raised: 0, silences: 0 },
  { name: 'calm, 7 s of silence, calm', caller: concat(load('calm'), silence(7), load('calm2')), raised: 0, silences: 1 },
  { name: 'calm, 7 s of street noise, calm', caller: concat(load('calm'), noiseBed.subarray(0, 7 * RATE), load('calm2')), raised: 0, silences: 1 },
];
// What the agent's app really received in the lab (recorded by the e2e test): 6 s of silence, calm, calm, loud.
for (const mode of ['off', 'on'] as const) {
  const file = join(process.cwd(), 'dist', `guidance-e2e-received-agc-${mode}.wav`);
  if (existsSync(file)) cases.push({ name: `lab recording, caller AGC/NS/EC ${mode}`, caller: readWav(file).samples, raised: 1, silences: 1 });
}

type SpeechLike = (side: 'caller' | 'agent', frameIndex: number) => boolean;
function quality(config: Partial<AudioConfig>, speechLikeFor?: (c: Case) => SpeechLike) {
  return cases.map((c) => {
    const { events } = analyzeBuffers({ caller: c.caller, sampleRate: RATE, config, speechLike: speechLikeFor?.(c) });
    const raised = count(events, 'raised-voice-start', 'caller');
    const silences = count(events, 'dead-air-start');
    return {
      name: c.name,
      raisedFound: Math.min(raised, c.raised),
      raisedFalse: Math.max(0, raised - c.raised),
      silenceFound: Math.min(silences, c.silences),
      silenceFalse: Math.max(0, silences - c.silences),
      raisedExpected: c.raised,
      silenceExpected: c.silences,
    };
  });
}
// Silero's decisions for each recording's caller side (the agent side is silent in these cases).
const sileroDecisions = new Map<Case, SpeechLike>();
for (const c of cases) {
  const callerSpeech = speechLikeFromProbabilities(await silero.probabilities(resample48kTo16k(c.caller)), 20);
  sileroDecisions.set(c, (side, index) => side === 'caller' && callerSpeech(index));
}
await silero.release();
const detection = {
  ours: quality(AGC),
  oursNoAgcProfile: quality({}),
  energy: quality({ ...AGC, ...ENERGY_ONLY }),
  silero: quality(AGC, (c) => sileroDecisions.get(c)!),
};

// ---- 3. Signal → prompt painted (from the e2e run) -----------------------------------------------

const latencyFile = join(process.cwd(), 'dist', 'guidance-e2e-latency.json');
const latencies = existsSync(latencyFile) ? (JSON.parse(readFileSync(latencyFile, 'utf8')) as { key: string; cause: string; ms: number }[]) : [];

// ---- Report ------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 3) => n.toFixed(digits);
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`);
console.log(`\nCPU per second of two-sided 48 kHz audio (${fmt(seconds, 1)} s, 128-sample quanta, median of ${REPEATS}):`);
console.log(`  ours (noise floor + spectral flatness + loudness vs baseline + two-sided): ${fmt(cpu.ours.msPerSecond)} ms/s = ${fmt(cpu.ours.percentOfCore)} % of one core`);
console.log(`  energy threshold only:                                             ${fmt(cpu.energy.msPerSecond)} ms/s = ${fmt(cpu.energy.percentOfCore)} % of one core`);
console.log(`  Silero VAD v5 (onnxruntime-web wasm, 1 thread; 48→16 kHz) + ours:  ${fmt(cpu.silero.msPerSecond)} ms/s = ${fmt(cpu.silero.percentOfCore)} % of one core (first ${SILERO_SECONDS} s, median of ${SILERO_REPEATS})`);
console.log('\nDetection (found/expected, false alarms) — raised voice | silence spans:');
for (const [label, rows] of Object.entries(detection)) {
  console.log(`  ${label}:`);
  for (const r of rows) console.log(`    ${r.name.padEnd(44)} raised ${r.raisedFound}/${r.raisedExpected} (+${r.raisedFalse} false) | silence ${r.silenceFound}/${r.silenceExpected} (+${r.silenceFalse} false)`);
}
console.log('\nAs a table (raised found/expected +false | silence found/expected +false):');
console.log(`| recording | ${Object.keys(detection).join(' | ')} |`);
console.log(`|---|${Object.keys(detection).map(() => '---').join('|')}|`);
for (let i = 0; i < cases.length; i++) {
  const cells = Object.values(detection).map((rows) => {
    const r = rows[i]!;
    return `${r.raisedFound}/${r.raisedExpected}${r.raisedFalse ? ` +${r.raisedFalse}` : ''} · ${r.silenceFound}/${r.silenceExpected}${r.silenceFalse ? ` +${r.silenceFalse}` : ''}`;
  });
  console.log(`| ${cases[i]!.name} | ${cells.join(' | ')} |`);
}
if (latencies.length > 0) {
  const ms = latencies.map((l) => l.ms);
  console.log(`\nSignal → prompt painted in Chromium (e2e lab, n=${ms.length}): median ${fmt(median(ms), 1)} ms, p95 ${fmt(percentile(ms, 95), 1)} ms, max ${fmt(Math.max(...ms), 1)} ms`);
  for (const l of latencies) console.log(`    ${l.key} (${l.cause}): ${l.ms} ms`);
} else {
  console.log('\nSignal → prompt painted: run the e2e test first (npx vitest run --project e2e test/e2e/guidance.e2e.test.ts)');
}

// ---- 4. Accuracy per line path (wideband, G.711 A-law / µ-law, 3% loss): its own file, run after this one ----
await import('./guidance-accuracy.bench');
