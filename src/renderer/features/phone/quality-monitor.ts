import type { CallQualitySummary } from '../../../shared/domain/call-log';
import { callQuality, sampleFromStats, type CallQuality, type QualitySample } from './call-quality';

export const QUALITY_INTERVAL_MS = 2_000;

export type { CallQualitySummary };

/**
 * Running averages and worst values over a call, for the call log. Constant
 * size: no per-interval history is kept (a long call would otherwise hold
 * thousands of sample objects on the heap).
 */
export class QualityAccumulator {
  private samples = 0;
  private mosSum = 0;
  private mosMin = Infinity;
  private lossSum = 0;
  private jitterMax = 0;
  private rttSum = 0;
  private rttCount = 0;

  add(q: CallQuality): void {
    this.samples += 1;
    this.mosSum += q.mos;
    this.mosMin = Math.min(this.mosMin, q.mos);
    this.lossSum += q.lossPercent;
    this.jitterMax = Math.max(this.jitterMax, q.jitterMs);
    if (q.rttMs !== null) {
      this.rttSum += q.rttMs;
      this.rttCount += 1;
    }
  }

  summary(): CallQualitySummary | null {
    if (this.samples === 0) return null;
    const r2 = (v: number) => Math.round(v * 100) / 100;
    return {
      samples: this.samples,
      mosAvg: r2(this.mosSum / this.samples),
      mosMin: this.mosMin,
      lossAvgPercent: r2(this.lossSum / this.samples),
      jitterMaxMs: this.jitterMax,
      rttAvgMs: this.rttCount ? r2(this.rttSum / this.rttCount) : null,
    };
  }
}

/** The summary of a list of interval qualities (tests, and any caller holding a list). */
export function summarize(history: readonly CallQuality[]): CallQualitySummary | null {
  const acc = new QualityAccumulator();
  for (const q of history) acc.add(q);
  return acc.summary();
}

/** Polls getStats for one call while it is up; reports each interval's quality. */
export class QualityMonitor {
  private timer: ReturnType<typeof setInterval> | null = null;
  private previous: QualitySample | null = null;
  private readonly totals = new QualityAccumulator();

  constructor(
    private readonly peerConnection: () => RTCPeerConnection | undefined,
    private readonly report: (quality: CallQuality) => void,
    private readonly intervalMs = QUALITY_INTERVAL_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  /** Averages and worst values so far; null before the first interval. */
  summary(): CallQualitySummary | null {
    return this.totals.summary();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    const pc = this.peerConnection();
    if (!pc || pc.connectionState === 'closed') return;
    const sample = sampleFromStats(await pc.getStats());
    if (!sample || !this.timer) return;
    const quality = callQuality(this.previous, sample);
    this.previous = sample;
    this.totals.add(quality);
    this.report(quality);
  }
}
