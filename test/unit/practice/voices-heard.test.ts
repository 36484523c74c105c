import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DuplexAnalyser } from '../../../src/shared/guidance/audio/duplex';
import type { AudioEvent } from '../../../src/shared/guidance/audio/types';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = `${root}assets/practice-voices/`;
const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as { clips: Record<string, { file: string; durationMs: number }> };
const RATE = 16_000;

/** A clip as mono float samples at its own 16 kHz (decoded by sox). */
function decode(file: string): Float32Array {
  const result = spawnSync('sox', [`${dir}${file}`, '-t', 'f32', '-r', String(RATE), '-c', '1', '-'], { maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`sox: ${String(result.stderr)}`);
  const bytes = result.stdout;
  return new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4)).slice();
}

/** What the analyser reports of clips played one after another as the caller, a second of quiet around each, the agent silent. */
function analyse(clips: Float32Array[]): AudioEvent[] {
  const analyser = new DuplexAnalyser({ sampleRate: RATE });
  const silence = new Float32Array(RATE);
  const events: AudioEvent[] = [...analyser.push(silence, silence)];
  for (const samples of clips) {
    for (let offset = 0; offset < samples.length; offset += 160) {
      const chunk = samples.subarray(offset, offset + 160);
      events.push(...analyser.push(chunk, new Float32Array(chunk.length)));
    }
    events.push(...analyser.push(silence, silence));
  }
  events.push(...analyser.push(silence, silence), ...analyser.finish());
  return events;
}

function callerSpeechMs(samples: Float32Array): number {
  return analyse([samples]).reduce((sum, event) => (event.type === 'speech-end' && event.side === 'caller' ? sum + event.endMs - event.startMs : sum), 0);
}

describe('the guidance analyser hears the practice callers', () => {
  it('every shipped clip is heard as the caller speaking for most of its length', () => {
    const heard: [string, number][] = [];
    for (const [key, clip] of Object.entries(manifest.clips)) {
      heard.push([key, callerSpeechMs(decode(clip.file)) / clip.durationMs]);
    }
    const poor = heard.filter(([, share]) => share < 0.6);
    expect(poor).toEqual([]);
  }, 60_000);

  it('a caller who turns furious is heard raising their voice', () => {
    const clip = (key: string) => decode(manifest.clips[key]!.file);
    const events = analyse([clip('land-compensation/calmer'), clip('land-compensation/where-instead'), clip('land-compensation/repeats'), clip('land-compensation/louder')]);
    expect(events.some((event) => event.type === 'raised-voice-start' && event.side === 'caller')).toBe(true);
  }, 30_000);
});
