import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledScenarios } from '../../../src/shared/practice';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}assets/practice-voices/manifest.json`, 'utf8')) as {
  voice: string;
  clips: Record<string, { file: string; durationMs: number; bytes: number }>;
};

describe('the practice callers\' shipped clips', () => {
  it('are made from the scenarios as they are now (scripts/practice-voices.mjs --check)', () => {
    const result = spawnSync(process.execPath, [`${root}scripts/practice-voices.mjs`, '--check'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('cover every voiced line and interjection of every bundled scenario, with the Mandarin pinyin voice', () => {
    expect(manifest.voice).toBe('cmn-latn-pinyin');
    const expected = bundledScenarios().flatMap((scenario) => [
      ...scenario.lines.filter((line) => !line.silent).map((line) => `${scenario.id}/${line.id}`),
      ...scenario.interjections.map((item) => `${scenario.id}/${item.id}`),
    ]).sort();
    expect(Object.keys(manifest.clips).sort()).toEqual(expected);
    for (const clip of Object.values(manifest.clips)) {
      expect(statSync(`${root}assets/practice-voices/${clip.file}`).size).toBe(clip.bytes);
      expect(clip.durationMs).toBeGreaterThan(500);
    }
  });
});
