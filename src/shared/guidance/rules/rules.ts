import type { OutOfScopeTopic, ScriptPack } from '../scripts/schema';
import { fillLocalized } from '../scripts/text';
import { PRIORITY, type RulesConfig } from './config';
import type { CallFlag, CallPhase, GuidancePrompt, PromptKind, TicketSnapshot } from './types';

/** What the engine knows about the current call. Rules only read it. */
export interface CallState {
  phase: CallPhase;
  answeredAt?: number;
  heldSince?: number;
  endedAt?: number;
  callerFirstSpeechAt?: number;
  /** Caller's raised voice: since when, while it lasts. */
  raisedSince?: number;
  angryHotkeyAt?: number;
  silentHotkeyAt?: number;
  /** Manual "next step" presses on the silent-call card. */
  silentAdvance: number;
  abusive?: { stage: number; since: number };
  emergencyHotkeyAt?: number;
  /** Danger words in the ticket now, with when each first appeared. */
  dangerTerms: Map<string, number>;
  /** Out-of-scope topics in the ticket now, with when each first appeared. */
  topics: Map<OutOfScopeTopic, number>;
  repeatingPresses: number[];
  wontHangUpStep: number;
  /** Agent interruptions (times of the `handle` call that reported them). */
  interruptions: number[];
  monologueSince?: number;
  deadAirSince?: number;
  repeat?: { previousCalls: number; lastSummary: string; at: number };
  ticket: TicketSnapshot;
  flags: Set<CallFlag>;
}

export function newCallState(): CallState {
  return {
    phase: 'idle',
    silentAdvance: 0,
    dangerTerms: new Map(),
    topics: new Map(),
    repeatingPresses: [],
    wontHangUpStep: 0,
    interruptions: [],
    ticket: { category: '', summary: '', notes: '', department: '' },
    flags: new Set(),
  };
}

export type PromptContent = Pick<GuidancePrompt, 'severity' | 'title' | 'lines'> &
  Partial<Pick<GuidancePrompt, 'step' | 'fourPart' | 'topic' | 'channel' | 'matchedTerms'>>;

/** A prompt a rule would like to show now. */
export interface Candidate {
  key: string;
  kind: PromptKind;
  /** When the evidence behind it appeared: after a close, only newer evidence shows it again. */
  since: number;
  /** Show again after the cooldown while the condition lasts, even without new evidence. */
  repeatWhilePersisting?: boolean;
  cooldownMs: number;
  ttlMs?: number;
  /** Once closed, never again in this call. */
  once?: boolean;
  exclusive?: boolean;
  /** Close it by itself when the rule stops proposing it. */
  retireWhenCleared: boolean;
  build(timesShown: number): PromptContent;
}

export interface RuleContext {
  pack: ScriptPack;
  config: RulesConfig;
  now: number;
}

type Rule = (state: CallState, context: RuleContext) => Candidate[];

const live = (state: CallState) => state.phase === 'talking' || state.phase === 'held';
const latest = (...times: (number | undefined)[]) => Math.max(...times.filter((t): t is number => t !== undefined));

const emergency: Rule = (state, { pack }) => {
  if (!live(state) && state.phase !== 'ringing') return [];
  const terms = [...state.dangerTerms.keys()];
  if (terms.length === 0 && state.emergencyHotkeyAt === undefined) return [];
  const protocol = pack.protocols.emergency;
  return [
    {
      key: 'emergency',
      kind: 'emergency',
      since: latest(state.emergencyHotkeyAt, ...state.dangerTerms.values()),
      cooldownMs: 0,
      exclusive: true,
      retireWhenCleared: false,
      build: () => ({
        severity: 'critical',
        title: protocol.title,
        lines: protocol.steps.map((step) => step.say),
        step: { index: 0, count: protocol.steps.length, action: protocol.steps[0]?.action ?? 'notify-lead' },
        matchedTerms: terms,
      }),
    },
  ];
};

const abusive: Rule = (state, { pack }) => {
  if (!live(state) || !state.abusive) return [];
  const protocol = pack.protocols.abusive;
  const index = Math.min(state.abusive.stage, protocol.steps.length - 1);
  return [
    {
      key: 'abusive',
      kind: 'abusive',
      since: state.abusive.since,
      cooldownMs: 0,
      retireWhenCleared: false,
      build: () => ({
        severity: 'warning',
        title: protocol.title,
        lines: protocol.steps.map((step) => step.say),
        step: { index, count: protocol.steps.length, action: protocol.steps[index]?.action ?? 'say' },
      }),
    },
  ];
};

