import type { TimelineEntry } from '../domain/call/timeline';
import type { ScriptStepId } from '../guidance/scripts/steps';

/** A moment or a span on the call's timeline, in ms from answer. */
export interface Moment {
  startMs: number;
  endMs: number | null;
}

/** What the judge reads off a call's timeline, each fact with the moments behind it. */
export interface CallMetrics {
  firstAgentSpeech: Moment | null;
  firstCallerSpeech: Moment | null;
  /** The agent started talking while the caller was speaking. */
  talkOvers: Moment[];
  /** Both talking at once (either started it). */
  overlaps: Moment[];
  longestDeadAir: Moment | null;
  agentRaisedVoice: Moment[];
  /** When each step is ticked at the end of the call (the last tick that was not undone). */
  stepTicks: Partial<Record<ScriptStepId, number>>;
  /** Emergency prompts shown that the agent never said anything about (reported / not an emergency). */
  unansweredEmergencies: Moment[];
}

const spanOf = (entry: TimelineEntry): Moment => ({ startMs: entry.startMs, endMs: entry.endMs });
const lengthOf = (moment: Moment) => (moment.endMs ?? moment.startMs) - moment.startMs;

export function callMetrics(timeline: readonly TimelineEntry[]): CallMetrics {
  const ordered = [...timeline].sort((a, b) => a.startMs - b.startMs || a.seq - b.seq);
  const metrics: CallMetrics = {
    firstAgentSpeech: null,
    firstCallerSpeech: null,
    talkOvers: [],
    overlaps: [],
    longestDeadAir: null,
    agentRaisedVoice: [],
    stepTicks: {},
    unansweredEmergencies: [],
  };
  const emergencies = new Map<string, Moment>();
  for (const entry of ordered) {
    switch (entry.kind) {
      case 'signal': {
        const side = entry.payload.side;
        if (entry.subject === 'speech' && side === 'agent') metrics.firstAgentSpeech ??= spanOf(entry);
        else if (entry.subject === 'speech' && side === 'caller') metrics.firstCallerSpeech ??= spanOf(entry);
        else if (entry.subject === 'interruption' && entry.payload.by === 'agent') metrics.talkOvers.push(spanOf(entry));
        else if (entry.subject === 'overlap') metrics.overlaps.push(spanOf(entry));
        else if (entry.subject === 'raised-voice' && side === 'agent') metrics.agentRaisedVoice.push(spanOf(entry));
        else if (entry.subject === 'silence' && side === 'both' && (metrics.longestDeadAir === null || lengthOf(spanOf(entry)) > lengthOf(metrics.longestDeadAir))) {
          metrics.longestDeadAir = spanOf(entry);
        }
        break;
      }
      case 'step-ticked':
        metrics.stepTicks[entry.subject as ScriptStepId] = entry.startMs;
        break;
      case 'step-unticked':
        delete metrics.stepTicks[entry.subject as ScriptStepId];
        break;
      case 'prompt-shown':
        if (entry.payload.kind === 'emergency') emergencies.set(entry.payload.id, spanOf(entry));
        break;
      case 'emergency-outcome':
        emergencies.delete(entry.payload.id);
        break;
      default:
        break;
    }
  }
  metrics.unansweredEmergencies = [...emergencies.values()];
  return metrics;
}
