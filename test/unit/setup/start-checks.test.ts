import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

const ROOT = resolve(__dirname, '../../..');
const CHECK_NODE = join(ROOT, 'scripts/check-node.cjs');
const CHECK_ELECTRON = join(ROOT, 'scripts/check-electron.mjs');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

interface CheckNode {
  REQUIRED: string;
  satisfies(version: string, required: string): boolean;
  nodeVersionMessage(version: string, execPath: string, required: string): string | null;
}

describe('the Node check at npm start', () => {
  it('npm start runs it first, then the Electron check, then the build and Electron; it needs what engines says', () => {
    // In start itself: with ignore-scripts=true (.npmrc) npm runs no pre- or post-scripts, not even prestart.
    expect(pkg.scripts.start).toBe('node scripts/check-node.cjs && node scripts/check-electron.mjs && node scripts/build.mjs && electron .');
    const check = createRequire(import.meta.url)(CHECK_NODE) as CheckNode;
    expect(pkg.engines.node).toBe(`>=${check.REQUIRED}`);
  });

  it('says which Node is needed, which one runs and where to get it (zh-CN, then English); silent on a good one', () => {
    const check = createRequire(import.meta.url)(CHECK_NODE) as CheckNode;
    const message = check.nodeVersionMessage('v20.20.2', '/usr/bin/node', '22.12.0');
    const [zh, en] = (message ?? '').trim().split('\n');
    expect(zh).toContain('需要 Node.js 22.12.0 或更高版本');
    expect(zh).toContain('当前运行的是 20.20.2（/usr/bin/node）');
    expect(zh).toContain('https://nodejs.org/zh-cn/download');
    expect(en).toContain('needs Node.js 22.12.0 or newer; this is 20.20.2 (/usr/bin/node)');
    expect(en).toContain('https://nodejs.org/en/download');
    for (const old of ['22.11.9', '21.7.0', '8.17.0', '0.12.18']) expect(check.satisfies(old, '22.12.0')).toBe(false);
    for (const good of ['22.12.0', '22.23.5', '24.0.0', 'v23.1.0']) expect(check.nodeVersionMessage(good, 'node', '22.12.0')).toBeNull();
    // The Node running this test (the project's) passes: exit 0, nothing printed.
    const run = spawnSync(process.execPath, [CHECK_NODE], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr + run.stdout).toBe('');
  });
});

