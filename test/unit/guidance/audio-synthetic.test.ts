import { describe, expect, it } from 'vitest';
import {
  analyzeBuffers,
  DuplexAnalyser,
  Framer,
  frameDbfs,
  NoiseFloorTracker,
  resolveAudioConfig,
  SILENCE_DB,
  SpectralAnalyser,
  zeroCrossingRate,
  type AudioEvent,
} from '../../../src/shared/guidance/audio';
import { encodeWav, parseWav } from './wav';

const RATE = 16_000; // any rate works; a small one keeps these tests quick

/** A voice-like harmonic tone (150 Hz and overtones) at `db` dBFS RMS, or digital silence. */
function voice(seconds: number, db: number, f0 = 150): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    let x = 0;
    for (let h = 1; h <= 8; h++) x += Math.sin(2 * Math.PI * f0 * h * t) / h;
    // Syllable-like 4 Hz envelope.
    out[i] = x * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t));
  }
  return scaleTo(out, db);
}

function whiteNoise(seconds: number, db: number, seed = 1): Float32Array {
  let s = seed;
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return scaleTo(out, db);
}

function scaleTo(samples: Float32Array, db: number): Float32Array {
  const current = frameDbfs(samples);
  const gain = 10 ** ((db - current) / 20);
  return samples.map((x) => x * gain);
}

const silence = (seconds: number) => new Float32Array(Math.round(seconds * RATE));
function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
const ofType = <T extends AudioEvent['type']>(events: AudioEvent[], type: T) => events.filter((e): e is Extract<AudioEvent, { type: T }> => e.type === type);

describe('frame features', () => {
  it('measures RMS in dBFS, with a floor for digital silence', () => {
    expect(frameDbfs(new Float32Array(320).fill(0.5))).toBeCloseTo(-6.02, 1);
    expect(frameDbfs(new Float32Array(320))).toBe(SILENCE_DB);
    expect(frameDbfs(new Float32Array(0))).toBe(SILENCE_DB);
  });

  it('spectral flatness separates a harmonic voice from noise', () => {
    const analyser = new SpectralAnalyser(320, RATE);
    expect(analyser.size).toBe(512);
    expect(analyser.flatness(voice(0.02, -20))).toBeLessThan(0.1);
    expect(analyser.flatness(whiteNoise(0.02, -20))).toBeGreaterThan(0.4);
    expect(analyser.flatness(new Float32Array(320))).toBe(1);
  });

  it('zero-crossing rate is low for voice and high for noise', () => {
    expect(zeroCrossingRate(voice(0.02, -20))).toBeLessThan(0.1);
    expect(zeroCrossingRate(whiteNoise(0.02, -20))).toBeGreaterThan(0.3);
  });
});

describe('noise floor', () => {
  it('follows the quietest level of the window, up and down', () => {
    const tracker = new NoiseFloorTracker(20, 100, 1000);
    for (let i = 0; i < 100; i++) tracker.update(i % 5 === 0 ? -60 : -30); // speech with gaps over -60 noise
    expect(tracker.floor()).toBe(-60);
    for (let i = 0; i < 60; i++) tracker.update(-45); // the noise gets louder
    expect(tracker.floor()).toBe(-45);
    tracker.update(-70);
    expect(tracker.floor()).toBe(-70); // and drops at once
  });
});

describe('Framer', () => {
  it('cuts any chunk sizes into whole frames, in order', () => {
    const framer = new Framer(5);
    const frames: number[][] = [];
    const samples = Float32Array.from({ length: 23 }, (_, i) => i);
    let at = 0;
    for (const size of [1, 7, 3, 12]) {
      framer.push(samples.subarray(at, at + size), (frame) => frames.push([...frame]));
      at += size;
    }
    expect(frames).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14], [15, 16, 17, 18, 19]]);
  });
});

