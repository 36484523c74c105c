import type { StoredTimelineEntry } from '../../../shared/domain/call/timeline';
import type { Annotation } from '../../../shared/review/review';

/** One thing on the replay's markers and in the list beside them. */
export interface ReplayEvent {
  key: string;
  /** Wall time from answer (the timeline's clock). */
  startMs: number;
  endMs: number | null;
  /** The marker's family: its colour and its label key. */
  family: 'step' | 'prompt' | 'signal' | 'hold' | 'work-order' | 'emergency' | 'lead' | 'annotation' | 'other';
  /** An i18n key of the replay namespace, and its values. */
  label: { key: string; params: Record<string, string> };
}

/** Speech spans are the waveform itself: marking each one would bury the rest. */
const HIDDEN_SIGNALS = new Set(['speech']);

function fromTimeline(entry: StoredTimelineEntry): ReplayEvent | null {
  const base = { key: `t${entry.seq}`, startMs: entry.startMs, endMs: entry.endMs };
  switch (entry.kind) {
    case 'step-ticked':
    case 'step-unticked':
      return { ...base, family: 'step', label: { key: `event.${entry.kind}`, params: { step: entry.subject } } };
    case 'prompt-shown':
      return { ...base, family: entry.payload.kind === 'emergency' ? 'emergency' : 'prompt', label: { key: 'event.prompt-shown', params: { title: entry.payload.title } } };
    case 'prompt-acknowledged':
    case 'prompt-used':
    case 'prompt-dismissed':
    case 'prompt-expired':
    case 'prompt-resolved':
      return { ...base, family: 'prompt', label: { key: `event.${entry.kind}`, params: { subject: entry.subject } } };
    case 'signal':
      if (HIDDEN_SIGNALS.has(entry.subject)) return null;
      return { ...base, family: entry.subject === 'hold' ? 'hold' : 'signal', label: { key: `event.signal.${entry.subject}`, params: { side: entry.payload.side ?? entry.payload.by ?? '' } } };
    case 'emergency-outcome':
      return { ...base, family: 'emergency', label: { key: `event.emergency-outcome.${entry.payload.outcome}`, params: {} } };
    case 'lead-alert':
      return { ...base, family: 'lead', label: { key: 'event.lead-alert', params: {} } };
    case 'hotkey':
      return { ...base, family: 'other', label: { key: 'event.hotkey', params: { subject: entry.subject } } };
    case 'work-order-edited':
      return { ...base, family: 'work-order', label: { key: 'event.work-order-edited', params: {} } };
    default:
      return null;
  }
}

/** The call's events in call order: the timeline's (minus speech spans) and the trainer's annotations. */
export function replayEvents(timeline: readonly StoredTimelineEntry[], annotations: readonly Annotation[]): ReplayEvent[] {
  const events = timeline.map(fromTimeline).filter((event): event is ReplayEvent => event !== null);
  for (const a of annotations) {
    events.push({ key: `a${a.id}`, startMs: a.startMs, endMs: a.endMs, family: 'annotation', label: { key: `tag.${a.tag}`, params: { text: a.text } } });
  }
  return events.filter((event) => event.startMs >= 0).sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key));
}

/** The event to jump to with [ (previous) or ] (next) from `atMs`; a 300 ms margin so pressing [ twice goes back further. */
export function neighbourEvent(events: readonly ReplayEvent[], atMs: number, direction: -1 | 1): ReplayEvent | null {
  if (direction === 1) return events.find((event) => event.startMs > atMs + 300) ?? null;
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.startMs < atMs - 300) return events[i]!;
  return null;
}
