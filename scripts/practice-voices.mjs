// Writes assets/practice-voices/: the practice callers' lines as Ogg Vorbis
// clips, one per voiced line and interjection of every bundled scenario, and
// manifest.json (each clip's length and a hash of what it says and how).
// Debian's espeak-ng speaks Mandarin with tones only through its
// cmn-latn-pinyin voice, so the Chinese text is turned into tone-numbered
// pinyin first (pinyin-pro). Needs espeak-ng and sox (with Vorbis). The clips
// are committed: espeak-ng is not on every agent's or developer's PC. Only
// clips whose text or settings changed are made again; `--all` remakes all.
//   node scripts/practice-voices.mjs [--all] [--check]
// `--check` makes nothing and exits 1 when a clip is missing or stale.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { customPinyin, pinyin } from 'pinyin-pro';

const root = fileURLToPath(new URL('..', import.meta.url));
const scenarioDir = join(root, 'src/shared/practice/scenarios');
const outDir = join(root, 'assets/practice-voices');
const manifestPath = join(outDir, 'manifest.json');

/**
 * espeak-ng words per minute, pitch (0-99) and amplitude (0-200) by mood:
 * angrier is faster, higher and louder. Furious is 6.5 dB over upset and
 * 9.5 dB over calm, past the analyser's raised-voice margin (6 dB over the
 * speaker's own level), so a caller who flares up is heard doing so; the
 * clips are never normalised one by one, which would erase that.
 */
const MOOD_VOICE = {
  calm: { speed: 150, pitch: 45, amplitude: 60 },
  uneasy: { speed: 160, pitch: 50, amplitude: 70 },
  upset: { speed: 170, pitch: 55, amplitude: 85 },
  angry: { speed: 185, pitch: 62, amplitude: 125 },
  furious: { speed: 200, pitch: 70, amplitude: 180 },
};
/** The elderly and the frail speak slower. */
const slowerFor = (age) => (age >= 70 ? 0.85 : 1);
const VOICE = 'cmn-latn-pinyin';
/** Bumped when the pinyin conversion or the encoding changes, so every clip is made again. */
const RECIPE = 4;

// Readings pinyin-pro gets wrong in these lines (polyphones in context), and 喂 as said on the phone.
customPinyin({ 干了: 'gàn le', 干这个: 'gàn zhè ge', 还得: 'hái děi', 可得: 'kě děi', 喂: 'wéi' });

const DIGITS = ['零', '幺', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese text → what espeak-ng's pinyin voice reads: syllables with tone numbers, pauses kept. */
export function toPinyin(text) {
  // Phone numbers are read digit by digit, 1 as 幺.
  const spoken = text.replace(/\d+/g, (digits) => [...digits].map((d) => DIGITS[Number(d)]).join(''));
  return pinyin(spoken, { toneType: 'num', type: 'array', nonZh: 'consecutive', v: true })
    .map((syllable) => syllable.replace(/0$/, '5'))
    .map((syllable) => (/^[a-z]+[1-5]$/i.test(syllable) ? syllable : /[。！？!?…]/.test(syllable) ? '.' : /[，、；：,;:—]/.test(syllable) ? ',' : ''))
    .filter(Boolean)
    .join(' ')
    .replace(/ ([.,])/g, '$1');
}

function clipsOf(scenario) {
  const clips = [];
  const age = scenario.caller.age;
  for (const line of scenario.lines) {
    if (!line.silent) clips.push({ id: line.id, text: line.text['zh-CN'], mood: line.mood ?? scenario.mood, age });
  }
  for (const item of scenario.interjections ?? []) clips.push({ id: item.id, text: item.text['zh-CN'], mood: item.mood ?? scenario.mood, age });
  return clips;
}

export function clipHash(clip) {
  return createHash('sha256').update(JSON.stringify([RECIPE, VOICE, clip.text, clip.mood, slowerFor(clip.age)])).digest('hex').slice(0, 16);
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command}: ${result.error.message} (is it installed?)`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

function main() {
  const all = process.argv.includes('--all');
  const check = process.argv.includes('--check');
  const old = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { clips: {} };
  const manifest = { voice: VOICE, recipe: RECIPE, clips: {} };
  const stale = [];
  const work = mkdtempSync(join(tmpdir(), 'practice-voices-'));
  let made = 0;
  try {
    for (const file of readdirSync(scenarioDir).filter((name) => name.endsWith('.json')).sort()) {
      const scenario = JSON.parse(readFileSync(join(scenarioDir, file), 'utf8'));
      for (const clip of clipsOf(scenario)) {
        const key = `${scenario.id}/${clip.id}`;
        const relative = `${key}.ogg`;
        const path = join(outDir, relative);
        const hash = clipHash(clip);
        const before = old.clips[key];
        if (!all && before?.hash === hash && existsSync(path)) {
          manifest.clips[key] = before;
          continue;
        }
        if (check) {
          stale.push(key);
          continue;
        }
        const voice = MOOD_VOICE[clip.mood];
        const wav = join(work, 'line.wav');
        const words = toPinyin(clip.text);
        run('espeak-ng', ['-v', VOICE, '-s', String(Math.round(voice.speed * slowerFor(clip.age))), '-p', String(voice.pitch), '-a', String(voice.amplitude), '-w', wav, words]);
        mkdirSync(join(outDir, scenario.id), { recursive: true });
        // 16 kHz mono Vorbis at its lowest quality: speech stays clear at about 20 kbit/s.
        run('sox', ['-V1', wav, '-r', '16000', '-c', '1', '-t', 'vorbis', '-C', '-1', path, 'gain', '-3']);
        const durationMs = Math.round(Number(run('soxi', ['-D', path]).trim()) * 1000);
        manifest.clips[key] = { file: relative, hash, durationMs, bytes: statSync(path).size, pinyin: words };
        made++;
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (check) {
    if (stale.length > 0) {
      console.error(`practice voices missing or stale (run node scripts/practice-voices.mjs): ${stale.join(', ')}`);
      process.exit(1);
    }
    return;
  }
  // Clips of lines that no longer exist go.
  const kept = new Set(Object.values(manifest.clips).map((clip) => clip.file));
  for (const dir of existsSync(outDir) ? readdirSync(outDir) : []) {
    const full = join(outDir, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const name of readdirSync(full)) if (!kept.has(`${dir}/${name}`)) rmSync(join(full, name));
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const clips = Object.values(manifest.clips);
  const bytes = clips.reduce((sum, clip) => sum + clip.bytes, 0);
  const seconds = clips.reduce((sum, clip) => sum + clip.durationMs, 0) / 1000;
  console.log(`${clips.length} clips (${made} made), ${(bytes / 1024).toFixed(0)} KiB, ${seconds.toFixed(0)} s of speech`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
