import type { AudioEvent } from '../audio/types';
import type { LocalizedText, OutOfScopeTopic, ProtocolAction } from '../scripts/schema';

/** Where the call is, as the softphone sees it. */
export type CallPhase = 'idle' | 'ringing' | 'talking' | 'held' | 'ended';

/** Keys the agent presses when they know better than the microphone. */
export const AGENT_HOTKEYS = ['caller-angry', 'abusive', 'emergency', 'silent', 'repeating'] as const;
export type AgentHotkey = (typeof AGENT_HOTKEYS)[number];

/** The ticket fields the rules read; all plain text the agent types. */
export interface TicketSnapshot {
  category: string;
  summary: string;
  notes: string;
  /** Where the work order goes, once chosen. */
  department: string;
}

export type GuidanceSignal =
  | { type: 'call-phase'; phase: CallPhase }
  | { type: 'audio'; event: AudioEvent }
  | { type: 'ticket'; ticket: Partial<TicketSnapshot> }
  /** From the call history: how many earlier calls from this number, and the last one's summary. */
  | { type: 'repeat-caller'; previousCalls: number; lastSummary?: string }
  | { type: 'hotkey'; key: AgentHotkey }
  | { type: 'acknowledge'; promptId: string }
  | { type: 'dismiss'; promptId: string }
  /** Move a protocol card to its next step. */
  | { type: 'advance'; promptId: string }
  | { type: 'tick' };

export type PromptKind =
  | 'emergency'
  | 'abusive'
  | 'silent-call'
  | 'de-escalation'
  | 'wont-hang-up'
  | 'out-of-scope'
  | 'hold-too-long'
  | 'repeat-caller'
  | 'talking-over'
  | 'monologue'
  | 'dead-air'
  | 'recovery-break';

export type PromptSeverity = 'critical' | 'warning' | 'coach' | 'info';

/** De-escalation cards are built from the four parts, in this order. */
export interface FourPartCard {
  restate: LocalizedText;
  acknowledge: LocalizedText;
  suggest: LocalizedText;
  confirm: LocalizedText;
}

export interface GuidancePrompt {
  /** Unique per showing: `${key}#${n}`. Acknowledge and dismiss by this. */
  id: string;
  kind: PromptKind;
  /** What makes two prompts "the same" for cooldowns, e.g. `out-of-scope:litigation`. */
  key: string;
  priority: number;
  severity: PromptSeverity;
  title: LocalizedText;
  /** What to say or do, in order. */
  lines: LocalizedText[];
  /** Protocol cards: which of `lines` is current, and what it asks the agent to do. */
  step?: { index: number; count: number; action: ProtocolAction };
  fourPart?: FourPartCard;
  topic?: OutOfScopeTopic;
  /** Out-of-scope cards: where the caller should go instead. */
  channel?: LocalizedText;
  /** Emergency: the words that triggered it (empty when the hotkey did). */
  matchedTerms?: string[];
  shownAtMs: number;
  /** Nudges go away by themselves at this time. */
  expiresAtMs?: number;
  /** Shown alone: nothing else competes with it. */
  exclusive: boolean;
}

/** Marks the call should carry into its log, so it is judged fairly. */
export type CallFlag = 'emergency' | 'abusive' | 'silent-call' | 'wont-hang-up' | 'out-of-scope' | 'repeat-caller' | 'raised-voice';

/**
 * acknowledged/dismissed: the agent's click; expired: a nudge's time ran out;
 * resolved: its condition went away (the caller spoke, the hold ended);
 * pre-empted: pushed out by a higher priority (it comes back if still relevant);
 * call-ended: the call is over.
 */
export type PromptClosedReason = 'acknowledged' | 'dismissed' | 'expired' | 'resolved' | 'pre-empted' | 'call-ended';

export interface GuidanceView {
  /** Highest priority first; never more than `maxVisible`. */
  visible: GuidancePrompt[];
  flags: CallFlag[];
  /** Changes whenever `visible` or `flags` change, so a UI can skip re-rendering. */
  revision: number;
  /** Prompts closed by this call of `handle`, with why. */
  closed: { id: string; key: string; reason: PromptClosedReason }[];
}
