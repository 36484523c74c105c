/**
 * Practice calls, measured (issue 14):
 *
 * 1. Time from a fresh start (a new data folder: the test core opened, the
 *    built renderer loaded in a new page) to the first practice call ringing
 *    (the ringing panel on screen after Enter on the welcome), and the part of
 *    it that is the welcome's Enter → ringing.
 * 2. The shipped caller clips: files, bytes, seconds of speech.
 * 3. CPU of the desk's browser (every process of it, from /proc) over the same
 *    window of a practice call and of a real call (a caller's browser through
 *    the lab's Kamailio; the caller's own browser is not counted), the trainee
 *    and the agent speaking from the same WAV, the guidance's analysis on.
 *
 *   npm run bench -- practice      (PRACTICE_BENCH_STARTS=5, PRACTICE_BENCH_WINDOW_S=20)
 * Chromium stands in for Electron (the same renderer; Electron's own start is
 * not in the figure: see bench/cold-start.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startLab, type SipLab } from '../test/e2e/lab/lab';
import { launchLabBrowser, serveDir } from '../test/e2e/lab/browser';
import { RENDERER_DIR } from '../test/e2e/app/agent-lab';
import { openAgentApp } from '../test/e2e/app/agent-app';
import { fillAgentSettings } from '../test/e2e/app/agent-settings';
import { openCallerPhone } from '../test/e2e/caller/page';
import { makeTraineeAudio } from '../test/e2e/practice-audio';
import { makeTempDir } from '../test/support/temp-dir';
import { browserProcesses, cpuSeconds } from './browser-cpu';
import { median } from './stats';

const ROOT = join(import.meta.dirname, '..');
const STARTS = Number(process.env.PRACTICE_BENCH_STARTS ?? 5);
const WINDOW_S = Number(process.env.PRACTICE_BENCH_WINDOW_S ?? 20);

const fmt = (values: number[]) => `median ${median(values).toFixed(0)} (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;

function clipFigures(): { files: number; bytes: number; seconds: number } {
  const dir = join(ROOT, 'assets', 'practice-voices');
  let files = 0;
  let bytes = 0;
  for (const scenario of readdirSync(dir)) {
    const sub = join(dir, scenario);
    if (!statSync(sub).isDirectory()) continue;
    for (const file of readdirSync(sub).filter((name) => name.endsWith('.ogg'))) {
      files += 1;
      bytes += statSync(join(sub, file)).size;
    }
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { clips: Record<string, { durationMs: number }> };
  const seconds = Object.values(manifest.clips).reduce((sum, clip) => sum + clip.durationMs, 0) / 1000;
  return { files, bytes, seconds };
}

async function talking(page: Page): Promise<void> {
  await page.getByTestId('answer-button').click({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId('desk-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('talking');
  await expect.poll(() => page.getByTestId('guidance-panel').getAttribute('data-audio'), { timeout: 10_000 }).toBe('on');
}

/** CPU seconds per second of the browser whose command line has `marker`, over `seconds` of wall time. */
async function cpuOver(marker: string, seconds: number): Promise<number> {
  const pids = browserProcesses(marker);
  const before = cpuSeconds(pids);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return (cpuSeconds(pids) - before) / ((performance.now() - started) / 1000);
}

it('practice calls: fresh start to ringing, clip sizes, CPU against a real call', async () => {
  const clips = clipFigures();
  const audioDir = makeTempDir('hotline-practice-bench-audio-');
  const audio = makeTraineeAudio(audioDir.path);
  const lab: SipLab = await startLab();
  const contexts: BrowserContext[] = [];
  let server: ChildProcess | undefined;
  try {
    // The guidance's AudioWorklet module is fetched outside Playwright's routing (see test/e2e/app/static-server.mjs).
    const [command, args] = lab.inNetns(process.execPath, [fileURLToPath(new URL('../test/e2e/app/static-server.mjs', import.meta.url)), RENDERER_DIR, '/app/', '80']);
    server = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('static server did not start within 10 s')), 10_000);
      server!.stdout!.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const desk = await launchLabBrowser(lab, { fakeAudioFile: `${audio.greetsThenSilent}%noloop` });
    contexts.push(desk);
    await serveDir(desk, 'http://localhost/app/', RENDERER_DIR);

    // 1. Fresh start → the first practice call ringing.
    const startToRing: number[] = [];
    const enterToRing: number[] = [];
    for (let i = 0; i < STARTS; i += 1) {
      const dataDir = makeTempDir('hotline-practice-bench-');
      const t0 = performance.now();
      const app = await openAgentApp(desk, dataDir.path);
      await app.page.getByTestId('welcome-practice').waitFor({ state: 'visible', timeout: 15_000 });
      const t1 = performance.now();
      await app.page.keyboard.press('Enter');
      await app.page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 10_000 });
      const t2 = performance.now();
      startToRing.push(t2 - t0);
      enterToRing.push(t2 - t1);
      await app.page.getByTestId('decline-button').click().catch(() => undefined);
      await app.close();
      dataDir.remove();
    }

    // 3a. CPU during a practice call (the same desk browser; its marker is the WAV's path).
    const practiceDir = makeTempDir('hotline-practice-bench-');
    const practiceApp = await openAgentApp(desk, practiceDir.path);
    await practiceApp.page.getByTestId('welcome-practice').waitFor({ state: 'visible', timeout: 15_000 });
    await practiceApp.page.keyboard.press('Enter');
    await talking(practiceApp.page);
    const practiceCpu = await cpuOver(audio.greetsThenSilent, WINDOW_S);
    await practiceApp.page.getByTestId('hangup-button').click();
    await practiceApp.close();
    practiceDir.remove();

    // 3b. CPU during a real call: the same desk browser registered to the lab, a caller's browser calling it.
    const realDir = makeTempDir('hotline-practice-bench-');
    const realApp = await openAgentApp(desk, realDir.path);
    await fillAgentSettings(realApp.page, lab, '1001');
    await expect.poll(() => realApp.page.getByTestId('registration-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('registered');
    const callerContext = await launchLabBrowser(lab, { fakeAudioFile: `${audio.greetsThenTalksOver}%noloop` });
    contexts.push(callerContext);
    const caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
    await caller.call(`sip:1001@${lab.domain}`);
    await talking(realApp.page);
    const realCpu = await cpuOver(audio.greetsThenSilent, WINDOW_S);
    await realApp.page.getByTestId('hangup-button').click();
    await caller.close();
    await realApp.close();
    realDir.remove();

    console.log(
      [
        '',
        `practice bench (${STARTS} fresh starts, ${WINDOW_S} s CPU windows; 2-core machine shared with other sessions)`,
        `  fresh start → first practice call ringing: ${fmt(startToRing)} ms`,
        `    of which Enter on the welcome → ringing: ${fmt(enterToRing)} ms`,
        `  shipped caller clips: ${clips.files} files, ${(clips.bytes / 1024).toFixed(0)} KiB, ${clips.seconds.toFixed(0)} s of speech (${((clips.bytes * 8) / clips.seconds / 1000).toFixed(1)} kbit/s)`,
        `  desk browser CPU during a practice call: ${(practiceCpu * 100).toFixed(1)} % of a core`,
        `  desk browser CPU during a real call:     ${(realCpu * 100).toFixed(1)} % of a core`,
      ].join('\n'),
    );
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    server?.kill();
    await lab.stop();
    audioDir.remove();
  }
});