const silentCall: Rule = (state, { pack, now }) => {
  if (state.phase !== 'talking' || state.answeredAt === undefined || state.callerFirstSpeechAt !== undefined) return [];
  const steps = pack.protocols.silent.steps;
  const elapsedS = (now - state.answeredAt) / 1000;
  const first = steps[0]?.afterSeconds ?? 0;
  if (elapsedS < first && state.silentHotkeyAt === undefined) return [];
  let due = 0;
  steps.forEach((step, index) => {
    if ((step.afterSeconds ?? 0) <= elapsedS) due = index;
  });
  const index = Math.min(steps.length - 1, due + state.silentAdvance);
  return [
    {
      key: 'silent-call',
      kind: 'silent-call',
      since: state.silentHotkeyAt ?? state.answeredAt + first * 1000,
      cooldownMs: 0,
      retireWhenCleared: true,
      build: () => ({
        severity: 'warning',
        title: pack.protocols.silent.title,
        lines: steps.map((step) => step.say),
        step: { index, count: steps.length, action: steps[index]?.action ?? 'say' },
      }),
    },
  ];
};

const deEscalation: Rule = (state, { pack, config, now }) => {
  if (!live(state)) return [];
  const hotkey = state.angryHotkeyAt !== undefined && now - state.angryHotkeyAt < config.angryHotkeyHoldMs ? state.angryHotkeyAt : undefined;
  if (state.raisedSince === undefined && hotkey === undefined) return [];
  const card = pack.deEscalation;
  return [
    {
      key: 'de-escalation',
      kind: 'de-escalation',
      since: latest(state.raisedSince, hotkey),
      cooldownMs: config.deEscalationCooldownMs,
      ttlMs: config.deEscalationTtlMs,
      retireWhenCleared: false,
      build: (timesShown) => {
        const summary = state.ticket.summary.trim().replace(/[。.!！?？]+$/u, '');
        const restate = summary ? fillLocalized(card.restate, { summary }) : card.restateFallback;
        const acknowledge = card.acknowledge[timesShown % card.acknowledge.length] ?? card.acknowledge[0]!;
        const category = state.ticket.category.trim().toLowerCase();
        const suggestion =
          card.suggest.find((entry) => entry.category !== undefined && category !== '' && category.includes(entry.category.toLowerCase())) ??
          card.suggest.find((entry) => entry.category === undefined)!;
        const confirm = card.confirm[0]!;
        const fourPart = { restate, acknowledge, suggest: suggestion.text, confirm };
        return { severity: 'warning', title: card.title, lines: [restate, acknowledge, suggestion.text, confirm], fourPart };
      },
    },
  ];
};

const wontHangUp: Rule = (state, { pack, config, now }) => {
  if (state.phase !== 'talking' || state.answeredAt === undefined) return [];
  const repeats = state.repeatingPresses.length + (state.topics.size > 0 ? 1 : 0);
  if (now - state.answeredAt < config.wontHangUpAfterMs || repeats < config.wontHangUpRepeats) return [];
  const protocol = pack.protocols.wontHangUp;
  const index = Math.min(state.wontHangUpStep, protocol.steps.length - 1);
  const values = { summary: state.ticket.summary, department: state.ticket.department };
  return [
    {
      key: 'wont-hang-up',
      kind: 'wont-hang-up',
      since: latest(state.answeredAt + config.wontHangUpAfterMs, state.repeatingPresses.at(-1)),
      cooldownMs: 0,
      retireWhenCleared: false,
      build: () => ({
        severity: 'coach',
        title: protocol.title,
        lines: protocol.steps.map((step) => fillLocalized(step.say, values)),
        step: { index, count: protocol.steps.length, action: protocol.steps[index]?.action ?? 'say' },
      }),
    },
  ];
};

const outOfScope: Rule = (state, { pack }) => {
  if (!live(state)) return [];
  const section = pack.protocols.outOfScope;
  return [...state.topics].flatMap(([topic, since]) => {
    const entry = section.topics.find((t) => t.topic === topic);
    if (!entry) return [];
    return [
      {
        key: `out-of-scope:${topic}`,
        kind: 'out-of-scope' as const,
        since,
        cooldownMs: 0,
        retireWhenCleared: true,
        build: () => ({
          severity: 'coach' as const,
          title: { 'zh-CN': `${section.title['zh-CN']}：${entry.name['zh-CN']}`, en: `${section.title.en}: ${entry.name.en}` },
          lines: [section.intro, entry.say],
          topic,
          channel: entry.channel,
        }),
      },
    ];
  });
};

