import { describe, expect, it } from 'vitest';
import { callQuality, mosFromR, rFactor, sampleFromStats, type QualitySample } from './call-quality';

const sample = (over: Partial<QualitySample> = {}): QualitySample => ({
  packetsReceived: 0,
  packetsLost: 0,
  jitterSeconds: 0.002,
  rttSeconds: 0.02,
  jitterBufferSeconds: 0.04,
  ...over,
});

describe('E-model', () => {
  it('gives the textbook values', () => {
    expect(rFactor(0, 0)).toBeCloseTo(93.2, 5);
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
    expect(mosFromR(50)).toBeCloseTo(2.58, 2);
    expect(mosFromR(-3)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
    // Delay beyond 177.3 ms costs much more.
    expect(rFactor(150, 0) - rFactor(250, 0)).toBeGreaterThan(10);
    // Loss dominates: 5 % random loss with Bpl 20 costs 19 R points.
    expect(rFactor(0, 5)).toBeCloseTo(93.2 - 19, 5);
  });

  it('grades a clean call good and a lossy, slow one poor', () => {
    const clean = callQuality(sample(), sample({ packetsReceived: 500 }));
    expect(clean).toMatchObject({ lossPercent: 0, jitterMs: 2, rttMs: 20, grade: 'good' });
    expect(clean.mos).toBeGreaterThan(4.2);
    const bad = callQuality(
      sample({ packetsReceived: 1000, packetsLost: 0 }),
      sample({ packetsReceived: 1400, packetsLost: 100, rttSeconds: 0.6, jitterSeconds: 0.05 }),
    );
    expect(bad.lossPercent).toBe(20);
    expect(bad.grade).toBe('poor');
    expect(bad.mos).toBeLessThan(3);
  });

  it('reads inbound-rtp, remote-inbound-rtp and the nominated pair from getStats', () => {
    const report = new Map<string, Record<string, unknown>>([
      ['a', { type: 'inbound-rtp', kind: 'audio', packetsReceived: 100, packetsLost: 2, jitter: 0.003, jitterBufferDelay: 2, jitterBufferEmittedCount: 100 }],
      ['b', { type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.001 }],
    ]) as unknown as RTCStatsReport;
    expect(sampleFromStats(report)).toEqual({
      packetsReceived: 100,
      packetsLost: 2,
      jitterSeconds: 0.003,
      rttSeconds: 0.001,
      jitterBufferSeconds: 0.02,
    });
    expect(sampleFromStats(new Map() as unknown as RTCStatsReport)).toBeNull();
  });
});
