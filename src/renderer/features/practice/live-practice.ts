import type { CallEndedBy } from '../../../shared/domain/call-log';
import type { PracticeFinished } from '../../../shared/ipc/contract-practice';
import { bundledScenario, scenarioVersion, type PracticeResult } from '../../../shared/practice';
import type { DeskCallEvent } from '../call-session';

/** A live practice call as the trainee's desk sees it ring: the scenario the trainer plays, and the trainer as the INVITE named them. */
export interface LivePracticeStart {
  callId: string;
  scenarioId: string;
  trainerNumber: string;
  trainerName: string;
}

export interface LivePracticeDeps {
  /** The scenario of an incoming call the phone trusted as a trainer's practice call (X-Hotline-Practice), or null. */
  scenarioOf(callId: string): string | null;
  started(call: LivePracticeStart): void;
  /** The call ended; `finished` is its result to keep, null for a call never answered (nothing to score). */
  ended(callId: string, finished: PracticeFinished | null): void;
}

interface Tracked {
  scenarioId: string;
  rangAt: number;
  answered: boolean;
  /** The trainee's hold in progress, ms from ringing. */
  heldFrom: number | null;
  holds: { fromMs: number; toMs: number }[];
}

/** The practice result's "who ended it": the far end is the caller the trainer plays; the system (a failure) is neither. */
export function practiceEndedBy(endedBy: CallEndedBy): PracticeResult['endedBy'] {
  return endedBy === 'remote' ? 'caller' : endedBy === 'agent' ? 'agent' : null;
}

/** The trainer as the trainee's desk saw them: name and extension, either alone when the other is not known. */
export const trainerLabel = (live: { trainerNumber: string; trainerName: string }): string =>
  [live.trainerName.trim(), live.trainerNumber.trim()].filter((part) => part !== '').join(' ');

const MAX_HOLDS = 50;
const clockMs = (ms: number) => Math.max(0, Math.min(86_400_000, Math.round(ms)));

/**
 * The trainee's side of a live practice call (issue 14): a trainer's desk
 * called this one through the PBX playing a scenario's caller. From the call's
 * events it keeps what a simulated caller's runner would (the scenario, the
 * trainee's holds on the clock from ringing, who hung up) so the call is
 * scored and kept through the same path as a simulated one, marked live. The
 * lines are the trainer's own words, so none are listed. Only calls this desk
 * took: the trainer's side (a call it placed) never becomes a result.
 */
export class LivePracticeCalls {
  private readonly calls = new Map<string, Tracked>();

  constructor(private readonly deps: LivePracticeDeps) {}

  handle(event: DeskCallEvent): void {
    if (event.type === 'ringing') {
      if (event.source !== 'sip' || event.direction !== 'inbound' || !event.practice) return;
      const scenarioId = this.deps.scenarioOf(event.callId);
      if (scenarioId === null || !bundledScenario(scenarioId)) return;
      this.calls.set(event.callId, { scenarioId, rangAt: event.at, answered: false, heldFrom: null, holds: [] });
      this.deps.started({ callId: event.callId, scenarioId, trainerNumber: event.caller.number, trainerName: event.caller.name });
      return;
    }
    const call = this.calls.get(event.callId);
    if (!call) return;
    switch (event.type) {
      case 'answered':
        call.answered = true;
        break;
      case 'held':
        // The trainer holding the call is the caller's doing, not the trainee's.
        if (event.by === 'agent' && call.heldFrom === null) call.heldFrom = clockMs(event.at - call.rangAt);
        break;
      case 'resumed':
        this.closeHold(call, event.at);
        break;
      case 'ended':
        this.closeHold(call, event.at);
        this.calls.delete(event.callId);
        this.deps.ended(event.callId, call.answered ? this.finished(event.callId, call, event.endedBy) : null);
        break;
      default:
        break;
    }
  }

  private closeHold(call: Tracked, at: number): void {
    if (call.heldFrom === null) return;
    if (call.holds.length < MAX_HOLDS) call.holds.push({ fromMs: call.heldFrom, toMs: Math.max(call.heldFrom, clockMs(at - call.rangAt)) });
    call.heldFrom = null;
  }

  private finished(callId: string, call: Tracked, endedBy: CallEndedBy): PracticeFinished {
    return {
      callId,
      scenarioId: call.scenarioId,
      // The scenario as this desk has it (the trainer read their own desk's copy).
      scenarioVersion: scenarioVersion(bundledScenario(call.scenarioId)!),
      endedBy: practiceEndedBy(endedBy),
      lines: [],
      holds: call.holds,
      live: true,
    };
  }
}
