import { RECOVERY_BREAK_REASON } from '../../../shared/domain/agent-state';
import type { CallMedia, EmergencyOutcome } from '../../../shared/domain/call';
import type { AudioEvent, TalkStats } from '../../../shared/guidance/audio/types';
import { GuidanceEngine } from '../../../shared/guidance/rules/engine';
import type { AgentHotkey, CallFlag, GuidancePrompt, GuidanceSignal, GuidanceView, PromptKind, TicketSnapshot } from '../../../shared/guidance/rules/types';
import type { ScriptPack } from '../../../shared/guidance/scripts/schema';
import type { ScriptStepId } from '../../../shared/guidance/scripts/steps';
import type { TemplateValues } from '../../../shared/guidance/scripts/text';
import type { TimelineRecorder } from '../../base/timeline-recorder';
import { CallAudioTap } from './audio/call-audio-tap';
import { AudioTimeline } from './audio-timeline';
import { ALERT_CONTENT_TYPE, formatLeadAlert, type LeadAlert } from './lead-alert';
import { EMPTY_FACTS, newAutoTicks, type StepTicks, type WorkOrderFacts } from './script-progress';
import { EMPTY_TICKET, type WorkOrderReading } from './work-order-reading';

export type AudioState = 'off' | 'starting' | 'on' | 'unavailable';
/** `error` is the phone's own words, kept for the timeline; the screen says it in ours. */
export type LeadAlertState = { state: 'idle' | 'sending' | 'sent' | 'failed' | 'no-target'; error?: string };
export type RecoveryState = 'none' | 'offered' | 'accepted' | 'declined';

/** What one call's guidance shows: its prompts, script progress and audio state. */
export interface GuidanceCallState {
  callId: string;
  live: boolean;
  prompts: GuidancePrompt[];
  flags: CallFlag[];
  ticks: StepTicks;
  /** Fills the phrases' placeholders: summary, city, work number, department, deadline. */
  values: TemplateValues;
  leadAlert: LeadAlertState;
  recovery: RecoveryState;
  audio: AudioState;
  talk: TalkStats | null;
  /**
   * The emergency prompt the agent has not yet said what was done about
   * (reported / not an emergency). It stays after the engine closes the card
   * (the call ended), because an emergency is never just dismissed.
   */
  emergency: GuidancePrompt | null;
  /** An emergency prompt fired in this call (the work order's urgency follows it), with what triggered it. */
  emergencyFired: { promptId: string; matchedTerms: string[] } | null;
  /** The prompt that came on screen last (and when, epoch ms): the shell brings the guidance pane into view for it. */
  newestPrompt: { id: string; kind: string; at: number } | null;
  /** How many times the agent's own voice rose above their baseline (the analyser's raised voice, agent side). */
  agentRaisedVoice: number;
  /** The kinds of card the agent used a phrase of (copied a line) or acknowledged, in order (the practice caller reads it). */
  phrasesUsed: readonly PromptKind[];
}

/** A call's guidance before anything happened in it. */
export function callStateFor<Id extends string | null>(callId: Id): Omit<GuidanceCallState, 'callId'> & { callId: Id } {
  return { callId, live: false, prompts: [], flags: [], ticks: {}, values: {}, leadAlert: { state: 'idle' }, recovery: 'none', audio: 'off', talk: null, emergency: null, emergencyFired: null, newestPrompt: null, agentRaisedVoice: 0, phrasesUsed: [] };
}

/** What a guidance session needs from the rest of the desk (wired by the app). */
export interface GuidanceEnvironment {
  /** `cityEn`: the city as English text names it (main spells it in pinyin unless the agent did). */
  agent(): { name: string; workNumber: string; city: string; cityEn?: string };
  teamLeadUri(): string;
  /** Puts the agent on the recovery break; true when the agent is now on it. */
  requestRecoveryBreak(): boolean;
  sendSipMessage(target: string, body: string, contentType: string): Promise<void>;
  /** The desk records calls: the greeting says so (本次通话可能会被录音). */
  recordingNotice?(): boolean;
  /** Posts the emergency to the centre (every lead of the team gets it); false when it could not, and SIP MESSAGE is the fallback. */
  raiseEmergency?(alert: LeadAlert): Promise<boolean>;
}


