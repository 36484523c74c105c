/**
 * The trainee's microphone for the practice e2e tests, generated in the
 * test's set-up (never committed): espeak-ng says our own agent lines
 * (tone-numbered pinyin; only the `cmn-latn-pinyin` voice reads them as
 * Mandarin), sox places them in time. 48 kHz mono 16-bit, and every file
 * ends in a long silence (Chromium's fake microphone repeats the last 10 ms
 * of a `%noloop` file forever). The file starts playing at getUserMedia,
 * i.e. when the trainee answers.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const FORMAT = ['-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer'];

/** 您好，12345 热线。 */
const GREETING = 'nin2 hao3, yi1 er4 san1 si4 wu3 re4 xian4.';
/** The trainee cutting in: 您先别急，我跟您说，这个事要去社区办。 */
const CUTTING_IN = 'nin2 xian1 bie2 ji2, wo3 gen1 nin2 shuo1, zhe4 ge4 shi4 yao4 qu4 she4 qu1 ban4.';

export interface TraineeAudio {
  /** Greets at 0.5 s (about 2 s of speech), then says nothing for a minute. */
  greetsThenSilent: string;
  /** Greets at 0.5 s, then from `cutInAtS` talks for about 4 s (over the caller's first line), then silence. */
  greetsThenTalksOver: string;
  cutInAtS: number;
}

function run(tool: 'espeak-ng' | 'sox', args: string[]): void {
  execFileSync(tool, tool === 'sox' ? ['-R', ...args] : args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
}

function seconds(file: string): number {
  return Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }).trim());
}

/** Makes the trainee's WAVs in `dir`; espeak-ng and sox are test dependencies (.ci/run installs them). */
export function makeTraineeAudio(dir: string): TraineeAudio {
  const raw = (name: string, text: string, speed: number) => {
    const path = join(dir, `raw-${name}.wav`);
    run('espeak-ng', ['-v', 'cmn-latn-pinyin', '-s', String(speed), '-p', '60', '-w', path, text]);
    const out = join(dir, `${name}.wav`);
    run('sox', [path, ...FORMAT, out, 'gain', '-n', '-8']);
    return out;
  };
  const greeting = raw('greeting', GREETING, 190);
  const cuttingIn = raw('cutting-in', CUTTING_IN, 190);

  const greetsThenSilent = join(dir, 'trainee-greets-then-silent.wav');
  run('sox', [greeting, greetsThenSilent, 'pad', '0.5', '60']);

  // The caller's first line starts about a second after the greeting ends (or 4 s after the answer) and
  // lasts about 10 s (the elderly caller's clip): cutting in 3 s after the greeting is mid-sentence.
  const cutInAtS = 0.5 + seconds(greeting) + 3;
  const greetingThenGap = join(dir, 'greeting-then-gap.wav');
  run('sox', [greeting, greetingThenGap, 'pad', '0.5', String(cutInAtS - 0.5 - seconds(greeting))]);
  const greetsThenTalksOver = join(dir, 'trainee-greets-then-talks-over.wav');
  run('sox', [greetingThenGap, cuttingIn, greetsThenTalksOver, 'pad', '0', '60']);
  return { greetsThenSilent, greetsThenTalksOver, cutInAtS };
}