const holdTooLong: Rule = (state, { pack, config, now }) => {
  if (state.phase !== 'held' || state.heldSince === undefined || now - state.heldSince < config.holdRemindAfterMs) return [];
  const heldSince = state.heldSince;
  const nudge = pack.nudges.holdTooLong;
  return [
    {
      key: 'hold-too-long',
      kind: 'hold-too-long',
      since: heldSince + config.holdRemindAfterMs,
      repeatWhilePersisting: true,
      cooldownMs: config.holdRemindEveryMs,
      retireWhenCleared: true,
      build: () => ({
        severity: 'coach',
        title: nudge.title,
        lines: nudge.lines.map((line) => fillLocalized(line, { seconds: Math.floor((now - heldSince) / 1000) })),
      }),
    },
  ];
};

const repeatCaller: Rule = (state, { pack }) => {
  if (!state.repeat || state.repeat.previousCalls < 1 || state.phase === 'ended' || state.phase === 'idle') return [];
  const repeat = state.repeat;
  const nudge = pack.nudges.repeatCaller;
  return [
    {
      key: 'repeat-caller',
      kind: 'repeat-caller',
      since: repeat.at,
      once: true,
      cooldownMs: 0,
      retireWhenCleared: false,
      build: () => ({
        severity: 'info',
        title: nudge.title,
        lines: nudge.lines.map((line) => fillLocalized(line, { count: repeat.previousCalls, summary: repeat.lastSummary })),
      }),
    },
  ];
};

const talkingOver: Rule = (state, { pack, config, now }) => {
  if (state.phase !== 'talking') return [];
  const recent = state.interruptions.filter((t) => now - t < config.talkOverWindowMs);
  if (recent.length < config.talkOverCount) return [];
  const nudge = pack.nudges.talkingOver;
  return [
    {
      key: 'talking-over',
      kind: 'talking-over',
      since: recent.at(-1)!,
      cooldownMs: config.talkOverCooldownMs,
      ttlMs: config.nudgeTtlMs,
      retireWhenCleared: false,
      build: () => ({ severity: 'coach', title: nudge.title, lines: nudge.lines }),
    },
  ];
};

const monologue: Rule = (state, { pack, config }) => {
  if (state.phase !== 'talking' || state.monologueSince === undefined) return [];
  const nudge = pack.nudges.monologue;
  return [
    {
      key: 'monologue',
      kind: 'monologue',
      since: state.monologueSince,
      cooldownMs: config.monologueCooldownMs,
      ttlMs: config.nudgeTtlMs,
      retireWhenCleared: true,
      build: () => ({ severity: 'coach', title: nudge.title, lines: nudge.lines }),
    },
  ];
};

const deadAir: Rule = (state, { pack, config }) => {
  // Before the caller has said anything, the silent-call protocol is the right card.
  if (state.phase !== 'talking' || state.deadAirSince === undefined || state.callerFirstSpeechAt === undefined) return [];
  const nudge = pack.nudges.deadAir;
  return [
    {
      key: 'dead-air',
      kind: 'dead-air',
      since: state.deadAirSince,
      cooldownMs: config.deadAirCooldownMs,
      ttlMs: config.nudgeTtlMs,
      retireWhenCleared: true,
      build: () => ({ severity: 'coach', title: nudge.title, lines: nudge.lines }),
    },
  ];
};

const recoveryBreak: Rule = (state, { pack }) => {
  if (state.phase !== 'ended' || !state.flags.has('abusive') || state.endedAt === undefined) return [];
  const protocol = pack.protocols.abusive;
  return [
    {
      key: 'recovery-break',
      kind: 'recovery-break',
      since: state.endedAt,
      once: true,
      cooldownMs: 0,
      retireWhenCleared: false,
      build: () => ({ severity: 'info', title: protocol.title, lines: [protocol.recovery], step: { index: 0, count: 1, action: 'offer-break' } }),
    },
  ];
};

export const RULES: readonly Rule[] = [
  emergency,
  abusive,
  silentCall,
  deEscalation,
  wontHangUp,
  outOfScope,
  holdTooLong,
  repeatCaller,
  talkingOver,
  monologue,
  deadAir,
  recoveryBreak,
];

export function priorityOf(kind: PromptKind): number {
  return PRIORITY[kind];
}