function promptShownPayload(prompt: GuidancePrompt, cause: string) {
  return {
    id: prompt.id,
    kind: prompt.kind,
    priority: prompt.priority,
    severity: prompt.severity,
    title: prompt.title.en,
    cause,
    ...(prompt.step ? { step: prompt.step } : {}),
    ...(prompt.topic ? { topic: prompt.topic } : {}),
    ...(prompt.matchedTerms && prompt.matchedTerms.length > 0 ? { matchedTerms: prompt.matchedTerms } : {}),
    ...(prompt.fourPart ? { restate: prompt.fourPart.restate['zh-CN'] } : {}),
  };
}

/**
 * Live guidance for one call: its own rule engine, fed with the call's phase
 * and time, its work order, its audio analysis and the agent's hotkeys;
 * prompts and script progress in its own state, and everything that happened
 * on the call's timeline. Several sessions can be alive at once (a live call
 * and a practice call, a lead's monitor leg); none shares anything with another.
 */
export class GuidanceSession {
  private engine: GuidanceEngine | null = null;
  private answeredAt: number | null = null;
  private ended = false;
  private readonly untickedByAgent = new Set<ScriptStepId>();
  private tap: CallAudioTap | null = null;
  private tapStarting = false;
  private ticket: TicketSnapshot = EMPTY_TICKET;
  private facts: WorkOrderFacts = EMPTY_FACTS;
  private reading: WorkOrderReading | null = null;
  private shownIds = new Set<string>();
  private lastRevision = -1;
  private readonly listeners = new Set<() => void>();
  /** Prompt id → performance.now() of the signal that raised it, until painted. */
  private readonly pendingPaint = new Map<string, { t0: number; key: string; cause: string }>();
  private current: GuidanceCallState;
  private readonly audioTimeline: AudioTimeline;

  constructor(
    readonly callId: string,
    private readonly number: string,
    private readonly timeline: TimelineRecorder,
    private readonly env: GuidanceEnvironment,
    pack: ScriptPack | null,
  ) {
    this.current = callStateFor(callId);
    this.audioTimeline = new AudioTimeline(timeline);
    if (pack) this.engine = new GuidanceEngine({ pack });
    this.updateValues();
    this.apply({ type: 'call-phase', phase: 'ringing' }, 'ringing');
  }

  get state(): GuidanceCallState {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- The call ---------------------------------------------------------------------

  answered(at: number, media: CallMedia<MediaStream>): void {
    if (this.answeredAt !== null || this.ended) return;
    this.answeredAt = at;
    this.set({ live: true });
    this.apply({ type: 'call-phase', phase: 'talking' }, 'answer');
    void this.startAudio(media);
    this.updateTicks();
  }

  /** Hold: the engine reminds the agent when the caller has waited too long. */
  held(): void {
    if (this.answeredAt !== null && !this.ended) this.apply({ type: 'call-phase', phase: 'held' }, 'hold');
  }

  resumed(): void {
    if (this.answeredAt !== null && !this.ended) this.apply({ type: 'call-phase', phase: 'talking' }, 'resume');
  }

  end(): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.ended = true;
    const tap = this.tap;
    this.tap = null;
    const finish = tap ? tap.stop() : Promise.resolve();
    return finish.finally(() => {
      if (this.answeredAt !== null) this.audioTimeline.end(this.answeredAt);
      this.apply({ type: 'call-phase', phase: 'ended' }, 'hangup');
      this.updateTicks();
      this.set({ live: false, audio: 'off' });
      void this.timeline.flush();
    });
  }

  /** The caller has called before: the engine may say so. */
  repeatCaller(previousCalls: number, lastSummary: string): void {
    if (previousCalls > 0 && !this.ended) this.apply({ type: 'repeat-caller', previousCalls, lastSummary }, 'history');
  }

  /** Once a second while the call is up. */
  tick(): void {
    if (this.ended || this.answeredAt === null) return;
    this.apply({ type: 'tick' }, 'time');
    this.updateTicks();
  }

