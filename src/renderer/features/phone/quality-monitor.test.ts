import { describe, expect, it } from 'vitest';
import { CallQualitySummarySchema } from '../../../shared/domain/call-log';
import type { CallQuality } from './call-quality';
import { outboundFailureOutcome } from './end-classification';
import { QualityAccumulator, summarize } from './quality-monitor';

const q = (mos: number, lossPercent: number, jitterMs: number, rttMs: number | null): CallQuality => ({
  mos,
  lossPercent,
  jitterMs,
  rttMs,
  grade: mos >= 4 ? 'good' : 'poor',
});

describe('call quality summary', () => {
  it('is null before the first interval', () => {
    expect(new QualityAccumulator().summary()).toBeNull();
    expect(summarize([])).toBeNull();
  });

  it('averages MOS, loss and RTT, keeps the worst MOS and jitter, and fits the IPC schema', () => {
    const summary = summarize([q(4.4, 0, 3, 40), q(3.8, 2, 12.5, null), q(4.1, 1, 7, 50)]);
    expect(summary).toEqual({ samples: 3, mosAvg: 4.1, mosMin: 3.8, lossAvgPercent: 1, jitterMaxMs: 12.5, rttAvgMs: 45 });
    expect(CallQualitySummarySchema.safeParse(summary).success).toBe(true);
  });

  it('reports RTT as unknown when no interval had one', () => {
    expect(summarize([q(4.2, 0, 1, null)])?.rttAvgMs).toBeNull();
  });

  it('keeps constant size over a long call', () => {
    const acc = new QualityAccumulator();
    for (let i = 0; i < 10_000; i++) acc.add(q(4 + (i % 2) * 0.2, 0, i % 30, 20));
    expect(acc.summary()).toMatchObject({ samples: 10_000, mosAvg: 4.1, mosMin: 4, jitterMaxMs: 29, rttAvgMs: 20 });
  });
});

describe('outbound failure outcome', () => {
  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [480, 'no-answer'],
    [408, 'no-answer'],
    [404, 'declined'],
    [603, 'declined'],
  ] as const)('%i → %s', (status, outcome) => {
    expect(outboundFailureOutcome(status)).toBe(outcome);
  });
});
