/**
 * The first call's guidance engine, in a fresh V8 (a new Node process with the renderer's V8 flags, as a desk's
 * renderer meets its first call): how long the engine's first `handle(ringing)` takes, on the ring's path, with and
 * without what the desk runs in an idle moment once the pack is in: nothing, the pack's term matchers only (the desk
 * before), the rehearsal (`rehearseGuidance`: the matchers and a throw-away engine through a call). Side by side in
 * one run, alternated process by process.
 *
 *   npm run bench -- guidance-first-call
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { RENDERER_JS_FLAGS } from '../src/main/renderer-v8-flags';
import { median, p90 } from './stats';

const ROOT = process.env.HOTLINE_ROOT ?? process.cwd();
const RUNS = 20;

// What one fresh process does: the pack arrives as JSON (as over IPC), then maybe the rehearsal, then the first call.
const CHILD = `
import { defaultPack } from './src/shared/guidance/scripts/default-pack';
import { GuidanceEngine, prepareTermMatchers, rehearseGuidance } from './src/shared/guidance/rules';
const pack = JSON.parse(JSON.stringify(defaultPack()));
if (process.argv[2] === 'matchers') prepareTermMatchers(pack);
if (process.argv[2] === 'rehearsed') rehearseGuidance(pack);
const t0 = performance.now();
const engine = new GuidanceEngine({ pack });
engine.handle({ type: 'call-phase', phase: 'ringing' }, Date.now());
const t1 = performance.now();
engine.handle({ type: 'call-phase', phase: 'talking' }, Date.now());
const t2 = performance.now();
process.stdout.write(JSON.stringify({ ringing: t1 - t0, answered: t2 - t1 }));
`;

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'guidance-first-call-'));
  try {
    const outfile = join(dir, 'child.mjs');
    await build({ stdin: { contents: CHILD, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning' });
    const kinds = ['cold', 'matchers', 'rehearsed'] as const;
    type Kind = (typeof kinds)[number];
    const results = Object.fromEntries(kinds.map((kind) => [kind, { ringing: [] as number[], answered: [] as number[] }])) as Record<Kind, { ringing: number[]; answered: number[] }>;
    const load = loadavg()[0]!;
    for (let run = 0; run < RUNS; run++) {
      for (const kind of run % 2 === 0 ? kinds : [...kinds].reverse()) {
        const child = spawnSync(process.execPath, [...RENDERER_JS_FLAGS.split(' '), outfile, kind], { encoding: 'utf8', timeout: 30_000 });
        if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
        const { ringing, answered } = JSON.parse(child.stdout) as { ringing: number; answered: number };
        results[kind].ringing.push(ringing);
        results[kind].answered.push(answered);
      }
    }
    console.log(`\nThe first call's guidance engine in a fresh V8 (${RUNS} processes each, alternated; ${cpus().length}× ${cpus()[0]?.model ?? '?'}; load ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})`);
    console.log('| engine made and its first signal handled, ms (median / p90) | nothing ahead | the term matchers ahead | the rehearsal ahead |');
    console.log('| --- | ---: | ---: | ---: |');
    const cell = (values: number[]) => `${median(values).toFixed(2)} / ${p90(values).toFixed(2)}`;
    const row = (label: string, key: 'ringing' | 'answered') => console.log(`| ${label} | ${kinds.map((kind) => cell(results[kind][key])).join(' | ')} |`);
    row('ringing (on the ring’s path)', 'ringing');
    row('then answered', 'answered');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
