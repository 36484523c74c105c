import type { OutOfScopeTopic, ScriptPack } from '../scripts/schema';
import { resolveRulesConfig, type RulesConfig } from './config';
import { newCallState, priorityOf, RULES, type CallState, type Candidate } from './rules';
import { createTermMatcher, type TermMatcher } from './terms';
import type { CallFlag, GuidancePrompt, GuidanceSignal, GuidanceView, PromptClosedReason, PromptKind } from './types';

export interface GuidanceEngineOptions {
  pack: ScriptPack;
  config?: Partial<RulesConfig>;
}

interface KeyRecord {
  lastClosedAt: number;
  timesShown: number;
  closedForGood: boolean;
}

interface Shown {
  prompt: GuidancePrompt;
  retireWhenCleared: boolean;
  once: boolean;
}

const FLAG_OF: Partial<Record<PromptKind, CallFlag>> = {
  emergency: 'emergency',
  abusive: 'abusive',
  'silent-call': 'silent-call',
  'wont-hang-up': 'wont-hang-up',
  'out-of-scope': 'out-of-scope',
  'repeat-caller': 'repeat-caller',
};

/**
 * The live-guidance rule engine: signals in, a short list of prompts out.
 *
 * - Deterministic: time is the `now` passed to every call (ms, any epoch,
 *   never decreasing; an earlier `now` is treated as the latest seen).
 * - Calm: at most `maxVisible` prompts; a higher priority pushes a lower one
 *   out (it comes back when there is room, if still relevant); the emergency
 *   card is shown alone.
 * - Polite: after a prompt is closed, the same key waits `cooldownMs` and
 *   needs new evidence before it shows again (hold reminders repeat while the
 *   hold lasts).
 * - One engine per agent seat; a new call (ringing or talking after ended/idle)
 *   starts from a clean state.
 */
export class GuidanceEngine {
  readonly config: RulesConfig;
  private readonly pack: ScriptPack;
  private readonly dangerMatcher: TermMatcher;
  private readonly topicMatchers: { topic: OutOfScopeTopic; matcher: TermMatcher }[];
  private state: CallState = newCallState();
  private records = new Map<string, KeyRecord>();
  private shown: Shown[] = [];
  private sequence = 0;
  private revision = 0;
  private signature = '';
  private lastNow = Number.NEGATIVE_INFINITY;
  private closedNow: GuidanceView['closed'] = [];

  constructor(options: GuidanceEngineOptions) {
    this.pack = options.pack;
    this.config = resolveRulesConfig(options.config);
    this.dangerMatcher = createTermMatcher(options.pack.protocols.emergency.triggerTerms);
    this.topicMatchers = options.pack.protocols.outOfScope.topics.map((entry) => ({
      topic: entry.topic,
      matcher: createTermMatcher(entry.terms),
    }));
  }

  /** Apply one signal at time `now`, re-run the rules, return what to show. */
  handle(signal: GuidanceSignal, now: number): GuidanceView {
    const t = Math.max(now, this.lastNow);
    this.lastNow = t;
    this.closedNow = [];
    this.apply(signal, t);
    this.evaluate(t);
    return this.view();
  }

  tick(now: number): GuidanceView {
    return this.handle({ type: 'tick' }, now);
  }

  acknowledge(promptId: string, now: number): GuidanceView {
    return this.handle({ type: 'acknowledge', promptId }, now);
  }

  dismiss(promptId: string, now: number): GuidanceView {
    return this.handle({ type: 'dismiss', promptId }, now);
  }

  /** The current view, without changing anything. */
  view(): GuidanceView {
    const visible = this.shown.map((entry) => entry.prompt);
    const flags = [...this.state.flags].sort();
    const signature = JSON.stringify([visible, flags]);
    if (signature !== this.signature) {
      this.signature = signature;
      this.revision++;
    }
    return { visible, flags, revision: this.revision, closed: this.closedNow };
  }

  private resetCall(): void {
    this.state = newCallState();
    this.records = new Map();
    for (const entry of this.shown) this.closedNow.push({ id: entry.prompt.id, key: entry.prompt.key, reason: 'call-ended' });
    this.shown = [];
  }