  /** A new pack: a new engine takes the new words; the call in progress carries on from its phase. */
  usePack(pack: ScriptPack): void {
    this.engine = new GuidanceEngine({ pack });
    this.lastRevision = -1;
    if (!this.ended && this.answeredAt !== null) {
      this.shownIds = new Set();
      this.engine.handle({ type: 'call-phase', phase: 'talking' }, this.answeredAt);
      if (this.audioTimeline.callerSpoke) this.engine.handle({ type: 'audio', event: { type: 'speech-start', side: 'caller', atMs: 0, startMs: 0 } }, this.answeredAt);
      this.apply({ type: 'ticket', ticket: this.ticket }, 'pack-reload');
    } else if (!this.ended) {
      this.engine.handle({ type: 'call-phase', phase: 'ringing' }, Date.now());
      this.set({ prompts: [], flags: [] });
    }
  }

  // ---- The work order ---------------------------------------------------------------

  workOrder(reading: WorkOrderReading): void {
    this.reading = reading;
    const changed = (Object.keys(reading.ticket) as (keyof TicketSnapshot)[]).some((key) => reading.ticket[key] !== this.ticket[key]);
    this.ticket = reading.ticket;
    this.facts = reading.facts;
    this.updateValues();
    if (this.ended) return;
    if (changed) this.apply({ type: 'ticket', ticket: reading.ticket }, 'work-order');
    this.updateTicks();
  }

  /** The agent's name, work number or city changed (settings). */
  updateValues(): void {
    const agent = this.env.agent();
    this.set({
      values: {
        summary: this.ticket.summary.trim().replace(/[。.!！?？]+$/u, ''),
        department: this.ticket.department,
        city: agent.city,
        cityEn: agent.cityEn,
        workNumber: agent.workNumber,
        deadline: this.facts.dueDate,
        recordingNotice: this.env.recordingNotice?.() ? 'on' : 'off',
      },
    });
  }

  // ---- The agent ----------------------------------------------------------------------

  hotkey(key: AgentHotkey): void {
    if (this.ended || this.answeredAt === null) return;
    this.timeline.record({ kind: 'hotkey', subject: key, startMs: 0, payload: {} });
    this.apply({ type: 'hotkey', key }, `hotkey:${key}`);
  }

  acknowledge(prompt: GuidancePrompt): void {
    this.set({ phrasesUsed: [...this.current.phrasesUsed, prompt.kind] });
    this.apply({ type: 'acknowledge', promptId: prompt.id }, 'acknowledge');
  }

  dismiss(prompt: GuidancePrompt): void {
    this.apply({ type: 'dismiss', promptId: prompt.id }, 'dismiss');
  }

  advance(prompt: GuidancePrompt): void {
    this.timeline.record({ kind: 'prompt-used', subject: prompt.key, startMs: 0, payload: { id: prompt.id, action: 'next-step', step: prompt.step?.index ?? 0 } });
    this.apply({ type: 'advance', promptId: prompt.id }, 'advance');
  }

  /**
   * The agent says what was done about the emergency: reported to the team
   * lead, or not an emergency after all. Recorded on the call's timeline; the
   * card closes (acknowledged / dismissed) only with that answer.
   */
  resolveEmergency(outcome: EmergencyOutcome): void {
    const prompt = this.current.emergency;
    if (!prompt) return;
    this.timeline.record({
      kind: 'emergency-outcome',
      subject: prompt.key,
      startMs: 0,
      payload: { id: prompt.id, outcome, leadAlerted: this.current.leadAlert.state === 'sent' },
    });
    this.set({ emergency: null });
    this.apply({ type: outcome === 'reported' ? 'acknowledge' : 'dismiss', promptId: prompt.id }, 'emergency-outcome');
    void this.timeline.flush();
  }

  /** The agent used a line of a card (copied it to say or paste). */
  lineUsed(prompt: GuidancePrompt, line: number): void {
    this.timeline.record({ kind: 'prompt-used', subject: prompt.key, startMs: 0, payload: { id: prompt.id, line } });
    this.set({ phrasesUsed: [...this.current.phrasesUsed, prompt.kind] });
  }

  toggleStep(step: ScriptStepId): void {
    const ticks = { ...this.current.ticks };
    if (ticks[step]) {
      delete ticks[step];
      this.untickedByAgent.add(step);
      this.timeline.record({ kind: 'step-unticked', subject: step, startMs: 0, payload: { by: 'agent' } });
    } else {
      ticks[step] = { by: 'agent', atMs: this.timeline.offsetNow() };
      this.untickedByAgent.delete(step);
      this.timeline.record({ kind: 'step-ticked', subject: step, startMs: 0, payload: { by: 'agent' } });
    }
    this.set({ ticks });
  }

