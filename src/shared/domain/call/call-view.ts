import type { CallDirection, CallEndedBy, CallOutcome, CallQualitySummary } from '../call-log';
import { INITIAL_CONTROL, type CallControlState, type CallEvent, type CallSourceKind } from './call-event';

/** ringing: inbound, not answered; dialing: outbound, not answered. */
export type CallPhase = 'ringing' | 'dialing' | 'active' | 'ended';

/** What a screen shows of one call (in progress, or just finished). */
export interface CallView extends CallControlState {
  id: string;
  source: CallSourceKind;
  practice: boolean;
  number: string;
  name: string;
  direction: CallDirection;
  phase: CallPhase;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: CallOutcome | null;
  endedBy: CallEndedBy | null;
  waiting: boolean;
  autoAnswerAt: number | null;
  consultFor: string | null;
  qualitySummary: CallQualitySummary | null;
  /** Since when the call is on hold (either side), for the hold timer; null when not held. */
  heldAt: number | null;
}

/**
 * Every call in progress, plus the one in front once it ended (its panel stays
 * until the agent closes it); `frontId` is the one call the panels show.
 */
export interface CallBoard {
  calls: CallView[];
  frontId: string | null;
}

export const EMPTY_BOARD: CallBoard = { calls: [], frontId: null };

export function frontCall(board: CallBoard): CallView | null {
  return board.calls.find((call) => call.id === board.frontId) ?? null;
}

/** The call that rings on the desk (at most one: call waiting rings one at a time), or null. */
export function ringingCall<C extends Pick<CallView, 'phase'>>(board: { readonly calls: readonly C[] }): C | null {
  return board.calls.find((call) => call.phase === 'ringing') ?? null;
}

function patch(board: CallBoard, id: string, change: (call: CallView) => CallView): CallBoard {
  if (!board.calls.some((call) => call.id === id)) return board;
  return { ...board, calls: board.calls.map((call) => (call.id === id ? change(call) : call)) };
}

/**
 * The call board as a projection of call events: the only way calls on screen
 * change. Pure, so the same events always give the same board.
 */
export function reduceCallBoard(board: CallBoard, event: CallEvent): CallBoard {
  return trackHoldStart(board, reduceEvent(board, event), 'at' in event ? event.at : null);
}

const HELD = new Set(['held', 'remote-held']);

/** Stamps when a call went on hold, whichever event put it there, so the hold timer is the call's truth. */
function trackHoldStart(before: CallBoard, after: CallBoard, at: number | null): CallBoard {
  if (before === after) return after;
  let changed = false;
  const calls = after.calls.map((call) => {
    const heldAt = HELD.has(call.hold) && call.phase === 'active' ? (call.heldAt ?? at) : null;
    // (an event without a time never starts a hold: holds begin with the timed `held` event)
    if (heldAt === call.heldAt) return call;
    changed = true;
    return { ...call, heldAt };
  });
  return changed ? { ...after, calls } : after;
}

function reduceEvent(board: CallBoard, event: CallEvent): CallBoard {
  switch (event.type) {
    case 'ringing': {
      const view: CallView = {
        ...INITIAL_CONTROL,
        id: event.callId,
        source: event.source,
        practice: event.practice,
        number: event.caller.number,
        name: event.caller.name,
        direction: event.direction,
        phase: event.direction === 'inbound' ? 'ringing' : 'dialing',
        startedAt: event.at,
        answeredAt: null,
        endedAt: null,
        outcome: null,
        endedBy: null,
        waiting: event.waiting,
        autoAnswerAt: event.autoAnswerAt,
        consultFor: event.consultFor,
        qualitySummary: null,
        heldAt: null,
      };
      // A new call replaces the panel of a finished one.
      const calls = [...board.calls.filter((call) => call.phase !== 'ended' && call.id !== view.id), view];
      const frontStillLive = calls.some((call) => call.id === board.frontId);
      const frontId = !event.waiting || !frontStillLive ? view.id : board.frontId;
      return { calls, frontId };
    }
    case 'answered':
      return patch(board, event.callId, (call) => ({ ...call, phase: 'active', answeredAt: event.at, waiting: false, autoAnswerAt: null }));
    case 'held':
      return patch(board, event.callId, (call) => ({ ...call, hold: event.by === 'agent' ? 'held' : 'remote-held' }));
    case 'resumed':
      return patch(board, event.callId, (call) => ({ ...call, hold: 'active' }));
    case 'control':
      return patch(board, event.callId, (call) => (call.phase === 'ended' ? call : { ...call, ...event.change }));
    case 'conferenced':
      return patch(board, event.callId, (call) => ({ ...call, conference: true, transfer: null }));
    case 'foreground':
      return board.calls.some((call) => call.id === event.callId) ? { ...board, frontId: event.callId } : board;
    case 'ended': {
      const ended = patch(board, event.callId, (call) => ({
        ...call,
        phase: 'ended',
        endedAt: event.at,
        outcome: event.outcome,
        endedBy: event.endedBy,
        qualitySummary: event.quality,
        waiting: false,
        autoAnswerAt: null,
      }));
      // Only the call in front keeps its (ended) panel; others just go.
      return { ...ended, calls: ended.calls.filter((call) => call.id === ended.frontId || call.phase !== 'ended') };
    }
  }
}

/** The agent closed a finished call's panel: the next live call, if any, comes to the front. */
export function clearEndedCall(board: CallBoard, id: string): CallBoard {
  const call = board.calls.find((c) => c.id === id);
  if (!call || call.phase !== 'ended') return board;
  const calls = board.calls.filter((c) => c.id !== id);
  const frontId = board.frontId === id ? (calls.find((c) => c.phase !== 'ended')?.id ?? null) : board.frontId;
  return { calls, frontId };
}