  private apply(signal: GuidanceSignal, now: number): void {
    const s = this.state;
    switch (signal.type) {
      case 'call-phase': {
        const { phase } = signal;
        if ((phase === 'ringing' || phase === 'talking') && (s.phase === 'ended' || s.phase === 'idle')) this.resetCall();
        const state = this.state;
        if (phase === 'talking' && state.answeredAt === undefined) state.answeredAt = now;
        if (phase === 'held' && state.phase !== 'held') state.heldSince = now;
        if (phase !== 'held') state.heldSince = undefined;
        if (phase === 'ended') {
          state.endedAt = now;
          for (const entry of this.shown) this.close(entry.prompt, 'call-ended', now);
        }
        if (phase === 'idle') this.resetCall();
        state.phase = phase;
        return;
      }
      case 'audio': {
        const event = signal.event;
        switch (event.type) {
          case 'speech-start':
            if (event.side === 'caller' && s.callerFirstSpeechAt === undefined && s.phase === 'talking') s.callerFirstSpeechAt = now;
            return;
          case 'raised-voice-start':
            if (event.side === 'caller') {
              s.raisedSince = now;
              s.flags.add('raised-voice');
            }
            return;
          case 'raised-voice-end':
            if (event.side === 'caller') s.raisedSince = undefined;
            return;
          case 'interruption':
            if (event.by === 'agent') {
              s.interruptions.push(now);
              s.interruptions = s.interruptions.filter((time) => now - time < this.config.talkOverWindowMs);
            }
            return;
          case 'monologue-start':
            if (event.side === 'agent') s.monologueSince = now;
            return;
          case 'monologue-end':
            if (event.side === 'agent') s.monologueSince = undefined;
            return;
          case 'dead-air-start':
            s.deadAirSince = now;
            return;
          case 'dead-air-end':
            s.deadAirSince = undefined;
            return;
          default:
            return;
        }
      }
      case 'ticket': {
        s.ticket = { ...s.ticket, ...signal.ticket };
        const text = `${s.ticket.category}\n${s.ticket.summary}\n${s.ticket.notes}`;
        const terms = new Set(this.dangerMatcher.find(text));
        for (const term of terms) if (!s.dangerTerms.has(term)) s.dangerTerms.set(term, now);
        for (const term of [...s.dangerTerms.keys()]) if (!terms.has(term)) s.dangerTerms.delete(term);
        for (const { topic, matcher } of this.topicMatchers) {
          const found = matcher.find(text).length > 0;
          if (found && !s.topics.has(topic)) s.topics.set(topic, now);
          if (!found) s.topics.delete(topic);
        }
        return;
      }
      case 'repeat-caller':
        s.repeat = { previousCalls: signal.previousCalls, lastSummary: signal.lastSummary ?? '', at: now };
        return;
      case 'hotkey':
        switch (signal.key) {
          case 'caller-angry':
            s.angryHotkeyAt = now;
            return;
          case 'emergency':
            s.emergencyHotkeyAt = now;
            return;
          case 'silent':
            s.silentHotkeyAt ??= now;
            return;
          case 'repeating':
            s.repeatingPresses.push(now);
            return;
          case 'abusive':
            s.abusive = s.abusive ? { stage: s.abusive.stage + 1, since: now } : { stage: 0, since: now };
            return;
        }
        return;
      case 'acknowledge':
      case 'dismiss': {
        const entry = this.shown.find((item) => item.prompt.id === signal.promptId);
        if (!entry) return;
        this.close(entry.prompt, signal.type === 'acknowledge' ? 'acknowledged' : 'dismissed', now);
        if (entry.prompt.kind === 'de-escalation' && signal.type === 'dismiss') s.angryHotkeyAt = undefined;
        return;
      }
      case 'advance': {
        const entry = this.shown.find((item) => item.prompt.id === signal.promptId);
        if (!entry) return;
        if (entry.prompt.kind === 'silent-call') s.silentAdvance++;
        if (entry.prompt.kind === 'wont-hang-up') s.wontHangUpStep++;
        if (entry.prompt.kind === 'abusive' && s.abusive) s.abusive = { stage: s.abusive.stage + 1, since: s.abusive.since };
        return;
      }
      case 'tick':
        return;
    }
  }

  private close(prompt: GuidancePrompt, reason: PromptClosedReason, now: number): void {
    const index = this.shown.findIndex((entry) => entry.prompt.id === prompt.id);
    const entry = this.shown[index];
    if (!entry) return;
    this.shown.splice(index, 1);
    this.closedNow.push({ id: prompt.id, key: prompt.key, reason });
    if (reason === 'pre-empted') return;
    const record = this.records.get(prompt.key) ?? { lastClosedAt: now, timesShown: 0, closedForGood: false };
    record.lastClosedAt = now;
    if (entry.once) record.closedForGood = true;
    this.records.set(prompt.key, record);
  }

