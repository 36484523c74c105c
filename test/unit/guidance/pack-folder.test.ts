import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PACK_FILE, PackFolder } from '../../../src/main/guidance/pack-folder';
import type { PackState } from '../../../src/shared/ipc/contract-guidance';
import { makeTempDir } from '../../support/temp-dir';

/** Resolves with the next pushed state that passes `test`; rejects after `ms` (a bound, not a synchronisation sleep). */
function nextChange(changes: PackState[], listeners: ((state: PackState) => void)[], test: (state: PackState) => boolean, ms = 5000): Promise<PackState> {
  const already = changes.find(test);
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching pack change within ${ms} ms`)), ms);
    listeners.push((state) => {
      if (!test(state)) return;
      clearTimeout(timer);
      resolve(state);
    });
  });
}

describe('script packs from a folder', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let folder: PackFolder | undefined;
  let changes: PackState[];
  let listeners: ((state: PackState) => void)[];
  const open = () => {
    folder = new PackFolder({
      dir: dir.path,
      debounceMs: 20,
      onChange: (state) => {
        changes.push(state);
        for (const listener of listeners) listener(state);
      },
    });
    return folder.start();
  };

  beforeEach(() => {
    dir = makeTempDir('hotline-packs-');
    changes = [];
    listeners = [];
  });
  afterEach(() => {
    folder?.close();
    dir.remove();
  });

  it('copies the built-in pack into an empty folder and uses it', () => {
    const state = open();
    expect(readdirSync(dir.path)).toEqual([DEFAULT_PACK_FILE]);
    expect(state).toMatchObject({ source: 'folder', file: DEFAULT_PACK_FILE, problems: [] });
    expect(state.pack.id).toBeTruthy();
  });

  it('names the broken line, keeps the last good version of that file, and reloads a fix', async () => {
    open();
    const path = join(dir.path, DEFAULT_PACK_FILE);
    const good = readFileSync(path, 'utf8');
    const lines = good.split('\n');
    // Break the first English text of the greeting step: an unknown placeholder.
    const index = lines.findIndex((line) => line.includes('"en"') && lines.slice(0, lines.indexOf(line)).some((l) => l.includes('"greeting"')));
    lines[index] = lines[index]!.replace(/"en": ".*"/, '"en": "Hello {nonsense}"');
    writeFileSync(`${path}.tmp`, lines.join('\n'));
    renameSync(`${path}.tmp`, path);

    const broken = await nextChange(changes, listeners, (state) => state.problems.length > 0);
    expect(broken.source).toBe('folder'); // still the last good version
    expect(broken.problems[0]).toMatchObject({ file: DEFAULT_PACK_FILE, messageKey: 'guidance.pack.unknownPlaceholder', line: index + 1 });
    expect(broken.problems[0]!.pathText).toMatch(/^steps\[0\]\..*\.en$/);

    writeFileSync(path, good.replace('"zh-CN": "', '"zh-CN": "【试】'));
    const fixed = await nextChange(changes, listeners, (state) => state.problems.length === 0 && JSON.stringify(state.pack).includes('【试】'));
    expect(fixed.source).toBe('folder');
  });

  it('reports a JSON syntax error with its line, and falls back to the built-in pack when nothing is valid', () => {
    writeFileSync(join(dir.path, 'trainer.json'), '{\n  "schemaVersion": 1,\n  "id": "x",\n  oops\n}\n');
    const state = open();
    expect(state.source).toBe('default');
    expect(state.problems).toHaveLength(1);
    expect(state.problems[0]).toMatchObject({ file: 'trainer.json', messageKey: 'guidance.pack.invalidJson', line: 4 });
  });

  it('goes back to the built-in pack when the file is removed', async () => {
    open();
    rmSync(join(dir.path, DEFAULT_PACK_FILE));
    const state = await nextChange(changes, listeners, (s) => s.source === 'default');
    expect(state.problems).toEqual([]);
  });
});