/** A project whose node_modules/electron follows the real package's layout, with an install.js that behaves as told. */
function fakeProject(install: 'fails' | 'succeeds', state: 'installed' | 'no-path-txt' | 'no-dist') {
  const dir = makeTempDir('hotline-start-');
  const electron = join(dir.path, 'node_modules', 'electron');
  mkdirSync(join(electron, 'dist'), { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', main: 'index.js' }));
  const binary = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  if (state !== 'no-path-txt') writeFileSync(join(electron, 'path.txt'), binary);
  if (state === 'installed') writeFileSync(join(electron, 'dist', 'electron'), '');
  // As install.js: marks that it ran; fails as @electron/get does without network (console.error(err.stack)), or
  // extracts (here: creates) the binary and writes path.txt.
  writeFileSync(
    join(electron, 'install.js'),
    [
      "const fs = require('fs'); const path = require('path');",
      "fs.writeFileSync(path.join(__dirname, 'ran.txt'), process.env.ELECTRON_MIRROR || '');",
      install === 'fails'
        ? "console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:13510:13'); process.exit(1);"
        : "fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true }); fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), ''); fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');",
    ].join('\n'),
  );
  const home = join(dir.path, 'home');
  mkdirSync(home);
  return { dir, electron, home };
}

function runCheck(project: ReturnType<typeof fakeProject>, extraEnv: Record<string, string> = {}) {
  // A clean environment: no npm_config_* or ELECTRON_* from the shell running the tests.
  const env = { PATH: process.env.PATH ?? '', HOME: project.home, USERPROFILE: project.home, ...extraEnv };
  return spawnSync(process.execPath, [CHECK_ELECTRON], { cwd: project.dir.path, env, encoding: 'utf8', timeout: 30_000 });
}

/** @electron/get's own cache directory for a URL (the real package, so the path printed is the one it reads). */
async function electronGetCacheDir(url: string): Promise<string> {
  const cache = (await import(pathToFileURL(join(ROOT, 'node_modules/@electron/get/dist/Cache.js')).href)) as {
    Cache: { getCacheDirectory(url: string): string };
  };
  return cache.Cache.getCacheDirectory(url);
}

describe('the Electron check before npm start', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((remove) => remove()));
  const platformArch = `${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch}`;

  it('an installed Electron starts without a download', () => {
    const project = fakeProject('fails', 'installed');
    cleanups.push(project.dir.remove);
    const run = runCheck(project);
    expect(run.status).toBe(0);
    expect(existsSync(join(project.electron, 'ran.txt'))).toBe(false);
  });

  it('a failed download names the version, the URL it tried, the cache file it looked for and both fixes', async () => {
    const project = fakeProject('fails', 'no-path-txt');
    cleanups.push(project.dir.remove);
    const run = runCheck(project);
    expect(run.status).toBe(1);
    expect(existsSync(join(project.electron, 'ran.txt'))).toBe(true);
    const file = `electron-v45.4.1-${platformArch}.zip`;
    const url = `https://github.com/electron/electron/releases/download/v45.4.1/${file}`;
    const cacheFile = join(project.home, '.cache', 'electron', await electronGetCacheDir(url), file);
    const message = run.stderr;
    // zh-CN first, then English.
    expect(message.indexOf('未能准备 Electron 45.4.1')).toBe(0);
    expect(message).toContain('下载失败：TypeError: fetch failed');
    expect(message).toContain(`下载地址：${url}（默认地址 GitHub；未设置 ELECTRON_MIRROR）`);
    expect(message).toContain(`离线缓存：${cacheFile}（没有这个文件）`);
    expect(message).toContain('ELECTRON_MIRROR="https://npmmirror.com/mirrors/electron/" ELECTRON_CUSTOM_DIR="{{ version }}" node node_modules/electron/install.js');
    expect(message).toContain('重新运行 npm start');
    expect(message).toContain(`Electron 45.4.1 (${platformArch}) is not installed`);
    expect(message).toContain('the download failed: TypeError: fetch failed');
    expect(message).toContain(`Fetched from: ${url} (the default, GitHub; ELECTRON_MIRROR is not set)`);
    expect(message).toContain(`copy it to ${cacheFile} here, then run node node_modules/electron/install.js`);
    expect(message.indexOf('Electron 45.4.1 (')).toBeGreaterThan(message.indexOf('未能准备'));
  });

  it('with a mirror and a cache root set, the message shows the mirror URL, where it came from and that cache', async () => {
    const project = fakeProject('fails', 'no-dist');
    cleanups.push(project.dir.remove);
    const cacheRoot = join(project.dir.path, 'electron-cache');
    const run = runCheck(project, {
      ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/',
      ELECTRON_CUSTOM_DIR: '{{ version }}',
      electron_config_cache: cacheRoot,
    });
    expect(run.status).toBe(1);
    // install.js ran with the mirror in its environment.
    expect(readFileSync(join(project.electron, 'ran.txt'), 'utf8')).toBe('https://npmmirror.com/mirrors/electron/');
    const file = `electron-v45.4.1-${platformArch}.zip`;
    const url = `https://npmmirror.com/mirrors/electron/45.4.1/${file}`;
    expect(run.stderr).toContain(`下载地址：${url}（镜像来自 ELECTRON_MIRROR）`);
    expect(run.stderr).toContain(`Fetched from: ${url} (mirror from ELECTRON_MIRROR)`);
    expect(run.stderr).toContain(`Offline cache: ${join(cacheRoot, await electronGetCacheDir(url), file)} (no such file)`);
  });

  it('a binary missing from dist is fetched by install.js, and then npm start goes on', () => {
    const project = fakeProject('succeeds', 'no-dist');
    cleanups.push(project.dir.remove);
    const run = runCheck(project);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Electron 45.4.1: https://github.com/electron/electron/releases/download/v45.4.1/');
    expect(existsSync(join(project.electron, 'dist', 'electron'))).toBe(true);
  });
});
