/**
 * Guidance accuracy per line path (issue: telephone callers): every recording
 * of the set played through each path the desk meets, the prompts the caller's
 * audio raised against the prompts expected, misses and false alarms, and the
 * time from answer to each prompt next to the wideband line's.
 *
 * Paths (offline, test/fixtures/audio/telephone-path.ts): wideband (the
 * recording as it is, 48 kHz), G.711 A-law, G.711 µ-law, G.711 A-law with 3%
 * of 20 ms packets lost (concealed by repeating the last packet at half
 * amplitude). The desk's configuration (the AGC profile); with and without
 * the codec hint (lineBandwidthHz 4000 for G.711); next to the naive
 * energy-threshold detector. Lab figures (baresip → rtpengine → desk, from
 * the e2e run's dist/guidance-telephone-e2e.json) are printed apart.
 *
 *   npm run bench -- guidance
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { AGC_AUDIO_PROFILE, type AudioConfig } from '../src/shared/guidance/audio';
import { ensureAudioFixtures, FIXTURE_RATE, type FixtureName } from '../test/fixtures/audio/make-audio';
import { LINE_PATHS, throughPath, type LinePathName } from '../test/fixtures/audio/telephone-path';
import { AUDIO_PROMPTS, buildRecording, LINE_RECORDINGS } from '../test/unit/guidance/line-recordings';
import { replayCall } from '../test/unit/guidance/prompt-replay';
import { readWav } from '../test/unit/guidance/wav';

const RATE = FIXTURE_RATE;
const fixtures = ensureAudioFixtures();
if (!fixtures.available) throw new Error(fixtures.reason);
const load = (name: FixtureName) => readWav(fixtures.path(name)).samples;
const PATHS = Object.keys(LINE_PATHS) as LinePathName[];

interface Variant {
  label: string;
  config: (path: LinePathName) => Partial<AudioConfig>;
}
const VARIANTS: Variant[] = [
  { label: 'ours (desk config, no codec hint)', config: () => ({ ...AGC_AUDIO_PROFILE }) },
  { label: 'ours + codec hint (4 kHz on G.711)', config: (path) => ({ ...AGC_AUDIO_PROFILE, ...(path === 'wideband' ? {} : { lineBandwidthHz: 4000 }) }) },
  { label: 'energy threshold only', config: () => ({ ...AGC_AUDIO_PROFILE, useNoiseFloor: false, useFlatness: false }) },
];

interface Cell {
  shown: { kind: string; atMs: number }[];
  misses: string[];
  falseAlarms: string[];
}

const audio = new Map(LINE_RECORDINGS.map((r) => [r.name, new Map(PATHS.map((p) => [p, throughPath(buildRecording(r, load, RATE), p)]))]));
const results = new Map<string, Map<string, Map<LinePathName, Cell>>>();
const started = performance.now();
for (const variant of VARIANTS) {
  const byRecording = new Map<string, Map<LinePathName, Cell>>();
  for (const recording of LINE_RECORDINGS) {
    const byPath = new Map<LinePathName, Cell>();
    for (const path of PATHS) {
      const shown = replayCall(audio.get(recording.name)!.get(path)!, RATE, variant.config(path)).filter((p) => AUDIO_PROMPTS.includes(p.kind));
      const kinds = shown.map((p) => p.kind as string);
      byPath.set(path, {
        shown,
        misses: recording.expected.filter((k) => !kinds.includes(k)),
        falseAlarms: kinds.filter((k) => !(recording.expected as string[]).includes(k)),
      });
    }
    byRecording.set(recording.name, byPath);
  }
  results.set(variant.label, byRecording);
}
const elapsedS = (performance.now() - started) / 1000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`\nGuidance accuracy per line path (offline simulation of the paths; ${LINE_RECORDINGS.length} recordings × ${PATHS.length} paths × ${VARIANTS.length} variants in ${elapsedS.toFixed(1)} s)`);
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`);
for (const [label, byRecording] of results) {
  let misses = 0;
  let falseAlarms = 0;
  let worstLagMs = 0;
  console.log(`\n${label}:`);
  console.log(`| recording | expected | ${PATHS.join(' | ')} |`);
  console.log(`|---|---|${PATHS.map(() => '---').join('|')}|`);
  for (const recording of LINE_RECORDINGS) {
    const byPath = byRecording.get(recording.name)!;
    const wide = byPath.get('wideband')!;
    const cells = PATHS.map((path) => {
      const cell = byPath.get(path)!;
      misses += cell.misses.length;
      falseAlarms += cell.falseAlarms.length;
      const parts = cell.shown.map((p) => {
        const wideAt = wide.shown.find((w) => w.kind === p.kind)?.atMs;
        const lag = wideAt === undefined || path === 'wideband' ? '' : ` (${p.atMs - wideAt >= 0 ? '+' : ''}${((p.atMs - wideAt) / 1000).toFixed(2)})`;
        if (wideAt !== undefined && (recording.expected as readonly string[]).includes(p.kind)) worstLagMs = Math.max(worstLagMs, p.atMs - wideAt);
        return `${cell.falseAlarms.includes(p.kind) ? '**FALSE** ' : ''}${p.kind} ${seconds(p.atMs)}${lag}`;
      });
      parts.push(...cell.misses.map((k) => `**MISSED** ${k}`));
      return parts.join(', ') || '—';
    });
    console.log(`| ${recording.name} | ${recording.expected.join(', ') || 'none'} | ${cells.join(' | ')} |`);
  }
  console.log(`  misses ${misses}, false alarms ${falseAlarms}, worst lag behind wideband ${seconds(worstLagMs)}`);
}

// ---- The lab (baresip → rtpengine → desk), from the last e2e run ---------------------------------------
const labFile = join(process.env.HOTLINE_ROOT ?? process.cwd(), 'dist', 'guidance-telephone-e2e.json');
if (existsSync(labFile)) {
  const lab = JSON.parse(readFileSync(labFile, 'utf8')) as { codec: string; recording: string; prompts: { kind: string; atMs: number }[] }[];
  console.log('\nIn the lab (test/e2e/telephone-guidance.e2e.test.ts, real G.711 through rtpengine to the desk in Chromium), time from answer:');
  for (const row of lab) console.log(`  ${row.codec} ${row.recording}: ${row.prompts.map((p) => `${p.kind} ${seconds(p.atMs)}`).join(', ') || 'no prompt'}`);
} else {
  console.log('\nLab figures: run the e2e test first (flock /tmp/hotline-lab.lock npx vitest run --project e2e test/e2e/telephone-guidance.e2e.test.ts)');
}
