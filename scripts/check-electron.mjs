// The second step of `npm start`, after check-node.cjs: makes sure the
// Electron binary is there. The `electron` package downloads it on first use
// (node_modules/electron/index.js → install.js → @electron/get), and where
// GitHub cannot be reached that fails with "TypeError: fetch failed" and advice
// that fails the same way. Here the download is tried once with its own output,
// and when it fails the desk says what it fetched from where and how to fix it
// (a mirror, or a pre-filled cache for a PC without internet), in zh-CN and English.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const GITHUB = 'https://github.com/electron/electron/releases/download/';
export const CHINA_MIRROR = 'https://npmmirror.com/mirrors/electron/';

/** What @electron/get's mirrorVar reads, in its order (.npmrc, package.json config, environment). */
function setting(env, name) {
  const snake = name.replace(/([a-z])([A-Z])/g, (_, a, b) => `${a}_${b}`).toLowerCase();
  const names = [
    `npm_config_electron_${name.toLowerCase()}`,
    `NPM_CONFIG_ELECTRON_${snake.toUpperCase()}`,
    `npm_config_electron_${snake}`,
    `npm_package_config_electron_${name}`,
    `npm_package_config_electron_${snake}`,
    `ELECTRON_${snake.toUpperCase()}`,
  ];
  for (const key of names) if (env[key]) return { value: env[key], from: key };
  return null;
}

function defaultCacheRoot(env, platform, home) {
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'electron');
}

/**
 * What install.js will fetch and where it looks first: the version, the URL
 * (mirror, directory and file name resolved as @electron/get does) and the
 * file in the Electron cache that, when present, is used instead of the network.
 */
export function electronDownload(electronDir, env = process.env, host = { platform: process.platform, arch: process.arch, home: homedir() }) {
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || host.platform;
  const arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || host.arch;
  const tag = `v${String(version).replace(/^v/, '')}`;
  const mirror = setting(env, 'mirror');
  const dir = (setting(env, 'customDir')?.value ?? tag).replace('{{ version }}', tag.slice(1));
  const fileName = setting(env, 'customFilename')?.value ?? `electron-${tag}-${platform}-${arch}.zip`;
  const url = `${mirror?.value ?? GITHUB}${dir}/${fileName}`;
  // @electron/get's Cache: <cache root>/<sha256 of the URL's directory>/<file name>.
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.search = '';
  parsed.pathname = posix.dirname(parsed.pathname);
  const cacheRoot = env.electron_config_cache || defaultCacheRoot(env, host.platform, host.home);
  const cacheFile = resolve(cacheRoot, createHash('sha256').update(parsed.toString()).digest('hex'), fileName);
  return { version: tag.slice(1), platform, arch, fileName, url, mirrorFrom: mirror?.from ?? null, cacheFile };
}

/** As node_modules/electron/index.js decides: path.txt names the binary and it exists in dist/. */
export function electronInstalled(electronDir, env = process.env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
}

/** What to tell the person at the keyboard when the binary is missing and the download failed. */
export function missingElectronMessage(download, reason, platform = process.platform) {
  const source = download.mirrorFrom ? `${download.mirrorFrom}` : null;
  const set = (name, value) => (platform === 'win32' ? `set ${name}=${value}&& ` : `${name}="${value}" `);
  const mirrorCommand = `${set('ELECTRON_MIRROR', CHINA_MIRROR)}${set('ELECTRON_CUSTOM_DIR', '{{ version }}')}node node_modules/electron/install.js`;
  const cached = existsSync(download.cacheFile);
  return [
    `未能准备 Electron ${download.version}（${download.platform}-${download.arch}）：node_modules/electron/dist 中没有程序文件，下载失败：${reason}`,
    `  下载地址：${download.url}（${source ? `镜像来自 ${source}` : '默认地址 GitHub；未设置 ELECTRON_MIRROR'}）`,
    `  离线缓存：${download.cacheFile}（${cached ? '文件存在，但无法使用' : '没有这个文件'}）`,
    '处理办法（任选其一），完成后重新运行 npm start：',
    `  1. 访问 GitHub 不畅时（国内中心通常如此）改用 npmmirror 镜像：`,
    `     ${mirrorCommand}`,
    `  2. 不能上网的电脑：在能上网的电脑上下载 ${download.fileName}，`,
    `     放到本机 ${download.cacheFile}，再运行 node node_modules/electron/install.js`,
    '',
    `Electron ${download.version} (${download.platform}-${download.arch}) is not installed: node_modules/electron/dist has no binary and the download failed: ${reason}`,
    `  Fetched from: ${download.url} (${source ? `mirror from ${source}` : 'the default, GitHub; ELECTRON_MIRROR is not set'})`,
    `  Offline cache: ${download.cacheFile} (${cached ? 'present but not usable' : 'no such file'})`,
    'To fix it (either), then run npm start again:',
    '  1. Where GitHub is slow or blocked (centres in China), use the npmmirror mirror:',
    `     ${mirrorCommand}`,
    `  2. A PC without internet: download ${download.fileName} on a PC that has it,`,
    `     copy it to ${download.cacheFile} here, then run node node_modules/electron/install.js`,
    '',
  ].join('\n');
}

/** The first line of install.js's error output that says something (its stack's first line: "TypeError: fetch failed"). */
function reasonOf(stderr, status) {
  const line = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at '));
  return (line ?? `install.js exited with ${status}`).slice(0, 300);
}

/**
 * Ready when the binary is there; otherwise install.js is run once (it uses the
 * cache when the zip is in it); a failure comes back as the message to print.
 */
export function ensureElectron(projectDir, env = process.env, host) {
  const electronDir = join(projectDir, 'node_modules', 'electron');
  if (!existsSync(join(electronDir, 'package.json'))) {
    return { ok: false, message: 'node_modules/electron 不存在：请先运行 npm install。\nnode_modules/electron is missing: run npm install first.\n' };
  }
  if (electronInstalled(electronDir, env)) return { ok: true };
  const download = electronDownload(electronDir, env, host);
  process.stdout.write(`Electron ${download.version}: ${download.url} …\n`);
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: projectDir,
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (result.status === 0 && electronInstalled(electronDir, env)) return { ok: true };
  const reason = result.error ? result.error.message : reasonOf(result.stderr ?? '', result.status);
  return { ok: false, message: missingElectronMessage(download, reason, host?.platform) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outcome = ensureElectron(process.cwd());
  if (!outcome.ok) {
    process.stderr.write(outcome.message);
    process.exit(1);
  }
}
