import type { AudioEvent, Side } from '../../../shared/guidance/audio/types';
import type { TimelineRecorder } from '../../base/timeline-recorder';

/** A caller silent this long after answer is worth a span in the timeline. */
const CALLER_SILENCE_MIN_MS = 2000;

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * What the audio analysis decided, on the call's timeline: the analysis counts
 * time from when its worklet started, the timeline from answer, so each batch
 * re-bases the clock (the smallest offset seen wins: a late batch only looks
 * later). Also remembers who has spoken, which the script steps need.
 */
export class AudioTimeline {
  agentSpoke = false;
  callerSpoke = false;
  /** Offset (ms from answer) of the analysis' time 0. */
  private zero: number | null = null;
  private readonly raisedStarts: Partial<Record<Side, { aboveBaselineDb: number; baselineDb: number }>> = {};

  constructor(private readonly timeline: TimelineRecorder) {}

  /** `info.decidedAt` is performance.now() when the worklet decided; `timeMs` the analysis clock then. */
  record(events: AudioEvent[], info: { timeMs: number; decidedAt: number }, answeredAt: number): void {
    const wallAtDecision = Date.now() - (performance.now() - info.decidedAt);
    const zero = wallAtDecision - answeredAt - info.timeMs;
    this.zero = this.zero === null ? zero : Math.min(this.zero, zero);
    for (const event of events) this.recordOne(event);
  }

  /** At the end of an answered call: a caller never heard is one silence over the whole call. */
  end(answeredAt: number): void {
    if (this.callerSpoke) return;
    this.timeline.recordAtOffset({ kind: 'signal', subject: 'silence', startMs: 0, endMs: Date.now() - answeredAt, payload: { side: 'caller', reason: 'no-caller-voice' } });
  }

  private at(ms: number): number {
    return Math.round((this.zero ?? 0) + ms);
  }

  private span(startMs: number, endMs: number): { startMs: number; endMs: number } {
    return { startMs: this.at(startMs), endMs: Math.max(this.at(startMs), this.at(endMs)) };
  }

  private recordOne(event: AudioEvent): void {
    const timeline = this.timeline;
    switch (event.type) {
      case 'speech-start':
        if (event.side === 'agent') this.agentSpoke = true;
        if (event.side === 'caller' && !this.callerSpoke) {
          this.callerSpoke = true;
          const start = this.at(event.startMs);
          if (start >= CALLER_SILENCE_MIN_MS) {
            timeline.recordAtOffset({ kind: 'signal', subject: 'silence', startMs: 0, endMs: start, payload: { side: 'caller', reason: 'no-caller-voice' } });
          }
        }
        break;
      case 'speech-end':
        timeline.recordAtOffset({
          kind: 'signal',
          subject: 'speech',
          startMs: this.at(event.startMs),
          endMs: this.at(event.endMs),
          payload: event.levelDb === undefined ? { side: event.side } : { side: event.side, levelDb: event.levelDb },
        });
        break;
      case 'raised-voice-start':
        this.raisedStarts[event.side] = { aboveBaselineDb: round1(event.aboveBaselineDb), baselineDb: round1(event.baselineDb) };
        break;
      case 'raised-voice-end':
        timeline.recordAtOffset({ kind: 'signal', subject: 'raised-voice', ...this.span(event.startMs, event.endMs), payload: { side: event.side, ...this.raisedStarts[event.side] } });
        delete this.raisedStarts[event.side];
        break;
      case 'overlap-end':
        timeline.recordAtOffset({ kind: 'signal', subject: 'overlap', ...this.span(event.startMs, event.endMs), payload: {} });
        break;
      case 'dead-air-end':
        timeline.recordAtOffset({ kind: 'signal', subject: 'silence', ...this.span(event.startMs, event.endMs), payload: { side: 'both' } });
        break;
      case 'monologue-end':
        timeline.recordAtOffset({ kind: 'signal', subject: 'monologue', ...this.span(event.startMs, event.endMs), payload: { side: event.side } });
        break;
      case 'interruption':
        timeline.recordAtOffset({ kind: 'signal', subject: 'interruption', startMs: this.at(event.startMs), endMs: null, payload: { by: event.by } });
        break;
      default:
        break;
    }
  }
}
