import { callQuality, sampleFromStats, type CallQuality, type QualitySample } from './call-quality';

export const QUALITY_INTERVAL_MS = 2_000;

/** What is kept per call for the call log: averages and worst values over the call. */
export interface CallQualitySummary {
  samples: number;
  mosAvg: number;
  mosMin: number;
  lossAvgPercent: number;
  jitterMaxMs: number;
  rttAvgMs: number | null;
}

export function summarize(history: readonly CallQuality[]): CallQualitySummary | null {
  if (history.length === 0) return null;
  const avg = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const rtts = history.map((q) => q.rttMs).filter((v): v is number => v !== null);
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    samples: history.length,
    mosAvg: r2(avg(history.map((q) => q.mos))),
    mosMin: Math.min(...history.map((q) => q.mos)),
    lossAvgPercent: r2(avg(history.map((q) => q.lossPercent))),
    jitterMaxMs: Math.max(...history.map((q) => q.jitterMs)),
    rttAvgMs: rtts.length ? r2(avg(rtts)) : null,
  };
}

/** Polls getStats for one call while it is up; reports each interval's quality. */
export class QualityMonitor {
  private timer: ReturnType<typeof setInterval> | null = null;
  private previous: QualitySample | null = null;
  readonly history: CallQuality[] = [];

  constructor(
    private readonly peerConnection: () => RTCPeerConnection | undefined,
    private readonly report: (quality: CallQuality) => void,
    private readonly intervalMs = QUALITY_INTERVAL_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
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
    this.history.push(quality);
    if (this.history.length > 3600) this.history.shift();
    this.report(quality);
  }
}
