/**
 * Call quality from WebRTC getStats: packet loss, jitter, round-trip time and
 * an estimated MOS from a simplified ITU-T G.107 E-model.
 *
 *   R = 93.2 − Id − Ie,eff
 *   Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3), d = one-way mouth-to-ear delay (ms)
 *   Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl + Bpl)   (random loss, BurstR = 1)
 *   MOS = 1 + 0.035·R + 7·10⁻⁶·R·(R − 60)·(100 − R), clamped to [1, 4.5]
 *
 * Opus has no ITU-tabled Ie/Bpl; we use Ie = 0 and Bpl = 20 (between G.711
 * with PLC at 25.1 and less robust codecs), which is what the public WebRTC
 * quality dashboards do. It is an estimate for the agent, not a measurement.
 */
export interface QualitySample {
  /** Cumulative counters from inbound-rtp. */
  packetsReceived: number;
  packetsLost: number;
  /** inbound-rtp jitter, seconds. */
  jitterSeconds: number;
  /** remote-inbound-rtp roundTripTime or the candidate pair's currentRoundTripTime, seconds; null if unknown. */
  rttSeconds: number | null;
  /** inbound-rtp jitterBufferDelay / jitterBufferEmittedCount, seconds; null if unknown. */
  jitterBufferSeconds: number | null;
}

export interface CallQuality {
  /** Loss over the last interval, percent. */
  lossPercent: number;
  jitterMs: number;
  rttMs: number | null;
  mos: number;
  /** For the UI: good ≥ 4.0, fair ≥ 3.6, poor below. */
  grade: 'good' | 'fair' | 'poor';
}

export const OPUS_IE = 0;
export const OPUS_BPL = 20;
/** Packetisation + codec look-ahead for 20 ms Opus frames. */
const CODEC_DELAY_MS = 25;

export function rFactor(oneWayDelayMs: number, lossPercent: number, ie = OPUS_IE, bpl = OPUS_BPL): number {
  const d = Math.max(0, oneWayDelayMs);
  const id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
  const ppl = Math.min(100, Math.max(0, lossPercent));
  const ieEff = ie + ((95 - ie) * ppl) / (ppl + bpl);
  return 93.2 - id - ieEff;
}

export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  const mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  return Math.min(4.5, Math.max(1, mos));
}

/** Quality over the interval between two samples of the same call (previous null: since the start). */
export function callQuality(previous: QualitySample | null, current: QualitySample): CallQuality {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = Math.max(0, current.packetsLost - (previous?.packetsLost ?? 0));
  const expected = received + lost;
  const lossPercent = expected > 0 ? (100 * lost) / expected : 0;
  const jitterMs = current.jitterSeconds * 1000;
  const rttMs = current.rttSeconds === null ? null : current.rttSeconds * 1000;
  const bufferMs = current.jitterBufferSeconds === null ? 2 * jitterMs : current.jitterBufferSeconds * 1000;
  const oneWay = (rttMs ?? 0) / 2 + bufferMs + CODEC_DELAY_MS;
  const mos = round(mosFromR(rFactor(oneWay, lossPercent)), 2);
  return {
    lossPercent: round(lossPercent, 1),
    jitterMs: round(jitterMs, 1),
    rttMs: rttMs === null ? null : round(rttMs, 0),
    mos,
    grade: mos >= 4 ? 'good' : mos >= 3.6 ? 'fair' : 'poor',
  };
}

/** Reads one QualitySample out of an RTCStatsReport (audio only). */
export function sampleFromStats(report: RTCStatsReport): QualitySample | null {
  let inbound: Record<string, unknown> | null = null;
  let remoteRtt: number | null = null;
  let pairRtt: number | null = null;
  report.forEach((stat: Record<string, unknown>) => {
    if (stat['type'] === 'inbound-rtp' && stat['kind'] === 'audio') inbound = stat;
    if (stat['type'] === 'remote-inbound-rtp' && typeof stat['roundTripTime'] === 'number') remoteRtt = stat['roundTripTime'];
    if (stat['type'] === 'candidate-pair' && stat['nominated'] === true && typeof stat['currentRoundTripTime'] === 'number') {
      pairRtt = stat['currentRoundTripTime'];
    }
  });
  if (!inbound) return null;
  const s: Record<string, unknown> = inbound;
  const num = (key: string): number => (typeof s[key] === 'number' ? (s[key] as number) : 0);
  const emitted = num('jitterBufferEmittedCount');
  return {
    packetsReceived: num('packetsReceived'),
    packetsLost: num('packetsLost'),
    jitterSeconds: num('jitter'),
    rttSeconds: remoteRtt ?? pairRtt,
    jitterBufferSeconds: emitted > 0 ? num('jitterBufferDelay') / emitted : null,
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
