import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeBuffers,
  frameDbfs,
  LineBandEstimator,
  lineBandwidthOfCodec,
  NoiseFloorTracker,
  resolveAudioConfig,
  SpectralAnalyser,
  TELEPHONE_BAND,
  WIDE_BAND,
  type AudioEvent,
} from '../../../src/shared/guidance/audio';
import { ensureAudioFixtures, FIXTURE_RATE, type AudioFixtures, type FixtureName } from '../../fixtures/audio/make-audio';
import { alawDecode, alawEncode, LINE_PATHS, throughPath, ulawDecode, ulawEncode, type LinePathName } from '../../fixtures/audio/telephone-path';
import { AUDIO_PROMPTS, buildRecording, LINE_RECORDINGS } from './line-recordings';
import { replayCall } from './prompt-replay';
import { readWav } from './wav';

/*
 * Guidance on a telephone line: the generated recordings through an offline
 * 8 kHz G.711 path (A-law, µ-law, 3% packet loss) must raise the same prompts
 * as on a wideband line, and street noise must never pass for speech.
 */

const RATE = FIXTURE_RATE;
const PATHS = Object.keys(LINE_PATHS) as LinePathName[];
let fixtures: AudioFixtures = { available: false, reason: 'not generated yet' };
const load = (name: FixtureName): Float32Array => {
  if (!fixtures.available) throw new Error(fixtures.reason);
  return readWav(fixtures.path(name)).samples;
};
const ofType = <T extends AudioEvent['type']>(events: AudioEvent[], type: T) => events.filter((e): e is Extract<AudioEvent, { type: T }> => e.type === type);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor((p / 100) * (values.length - 1))]!;

beforeAll(() => {
  fixtures = ensureAudioFixtures();
  if (!fixtures.available) throw new Error(`cannot generate the test audio: ${fixtures.reason}`);
}, 120_000);

describe('the offline telephone path', () => {
  it('G.711 follows the standard: idle codes, monotonic, under 13% error', () => {
    expect(alawEncode(0)).toBe(0xd5);
    expect(alawDecode(0xd5)).toBe(8);
    expect(ulawEncode(0)).toBe(0xff);
    expect(ulawDecode(0xff)).toBe(0);
    let previous = { a: -Infinity, u: -Infinity };
    for (let x = -32768; x < 32768; x += 7) {
      const a = alawDecode(alawEncode(x));
      const u = ulawDecode(ulawEncode(x));
      expect(a).toBeGreaterThanOrEqual(previous.a);
      expect(u).toBeGreaterThanOrEqual(previous.u);
      if (Math.abs(x) > 256) {
        expect(Math.abs(a - x) / Math.abs(x)).toBeLessThan(0.13);
        expect(Math.abs(u - x) / Math.abs(x)).toBeLessThan(0.13);
      }
      previous = { a, u };
    }
  });

  it('passes 1 kHz and removes everything above the telephone band', () => {
    const tone = (hz: number) => Float32Array.from({ length: RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / RATE));
    const inner = (samples: Float32Array) => samples.subarray(RATE / 10, RATE - RATE / 10);
    expect(frameDbfs(inner(throughPath(tone(1000), 'g711-alaw'))) - frameDbfs(inner(tone(1000)))).toBeGreaterThan(-0.5);
    expect(frameDbfs(inner(throughPath(tone(6000), 'g711-ulaw')))).toBeLessThan(-80);
  });
});