  private evaluate(now: number): void {
    const context = { pack: this.pack, config: this.config, now };
    const candidates = new Map<string, Candidate>();
    for (const rule of RULES) for (const candidate of rule(this.state, context)) candidates.set(candidate.key, candidate);

    // Expire, retire, refresh what is on screen.
    for (const entry of [...this.shown]) {
      const candidate = candidates.get(entry.prompt.key);
      if (entry.prompt.expiresAtMs !== undefined && entry.prompt.expiresAtMs <= now) this.close(entry.prompt, 'expired', now);
      else if (!candidate && entry.retireWhenCleared) this.close(entry.prompt, 'resolved', now);
      else if (candidate) {
        const record = this.records.get(candidate.key);
        entry.prompt = { ...entry.prompt, ...candidate.build(Math.max(0, (record?.timesShown ?? 1) - 1)) };
      }
    }

    // Which new prompts may show.
    const onScreen = new Set(this.shown.map((entry) => entry.prompt.key));
    const fresh: Shown[] = [];
    for (const candidate of candidates.values()) {
      if (onScreen.has(candidate.key)) continue;
      const record = this.records.get(candidate.key);
      if (record?.closedForGood) continue;
      if (record && record.lastClosedAt !== Number.NEGATIVE_INFINITY) {
        const newEvidence = candidate.since > record.lastClosedAt;
        if (!newEvidence && !candidate.repeatWhilePersisting) continue;
        if (now - record.lastClosedAt < candidate.cooldownMs) continue;
      }
      const timesShown = record?.timesShown ?? 0;
      fresh.push({
        retireWhenCleared: candidate.retireWhenCleared,
        once: candidate.once ?? false,
        prompt: {
          id: '',
          kind: candidate.kind,
          key: candidate.key,
          priority: priorityOf(candidate.kind),
          exclusive: candidate.exclusive ?? false,
          shownAtMs: now,
          ...(candidate.ttlMs !== undefined ? { expiresAtMs: now + candidate.ttlMs } : {}),
          ...candidate.build(timesShown),
        },
      });
    }

    // Highest priority first; on a tie, what is already on screen stays.
    const pool = [...this.shown, ...fresh].sort(
      (a, b) => b.prompt.priority - a.prompt.priority || Number(fresh.includes(a)) - Number(fresh.includes(b)) || a.prompt.shownAtMs - b.prompt.shownAtMs,
    );
    const top = pool[0];
    const keep = top?.prompt.exclusive ? [top] : pool.filter((entry) => !entry.prompt.exclusive).slice(0, this.config.maxVisible);
    for (const entry of [...this.shown]) if (!keep.includes(entry)) this.close(entry.prompt, 'pre-empted', now);
    for (const entry of keep) {
      if (entry.prompt.id !== '') continue;
      entry.prompt.id = `${entry.prompt.key}#${++this.sequence}`;
      const record = this.records.get(entry.prompt.key) ?? { lastClosedAt: Number.NEGATIVE_INFINITY, timesShown: 0, closedForGood: false };
      record.timesShown++;
      this.records.set(entry.prompt.key, record);
      const flag = FLAG_OF[entry.prompt.kind];
      if (flag) this.state.flags.add(flag);
    }
    this.shown = keep;
  }
}

/** Builds the pack's term matchers now (they are shared by every call's engine), so that a call's first engine does not. */
export function prepareTermMatchers(pack: ScriptPack): void {
  createTermMatcher(pack.protocols.emergency.triggerTerms);
  for (const entry of pack.protocols.outOfScope.topics) createTermMatcher(entry.terms);
}

/**
 * Builds the pack's matchers and runs a throw-away engine through a call's first signals (ringing, the answer, a
 * second of talk, the end). The first real call's engine then runs code V8 has already compiled: at the first ring
 * the rules' first run was ~5 ms of compiling on the ring's path. Nothing is kept but the matchers.
 */
export function rehearseGuidance(pack: ScriptPack): void {
  prepareTermMatchers(pack);
  const engine = new GuidanceEngine({ pack });
  engine.handle({ type: 'call-phase', phase: 'ringing' }, 0);
  engine.handle({ type: 'call-phase', phase: 'talking' }, 1_000);
  engine.tick(2_000);
  engine.handle({ type: 'call-phase', phase: 'ended' }, 3_000);
}

export function createGuidanceEngine(options: GuidanceEngineOptions): GuidanceEngine {
  return new GuidanceEngine(options);
}