  answerRecovery(accept: boolean): void {
    if (this.current.recovery !== 'offered') return;
    const applied = accept ? this.env.requestRecoveryBreak() : false;
    this.set({ recovery: accept ? 'accepted' : 'declined' });
    this.timeline.record({
      kind: accept ? 'recovery-accepted' : 'recovery-declined',
      subject: 'abusive',
      startMs: 0,
      payload: applied ? { agentStateApplied: true, breakReason: RECOVERY_BREAK_REASON } : { agentStateApplied: false },
    });
    const prompt = this.current.prompts.find((p) => p.kind === 'recovery-break');
    if (prompt) this.apply({ type: accept ? 'acknowledge' : 'dismiss', promptId: prompt.id }, 'recovery');
    void this.timeline.flush();
  }

  async alertTeamLead(): Promise<void> {
    const target = this.env.teamLeadUri();
    if (!target && !this.env.raiseEmergency) {
      this.set({ leadAlert: { state: 'no-target' } });
      return;
    }
    const emergency = this.current.prompts.find((prompt) => prompt.kind === 'emergency');
    const agent = this.env.agent();
    const reading = this.reading;
    const alert: LeadAlert = {
      kind: 'emergency',
      callId: this.callId,
      callerNumber: this.number,
      elapsedMs: this.answeredAt === null ? 0 : Date.now() - this.answeredAt,
      agent: { name: agent.name, workNumber: agent.workNumber },
      workOrder: {
        summary: reading?.ticket.summary ?? '',
        description: reading?.facts.description ?? '',
        address: reading?.address ?? '',
        category: reading?.ticket.category ?? '',
      },
      matchedTerms: emergency?.matchedTerms ?? [],
      sentAt: Date.now(),
    };
    this.set({ leadAlert: { state: 'sending' } });
    if (this.env.raiseEmergency && (await this.env.raiseEmergency(alert).catch(() => false))) {
      this.set({ leadAlert: { state: 'sent' } });
      this.timeline.record({ kind: 'lead-alert', subject: 'emergency', startMs: 0, payload: { target: 'centre', ok: true, elapsedMs: alert.elapsedMs } });
      if (emergency) this.timeline.record({ kind: 'prompt-used', subject: emergency.key, startMs: 0, payload: { id: emergency.id, action: 'notify-lead' } });
      void this.timeline.flush();
      return;
    }
    if (!target) {
      this.set({ leadAlert: { state: 'no-target' } });
      return;
    }
    try {
      await this.env.sendSipMessage(target, formatLeadAlert(alert), ALERT_CONTENT_TYPE);
      this.set({ leadAlert: { state: 'sent' } });
      this.timeline.record({ kind: 'lead-alert', subject: 'emergency', startMs: 0, payload: { target, ok: true, elapsedMs: alert.elapsedMs } });
      if (emergency) this.timeline.record({ kind: 'prompt-used', subject: emergency.key, startMs: 0, payload: { id: emergency.id, action: 'notify-lead' } });
    } catch (error) {
      this.set({ leadAlert: { state: 'failed', error: (error as Error).message } });
      this.timeline.record({ kind: 'lead-alert', subject: 'emergency', startMs: 0, payload: { target, ok: false, error: (error as Error).message } });
    }
    void this.timeline.flush();
  }

  /** The team-lead address was set: a "no target" notice goes. */
  leadAddressChanged(): void {
    if (this.current.leadAlert.state === 'no-target') this.set({ leadAlert: { state: 'idle' } });
  }

  /** Called by a prompt card once it is on screen (after the browser painted it). */
  promptPainted(id: string): void {
    const pending = this.pendingPaint.get(id);
    if (!pending) return;
    this.pendingPaint.delete(id);
    try {
      performance.measure('guidance:signal-to-paint', { start: pending.t0, end: performance.now(), detail: { key: pending.key, cause: pending.cause } });
    } catch {
      // A t0 from before a navigation: nothing to measure.
    }
  }

  dispose(): void {
    void this.end();
    this.listeners.clear();
  }

  // ---- Internals -------------------------------------------------------------------------

  private set(change: Partial<GuidanceCallState>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener();
  }