describe('what the line carries', () => {
  it('maps the negotiated codec to the line’s bandwidth', () => {
    expect(lineBandwidthOfCodec('audio/PCMA', 8000)).toBe(4000);
    expect(lineBandwidthOfCodec('audio/PCMU', 8000)).toBe(4000);
    expect(lineBandwidthOfCodec('audio/G722', 8000)).toBe(8000);
    expect(lineBandwidthOfCodec('audio/opus', 48000)).toBeUndefined();
    expect(() => resolveAudioConfig({ lineBandwidthHz: -1 })).toThrow(RangeError);
  });

  it('learns a telephone line from the spectrum, a wideband one too, and a codec hint fixes it from the first frame', () => {
    const street = load('street-calm');
    const wideband = (path: LinePathName, lineBandwidthHz?: number) =>
      analyzeBuffers({ caller: throughPath(street, path), sampleRate: RATE, config: { lineBandwidthHz } }).frames.caller.map((f) => f.wideband);
    expect(wideband('wideband').slice(-100).every(Boolean)).toBe(true);
    expect(wideband('g711-alaw').some(Boolean)).toBe(false);
    expect(wideband('g711-ulaw').some(Boolean)).toBe(false);
    expect(wideband('wideband', 4000).some(Boolean)).toBe(false); // the hint wins over the spectrum
    // The estimator on its own: nothing is decided from digital silence.
    const estimator = new LineBandEstimator({ frameMs: 20 });
    for (let i = 0; i < 100; i++) estimator.update(1, 1, false);
    expect(estimator.band()).toEqual(TELEPHONE_BAND);
    for (let i = 0; i < 30; i++) estimator.update(1, 0.5, true);
    expect(estimator.band()).toEqual(WIDE_BAND);
  });

  it('measures energy in the band: a tone inside reads its RMS level, one above the band nothing', () => {
    const analyser = new SpectralAnalyser(960, RATE, TELEPHONE_BAND);
    const tone = (hz: number, rms: number) => Float32Array.from({ length: 960 }, (_, i) => rms * Math.SQRT2 * Math.sin((2 * Math.PI * hz * i) / RATE));
    expect(analyser.analyse(tone(1000, 0.1)).bandLevelDb).toBeCloseTo(-20, 0);
    expect(analyser.analyse(tone(6000, 0.1)).bandLevelDb).toBeLessThan(-60);
  });

  it('street noise looks like noise on the telephone path: flatness over the line’s band, not a fixed 150-4000 Hz', () => {
    const noise = throughPath(load('noise').subarray(0, 10 * RATE), 'g711-alaw');
    const flatness = (band: { lowHz: number; highHz: number }) => {
      const analyser = new SpectralAnalyser(960, RATE, band);
      const values: number[] = [];
      for (let i = 0; i + 960 <= noise.length; i += 960) values.push(analyser.flatness(noise.subarray(i, i + 960)));
      return values;
    };
    const fixed = flatness(WIDE_BAND);
    const line = flatness(TELEPHONE_BAND);
    console.info(`pink noise through G.711 A-law, flatness p10/p50: 150-4000 Hz ${percentile(fixed, 10).toFixed(3)}/${percentile(fixed, 50).toFixed(3)}, 150-3400 Hz ${percentile(line, 10).toFixed(3)}/${percentile(line, 50).toFixed(3)} (speech limit 0.25)`);
    expect(percentile(fixed, 50)).toBeLessThan(0.25); // the fixed band would call half of it speech-like
    expect(percentile(line, 10)).toBeGreaterThan(0.25);
  });
});