describe('duplex analysis on synthetic signals', () => {
  it('needs minSpeechMs to start and hangoverMs to end (no flicker on short gaps)', () => {
    const caller = concat(silence(0.5), voice(1, -25), silence(0.2), voice(1, -25), silence(1));
    const { events, spans } = analyzeBuffers({ caller, sampleRate: RATE });
    expect(ofType(events, 'speech-start')).toHaveLength(1);
    expect(spans.filter((s) => s.kind === 'speech')).toEqual([{ kind: 'speech', side: 'caller', startMs: 500, endMs: 2700 }]);
    const click = analyzeBuffers({ caller: concat(silence(0.5), voice(0.04, -20), silence(1)), sampleRate: RATE });
    expect(ofType(click.events, 'speech-start')).toEqual([]);
  });

  it('rejects steady white noise but finds voice on top of it', () => {
    const noise = whiteNoise(6, -40);
    const mixed = noise.slice();
    const v = voice(2, -25);
    for (let i = 0; i < v.length; i++) mixed[3 * RATE + i]! += v[i]!;
    const { spans } = analyzeBuffers({ caller: mixed, sampleRate: RATE });
    const speech = spans.filter((s) => s.kind === 'speech');
    expect(speech).toHaveLength(1);
    expect(speech[0]!.startMs).toBeGreaterThanOrEqual(2980);
    expect(speech[0]!.endMs).toBeLessThanOrEqual(5020);
  });

  it('reports a monologue, and the other side speaking up ends it', () => {
    const config = { monologueMs: 3000, monologueBreakMs: 500 };
    // (A voice from the very first sample is found only at its first dip: the floor starts at its level.)
    const agent = concat(silence(0.5), voice(5, -25), silence(2.5));
    const caller = concat(silence(6.5), voice(1.5, -25, 220));
    const { events } = analyzeBuffers({ caller, agent, sampleRate: RATE, config });
    const start = ofType(events, 'monologue-start');
    expect(start).toEqual([expect.objectContaining({ side: 'agent', startMs: 500 })]);
    expect(start[0]!.atMs).toBeGreaterThanOrEqual(3500);
    const end = ofType(events, 'monologue-end');
    expect(end).toEqual([expect.objectContaining({ side: 'agent' })]);
    expect(end[0]!.endMs).toBeGreaterThan(5200); // the last loud syllable of the 0.5-5.5 s voice
    expect(end[0]!.endMs).toBeLessThanOrEqual(5500);
    expect(end[0]!.atMs).toBeLessThan(7100); // the caller's reply (from 6.5 s) ended it after monologueBreakMs
  });

  it('a short back-channel is neither an overlap nor an interruption', () => {
    const caller = concat(silence(0.5), voice(4, -25), silence(1));
    const agent = concat(silence(2.5), voice(0.2, -25, 220), silence(2.8));
    const { events, stats } = analyzeBuffers({ caller, agent, sampleRate: RATE });
    expect(ofType(events, 'overlap-start')).toEqual([]);
    expect(ofType(events, 'interruption')).toEqual([]);
    expect(stats.interruptions).toBe(0);
  });

  it('talk-time stats add up', () => {
    const caller = concat(silence(0.5), voice(2, -25), silence(3.5));
    const agent = concat(silence(3), voice(1, -25, 220), silence(2));
    const { stats } = analyzeBuffers({ caller, agent, sampleRate: RATE });
    expect(stats.totalMs).toBe(6000);
    expect(stats.callerSpeechMs + stats.agentSpeechMs - stats.overlapMs + stats.silenceMs).toBe(stats.totalMs);
    expect(stats.agentTalkRatio).toBeGreaterThan(0.25);
    expect(stats.agentTalkRatio).toBeLessThan(0.45);
  });

  it('takes unequal chunks from the two sides', () => {
    const analyser = new DuplexAnalyser({ sampleRate: RATE });
    const caller = concat(voice(1, -25), silence(1));
    const events = [...analyser.push(caller, new Float32Array(0)), ...analyser.push(new Float32Array(0), silence(2)), ...analyser.finish()];
    expect(ofType(events, 'speech-start')).toHaveLength(1);
    expect(analyser.timeMs).toBe(2000);
  });

  it('validates its config', () => {
    expect(() => resolveAudioConfig({ frameMs: 0 })).toThrow(RangeError);
    expect(() => resolveAudioConfig({ floorBlockMs: 10 })).toThrow(RangeError);
  });
});

describe('test WAV reader', () => {
  it('round-trips 16-bit PCM and rejects other formats', () => {
    const samples = Float32Array.from([0, 0.5, -0.5, -1]);
    const wav = parseWav(encodeWav(samples, 48_000));
    expect(wav.sampleRate).toBe(48_000);
    expect([...wav.samples]).toEqual([0, 0.5, -0.5, -1]);
    const bytes = encodeWav(samples, 48_000);
    new DataView(bytes.buffer).setUint16(34, 24, true);
    expect(() => parseWav(bytes)).toThrow(/unsupported/);
    expect(() => parseWav(new Uint8Array(8))).toThrow(/RIFF/);
  });
});