  /** Feeds one signal, records what changed. `t0`: when the signal really happened (performance.now()). */
  private apply(signal: GuidanceSignal, cause: string, t0 = performance.now()): void {
    if (this.engine) this.publish(this.engine.handle(signal, Date.now()), cause, t0);
  }

  private publish(view: GuidanceView, cause: string, t0: number): void {
    for (const closed of view.closed) {
      this.timeline.record({ kind: `prompt-${closed.reason}`, subject: closed.key, startMs: 0, payload: { id: closed.id } });
      this.shownIds.delete(closed.id);
      this.pendingPaint.delete(closed.id);
    }
    for (const prompt of view.visible) {
      if (this.shownIds.has(prompt.id)) continue;
      this.shownIds.add(prompt.id);
      this.pendingPaint.set(prompt.id, { t0, key: prompt.key, cause });
      this.timeline.record({ kind: 'prompt-shown', subject: prompt.key, startMs: 0, payload: promptShownPayload(prompt, cause) });
      this.set({ newestPrompt: { id: prompt.id, kind: prompt.kind, at: Date.now() } });
      if (prompt.kind === 'emergency') {
        this.set({ emergency: prompt, emergencyFired: { promptId: prompt.id, matchedTerms: prompt.matchedTerms ?? [] } });
      }
      if (prompt.kind === 'recovery-break' && this.current.recovery === 'none') {
        this.set({ recovery: 'offered' });
        this.timeline.record({ kind: 'recovery-offered', subject: 'abusive', startMs: 0, payload: { id: prompt.id } });
      }
    }
    if (view.revision !== this.lastRevision) {
      this.lastRevision = view.revision;
      // The open emergency follows the engine's copy of it (its step moves on); it goes only with the agent's answer.
      const open = this.current.emergency;
      const emergency = open ? (view.visible.find((prompt) => prompt.id === open.id) ?? open) : null;
      this.set({ prompts: view.visible, flags: view.flags, emergency });
    }
  }

  private updateTicks(): void {
    if (this.answeredAt === null) return;
    const ticks = this.current.ticks;
    const added = newAutoTicks(ticks, this.untickedByAgent, {
      ended: this.ended,
      agentSpoke: this.audioTimeline.agentSpoke,
      callerSpoke: this.audioTimeline.callerSpoke,
      elapsedMs: Date.now() - this.answeredAt,
      facts: this.facts,
    });
    if (added.length === 0) return;
    const atMs = this.timeline.offsetNow();
    const next = { ...ticks };
    for (const [step, reason] of added) {
      next[step] = { by: 'auto', reason, atMs };
      this.timeline.record({ kind: 'step-ticked', subject: step, startMs: 0, payload: { by: 'auto', reason } });
    }
    this.set({ ticks: next });
  }

  // ---- Audio: the streams come with the answer --------------------------------------------

  private async startAudio(media: CallMedia<MediaStream>): Promise<void> {
    if (this.tap || this.tapStarting) return;
    if (!media.remote) {
      this.set({ audio: 'unavailable' });
      return;
    }
    this.tapStarting = true;
    this.set({ audio: 'starting' });
    try {
      const tap = await CallAudioTap.start(
        { remote: media.remote, local: media.local, codec: media.codec },
        {
          onEvents: (events, info) => this.onAudio(events, info),
          onStats: (stats) => {
            if (!this.ended) this.set({ talk: stats });
          },
        },
      );
      if (this.ended) {
        void tap.stop();
        return;
      }
      this.tap = tap;
      this.set({ audio: 'on' });
    } catch (error) {
      console.warn('Live guidance: the audio analysis could not start', error);
      this.set({ audio: 'unavailable' });
    } finally {
      this.tapStarting = false;
    }
  }

  private onAudio(events: AudioEvent[], info: { timeMs: number; decidedAt: number }): void {
    if (this.answeredAt === null) return;
    this.audioTimeline.record(events, info, this.answeredAt);
    const raised = events.filter((event) => event.type === 'raised-voice-start' && event.side === 'agent').length;
    if (raised > 0) this.set({ agentRaisedVoice: this.current.agentRaisedVoice + raised });
    for (const event of events) {
      if (!this.ended) this.apply({ type: 'audio', event }, `audio:${event.type}`, info.decidedAt);
    }
    this.updateTicks();
  }
}