describe('the noise floor on a telephone line', () => {
  it('does not learn from digital silence before it has heard the line, and says when it has settled', () => {
    const tracker = new NoiseFloorTracker(20, 100, 1500, 1000);
    for (let i = 0; i < 100; i++) tracker.update(-100, false); // 2 s of nothing at answer
    expect(tracker.settled).toBe(false);
    expect(tracker.update(-45)).toBe(-45); // the street noise is its own floor, not 55 dB above one
    for (let i = 0; i < 48; i++) tracker.update(-45 + (i % 3));
    expect(tracker.settled).toBe(false);
    tracker.update(-44);
    expect(tracker.settled).toBe(true);
    expect(tracker.floor()).toBe(-45);
  });

  it('street noise after digital silence is never speech, on any path', () => {
    for (const path of PATHS) {
      const { frames, events } = analyzeBuffers({ caller: throughPath(load('street-silent'), path), sampleRate: RATE });
      expect(ofType(events, 'speech-start'), path).toEqual([]);
      expect(frames.caller.filter((f) => f.speechLike).length / frames.caller.length, path).toBeLessThan(0.02);
    }
  });

  it('a baseline learnt from a tonal hum taken for speech is forgotten: the voice that follows is not "raised"', () => {
    // A machine hum (harmonic, so flatness cannot reject it) starts 12 dB over a quiet line after the floor settled;
    // until the floor catches up it counts as speech and fills most of the baseline window. Then the caller talks.
    const rate = 16_000;
    const hum = (seconds: number, rms: number) => {
      const out = new Float32Array(Math.round(seconds * rate));
      for (let i = 0; i < out.length; i++) for (let h = 1; h <= 6; h++) out[i]! += Math.sin((2 * Math.PI * 100 * h * i) / rate) / h;
      const gain = rms / Math.sqrt(out.reduce((s, x) => s + x * x, 0) / out.length);
      return out.map((x) => x * gain);
    };
    const voice = (seconds: number, rms: number) => {
      const out = new Float32Array(Math.round(seconds * rate));
      for (let i = 0; i < out.length; i++) {
        const t = i / rate;
        let x = 0;
        for (let h = 1; h <= 8; h++) x += Math.sin(2 * Math.PI * 170 * h * t) / h;
        out[i] = x * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t));
      }
      const gain = rms / Math.sqrt(out.reduce((s, x) => s + x * x, 0) / out.length);
      return out.map((x) => x * gain);
    };
    let seed = 7;
    const line = Float32Array.from({ length: 12 * rate }, () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return (seed / 2 ** 31 - 1) * 0.001; // about -63 dBFS of line noise
    });
    const humPart = hum(10, 0.008); // about -42 dBFS from 2 s on
    for (let i = 0; i < humPart.length; i++) line[2 * rate + i]! += humPart[i]!;
    const speech = voice(6, 0.04); // about -28 dBFS from 5 s on
    for (let i = 0; i < speech.length; i++) line[5 * rate + i]! += speech[i]!;
    const { events, frames } = analyzeBuffers({ caller: line, sampleRate: rate });
    expect(ofType(events, 'raised-voice-start')).toEqual([]);
    const lastBaseline = frames.caller.findLast((f) => f.baselineDb !== undefined)?.baselineDb;
    expect(lastBaseline).toBeGreaterThan(-34); // learnt again from the voice, not the hum
  });
});

describe('the same prompts on every line path (offline G.711; the lab runs the same recordings through baresip)', () => {
  const figures: string[] = [];
  for (const recording of LINE_RECORDINGS) {
    it(`${recording.name}: ${recording.expected.join(', ') || 'no prompt'} on every path, no path more than 1 s after wideband`, () => {
      const audio = buildRecording(recording, load, RATE);
      const timeOf = new Map<string, number>();
      for (const path of PATHS) {
        const shown = replayCall(throughPath(audio, path), RATE).filter((p) => AUDIO_PROMPTS.includes(p.kind));
        expect(shown.map((p) => p.kind).sort(), `${recording.name} on ${path}`).toEqual([...recording.expected].sort());
        for (const prompt of shown) timeOf.set(`${path}:${prompt.kind}`, prompt.atMs);
        figures.push(`${recording.name} / ${path}: ${shown.map((p) => `${p.kind} at ${(p.atMs / 1000).toFixed(2)} s`).join(', ') || 'none'}`);
      }
      for (const kind of recording.expected) {
        const wide = timeOf.get(`wideband:${kind}`)!;
        for (const path of PATHS) expect(timeOf.get(`${path}:${kind}`)! - wide, `${kind} on ${path}`).toBeLessThanOrEqual(1000);
      }
    });
  }
  it('(figures of every path)', () => {
    console.info(figures.join('\n'));
    expect(figures.length).toBe(LINE_RECORDINGS.length * PATHS.length);
  });
});
