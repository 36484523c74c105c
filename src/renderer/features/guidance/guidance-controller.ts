import { RECOVERY_BREAK_REASON } from '../../../shared/domain/agent-state';
import type { AudioEvent, Side } from '../../../shared/guidance/audio/types';
import { GuidanceEngine } from '../../../shared/guidance/rules/engine';
import type { AgentHotkey, GuidancePrompt, GuidanceSignal, GuidanceView, TicketSnapshot } from '../../../shared/guidance/rules/types';
import type { ScriptPack } from '../../../shared/guidance/scripts/schema';
import { SCRIPT_STEP_IDS, type ScriptStepId } from '../../../shared/guidance/scripts/steps';
import type { GuidanceSettings, PackState } from '../../../shared/ipc/contract-guidance';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import { CallAudioTap } from './audio/call-audio-tap';
import {
  afterPaint,
  agentIdentity,
  callStreams,
  onSipMessage,
  readCurrentWorkOrder,
  requestRecoveryBreak,
  sendSipMessage,
  watchAgentIdentity,
  watchCall,
  watchWorkOrder,
  type CallView,
  type WorkOrderReading,
} from './feature-adapters';
import { useGuidanceStore } from './guidance-store';
import { ALERT_CONTENT_TYPE, formatLeadAlert, parseLeadAlert, type LeadAlert } from './lead-alert';
import { EMPTY_FACTS, newAutoTicks, type WorkOrderFacts } from './script-progress';
import { TimelineWriter, type TimelineRecord } from './timeline-writer';

/**
 * Live guidance, outside React: the rule engine for this seat, fed with the
 * call's phase and time, the work order's fields, the audio analysis and the
 * agent's hotkeys; prompts and script progress go to the guidance store, and
 * everything that happened to the call's timeline in SQLite (batched).
 */

const store = useGuidanceStore;
const setState = store.setState;

/** A caller silent this long after answer is worth a span in the timeline. */
const CALLER_SILENCE_MIN_MS = 2000;

interface CallContext {
  id: string;
  number: string;
  startedAt: number;
  answeredAt: number | null;
  ended: boolean;
  /** Records made before answer, kept until the offsets are known. */
  preAnswer: { wall: number; entry: TimelineRecord }[];
  agentSpoke: boolean;
  callerSpoke: boolean;
  untickedByAgent: Set<ScriptStepId>;
  /** Offset (ms from answer) of the audio analysis' time 0; the smallest estimate seen. */
  audioZero: number | null;
  raisedStarts: Partial<Record<Side, { aboveBaselineDb: number; baselineDb: number }>>;
  tap: CallAudioTap | null;
  tapStarting: boolean;
}

let engine: GuidanceEngine | null = null;
let call: CallContext | null = null;
let ticket: TicketSnapshot = { category: '', summary: '', notes: '', department: '' };
let facts: WorkOrderFacts = EMPTY_FACTS;
let workOrder: WorkOrderReading | null = null;
let shownIds = new Set<string>();
let lastRevision = -1;
/** Prompt id → performance.now() of the signal that raised it, until painted. */
const pendingPaint = new Map<string, { t0: number; key: string; cause: string }>();
let writer: TimelineWriter | null = null;

function timelineWriter(): TimelineWriter {
  writer ??= new TimelineWriter(async (callId, entries) => {
    await unwrap(bridge().guidance.appendTimeline({ callId, entries }));
  });
  return writer;
}

// ---- Timeline --------------------------------------------------------------------

function record(entry: TimelineRecord, wall = Date.now()): void {
  const current = call;
  if (!current) return;
  if (current.answeredAt === null && !current.ended) {
    current.preAnswer.push({ wall, entry });
    return;
  }
  const zero = current.answeredAt ?? current.startedAt;
  timelineWriter().record(current.id, { ...entry, startMs: entry.startMs + (wall - zero) });
}

/** A record at an offset already known (audio spans): startMs/endMs are offsets from answer. */
function recordAtOffset(entry: TimelineRecord): void {
  if (!call) return;
  timelineWriter().record(call.id, entry);
}

function offsetNow(): number {
  if (!call) return 0;
  return Date.now() - (call.answeredAt ?? call.startedAt);
}

function promptPayload(prompt: GuidancePrompt): Record<string, unknown> {
  return {
    id: prompt.id,
    kind: prompt.kind,
    priority: prompt.priority,
    severity: prompt.severity,
    title: prompt.title.en,
    ...(prompt.step ? { step: prompt.step } : {}),
    ...(prompt.topic ? { topic: prompt.topic } : {}),
    ...(prompt.matchedTerms && prompt.matchedTerms.length > 0 ? { matchedTerms: prompt.matchedTerms } : {}),
    ...(prompt.fourPart ? { restate: prompt.fourPart.restate['zh-CN'] } : {}),
  };
}

// ---- The engine --------------------------------------------------------------------

/** Null only before main has sent the pack; a call already under way is replayed into the engine then (applyPack). */
function theEngine(): GuidanceEngine | null {
  const pack = store.getState().pack;
  if (pack) engine ??= new GuidanceEngine({ pack });
  return engine;
}

/** Feeds one signal, records what changed, updates the store. `t0`: when the signal really happened (performance.now()). */
function apply(signal: GuidanceSignal, cause: string, t0 = performance.now()): void {
  const current = theEngine();
  if (current) publish(current.handle(signal, Date.now()), cause, t0);
}

function publish(view: GuidanceView, cause: string, t0: number): void {
  for (const closed of view.closed) {
    const kind = `prompt-${closed.reason}` as const;
    record({ kind, subject: closed.key, startMs: 0, payload: { id: closed.id } });
    shownIds.delete(closed.id);
    pendingPaint.delete(closed.id);
  }
  for (const prompt of view.visible) {
    if (shownIds.has(prompt.id)) continue;
    shownIds.add(prompt.id);
    pendingPaint.set(prompt.id, { t0, key: prompt.key, cause });
    record({ kind: 'prompt-shown', subject: prompt.key, startMs: 0, payload: { ...promptPayload(prompt), cause } });
    if (prompt.kind === 'recovery-break' && store.getState().recovery === 'none') {
      setState({ recovery: 'offered' });
      record({ kind: 'recovery-offered', subject: 'abusive', startMs: 0, payload: { id: prompt.id } });
    }
  }
  if (view.revision !== lastRevision) {
    lastRevision = view.revision;
    setState({ prompts: view.visible, flags: view.flags });
  }
}

/** Called by a prompt card once it is on screen (after the browser painted it). */
export function promptPainted(id: string): void {
  const pending = pendingPaint.get(id);
  if (!pending) return;
  pendingPaint.delete(id);
  try {
    performance.measure('guidance:signal-to-paint', { start: pending.t0, end: performance.now(), detail: { key: pending.key, cause: pending.cause } });
  } catch {
    // A t0 from before a navigation: nothing to measure.
  }
}

// ---- Script progress ------------------------------------------------------------------

function updateTicks(): void {
  const current = call;
  if (!current || current.answeredAt === null) return;
  const { ticks } = store.getState();
  const added = newAutoTicks(ticks, current.untickedByAgent, {
    ended: current.ended,
    agentSpoke: current.agentSpoke,
    callerSpoke: current.callerSpoke,
    elapsedMs: (current.ended ? Date.now() : Date.now()) - current.answeredAt,
    facts,
  });
  if (added.length === 0) return;
  const atMs = offsetNow();
  const next = { ...ticks };
  for (const [step, reason] of added) {
    next[step] = { by: 'auto', reason, atMs };
    record({ kind: 'step-ticked', subject: step, startMs: 0, payload: { by: 'auto', reason } });
  }
  setState({ ticks: next });
}

export function toggleStep(step: ScriptStepId): void {
  const current = call;
  if (!current) return;
  const { ticks } = store.getState();
  const next = { ...ticks };
  if (ticks[step]) {
    delete next[step];
    current.untickedByAgent.add(step);
    record({ kind: 'step-unticked', subject: step, startMs: 0, payload: { by: 'agent' } });
  } else {
    next[step] = { by: 'agent', atMs: offsetNow() };
    current.untickedByAgent.delete(step);
    record({ kind: 'step-ticked', subject: step, startMs: 0, payload: { by: 'agent' } });
  }
  setState({ ticks: next });
}

// ---- The call --------------------------------------------------------------------------

function onCall(view: CallView | null, previous: CallView | null): void {
  if (!view) return;
  if (!call || call.id !== view.id) {
    if (call && !call.ended) endCall();
    beginCall(view);
  }
  const current = call!;
  if (view.phase === 'active' && current.answeredAt === null && view.answeredAt !== null) {
    current.answeredAt = view.answeredAt;
    for (const item of current.preAnswer) {
      timelineWriter().record(current.id, { ...item.entry, startMs: item.entry.startMs + (item.wall - view.answeredAt) });
    }
    current.preAnswer = [];
    setState({ live: true });
    apply({ type: 'call-phase', phase: 'talking' }, 'answer');
    void startAudio();
    updateTicks();
  }
  // Hold: the engine reminds the agent when the caller has waited too long.
  const held = view.phase === 'active' && view.hold === 'held';
  const wasHeld = previous?.id === view.id && previous.phase === 'active' && previous.hold === 'held';
  if (current.answeredAt !== null && !current.ended && held !== wasHeld) apply({ type: 'call-phase', phase: held ? 'held' : 'talking' }, held ? 'hold' : 'resume');
  if (view.phase === 'ended' && !current.ended) endCall();
}

function beginCall(view: CallView): void {
  call = {
    id: view.id,
    number: view.number,
    startedAt: view.startedAt,
    answeredAt: null,
    ended: false,
    preAnswer: [],
    agentSpoke: false,
    callerSpoke: false,
    untickedByAgent: new Set(),
    audioZero: null,
    raisedStarts: {},
    tap: null,
    tapStarting: false,
  };
  shownIds = new Set();
  pendingPaint.clear();
  setState({ callId: view.id, live: false, ticks: {}, recovery: 'none', leadAlert: { state: 'idle' }, talk: null, audio: 'off' });
  apply({ type: 'call-phase', phase: 'ringing' }, 'ringing');
  // The work order of the previous call may still be open: only this call's counts.
  applyWorkOrder(readCurrentWorkOrder());
  const callId = view.id;
  const number = view.number;
  // Asked once the ringing panel is on screen: the IPC is not on the path to that frame.
  afterPaint(() => {
    if (call?.id !== callId) return;
    void unwrap(bridge().guidance.callerHistory({ callId, number }))
      .then((history) => {
        if (call?.id !== callId || history.previousCalls < 1) return;
        apply({ type: 'repeat-caller', previousCalls: history.previousCalls, lastSummary: history.lastSummary }, 'history');
      })
      .catch(() => undefined);
  });
}

function endCall(): void {
  const current = call;
  if (!current || current.ended) return;
  current.ended = true;
  const tap = current.tap;
  current.tap = null;
  const finish = tap ? tap.stop() : Promise.resolve();
  void finish.finally(() => {
    if (current.answeredAt !== null && !current.callerSpoke) {
      const end = Date.now() - current.answeredAt;
      recordAtOffset({ kind: 'signal', subject: 'silence', startMs: 0, endMs: end, payload: { side: 'caller', reason: 'no-caller-voice' } });
    }
    apply({ type: 'call-phase', phase: 'ended' }, 'hangup');
    updateTicks();
    setState({ live: false, audio: 'off' });
    void timelineWriter().flush();
  });
}

// ---- Audio ------------------------------------------------------------------------------

/** The phone reports the answer before it brings the call to the foreground: look for its streams a few times. */
const STREAM_LOOKUPS = 20;
const STREAM_LOOKUP_EVERY_MS = 100;

async function startAudio(): Promise<void> {
  const current = call;
  if (!current || current.tap || current.tapStarting) return;
  current.tapStarting = true;
  setState({ audio: 'starting' });
  let streams = callStreams();
  for (let attempt = 1; !streams.remote && attempt < STREAM_LOOKUPS && call === current && !current.ended; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, STREAM_LOOKUP_EVERY_MS));
    streams = callStreams();
  }
  if (!streams.remote || call !== current || current.ended) {
    console.warn('Live guidance: no audio to analyse', { remote: Boolean(streams.remote), local: Boolean(streams.local), same: call === current, ended: current.ended });
    current.tapStarting = false;
    if (call === current) setState({ audio: 'unavailable' });
    return;
  }
  try {
    const tap = await CallAudioTap.start(
      { remote: streams.remote, local: streams.local },
      {
        onEvents: (events, info) => onAudio(current, events, info),
        onStats: (stats) => {
          if (call === current) setState({ talk: stats });
        },
      },
    );
    if (call !== current || current.ended) {
      void tap.stop();
      return;
    }
    current.tap = tap;
    setState({ audio: 'on' });
  } catch (error) {
    console.warn('Live guidance: the audio analysis could not start', error);
    if (call === current) setState({ audio: 'unavailable' });
  } finally {
    current.tapStarting = false;
  }
}

function onAudio(current: CallContext, events: AudioEvent[], info: { timeMs: number; decidedAt: number }): void {
  if (call !== current || current.answeredAt === null) return;
  const wallAtDecision = Date.now() - (performance.now() - info.decidedAt);
  const zero = wallAtDecision - current.answeredAt - info.timeMs;
  current.audioZero = current.audioZero === null ? zero : Math.min(current.audioZero, zero);
  const at = (ms: number) => Math.round((current.audioZero ?? 0) + ms);
  for (const event of events) {
    switch (event.type) {
      case 'speech-start':
        if (event.side === 'agent') current.agentSpoke = true;
        if (event.side === 'caller' && !current.callerSpoke) {
          current.callerSpoke = true;
          const start = at(event.startMs);
          if (start >= CALLER_SILENCE_MIN_MS) {
            recordAtOffset({ kind: 'signal', subject: 'silence', startMs: 0, endMs: start, payload: { side: 'caller', reason: 'no-caller-voice' } });
          }
        }
        break;
      case 'speech-end':
        recordAtOffset({
          kind: 'signal',
          subject: 'speech',
          startMs: at(event.startMs),
          endMs: at(event.endMs),
          payload: event.levelDb === undefined ? { side: event.side } : { side: event.side, levelDb: event.levelDb },
        });
        break;
      case 'raised-voice-start':
        current.raisedStarts[event.side] = { aboveBaselineDb: round1(event.aboveBaselineDb), baselineDb: round1(event.baselineDb) };
        break;
      case 'raised-voice-end':
        recordAtOffset({
          kind: 'signal',
          subject: 'raised-voice',
          startMs: at(event.startMs),
          endMs: Math.max(at(event.startMs), at(event.endMs)),
          payload: { side: event.side, ...current.raisedStarts[event.side] },
        });
        delete current.raisedStarts[event.side];
        break;
      case 'overlap-end':
        recordAtOffset({ kind: 'signal', subject: 'overlap', startMs: at(event.startMs), endMs: Math.max(at(event.startMs), at(event.endMs)), payload: {} });
        break;
      case 'dead-air-end':
        recordAtOffset({ kind: 'signal', subject: 'silence', startMs: at(event.startMs), endMs: Math.max(at(event.startMs), at(event.endMs)), payload: { side: 'both' } });
        break;
      case 'monologue-end':
        recordAtOffset({ kind: 'signal', subject: 'monologue', startMs: at(event.startMs), endMs: Math.max(at(event.startMs), at(event.endMs)), payload: { side: event.side } });
        break;
      case 'interruption':
        recordAtOffset({ kind: 'signal', subject: 'interruption', startMs: at(event.startMs), endMs: null, payload: { by: event.by } });
        break;
      default:
        break;
    }
    if (!current.ended) apply({ type: 'audio', event }, `audio:${event.type}`, info.decidedAt);
  }
  updateTicks();
}

const round1 = (value: number) => Math.round(value * 10) / 10;

// ---- The work order ------------------------------------------------------------------------

function applyWorkOrder(reading: WorkOrderReading): void {
  workOrder = reading;
  const forThisCall = call !== null && reading.callId === call.id;
  const nextTicket = forThisCall ? reading.ticket : { category: '', summary: '', notes: '', department: '' };
  facts = forThisCall ? reading.facts : EMPTY_FACTS;
  const changed = (Object.keys(nextTicket) as (keyof TicketSnapshot)[]).filter((key) => nextTicket[key] !== ticket[key]);
  ticket = nextTicket;
  updateValues();
  if (!call || call.ended) return;
  if (changed.length > 0) apply({ type: 'ticket', ticket: nextTicket }, 'work-order');
  updateTicks();
}

function updateValues(): void {
  const agent = agentIdentity();
  setState({
    values: {
      summary: ticket.summary.trim().replace(/[。.!！?？]+$/u, ''),
      department: ticket.department,
      city: agent.city,
      workNumber: agent.workNumber,
      deadline: facts.dueDate,
    },
  });
}

// ---- The agent ---------------------------------------------------------------------------------

export function hotkey(key: AgentHotkey): void {
  if (!call || call.ended || call.answeredAt === null) return;
  record({ kind: 'hotkey', subject: key, startMs: 0, payload: {} });
  apply({ type: 'hotkey', key }, `hotkey:${key}`);
}

export function acknowledge(prompt: GuidancePrompt): void {
  apply({ type: 'acknowledge', promptId: prompt.id }, 'acknowledge');
}

export function dismiss(prompt: GuidancePrompt): void {
  apply({ type: 'dismiss', promptId: prompt.id }, 'dismiss');
}

export function advance(prompt: GuidancePrompt): void {
  record({ kind: 'prompt-used', subject: prompt.key, startMs: 0, payload: { id: prompt.id, action: 'next-step', step: prompt.step?.index ?? 0 } });
  apply({ type: 'advance', promptId: prompt.id }, 'advance');
}

/** The agent used a line of a card (copied it to say or paste). */
export function promptLineUsed(prompt: GuidancePrompt, line: number, text: string): void {
  record({ kind: 'prompt-used', subject: prompt.key, startMs: 0, payload: { id: prompt.id, line } });
  void copyText(`prompt:${prompt.id}:${line}`, text);
}

export async function copyText(id: string, text: string): Promise<void> {
  setState({ copied: id });
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (a test browser): the phrase is still shown to read aloud.
  }
}

export function openLibrary(open: boolean): void {
  setState({ libraryOpen: open });
}

export function answerRecovery(accept: boolean): void {
  const state = store.getState();
  if (state.recovery !== 'offered') return;
  const applied = accept ? requestRecoveryBreak() : false;
  setState({ recovery: accept ? 'accepted' : 'declined' });
  record({ kind: accept ? 'recovery-accepted' : 'recovery-declined', subject: 'abusive', startMs: 0, payload: applied ? { agentStateApplied: true, breakReason: RECOVERY_BREAK_REASON } : { agentStateApplied: false } });
  const prompt = state.prompts.find((p) => p.kind === 'recovery-break');
  if (prompt) apply({ type: accept ? 'acknowledge' : 'dismiss', promptId: prompt.id }, 'recovery');
  void timelineWriter().flush();
}

export async function alertTeamLead(): Promise<void> {
  const current = call;
  if (!current) return;
  const target = store.getState().settings.teamLeadUri;
  if (!target) {
    setState({ leadAlert: { state: 'no-target' } });
    return;
  }
  const emergency = store.getState().prompts.find((prompt) => prompt.kind === 'emergency');
  const agent = agentIdentity();
  const reading = workOrder && workOrder.callId === current.id ? workOrder : null;
  const alert: LeadAlert = {
    kind: 'emergency',
    callId: current.id,
    callerNumber: current.number,
    elapsedMs: current.answeredAt === null ? 0 : Date.now() - current.answeredAt,
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
  setState({ leadAlert: { state: 'sending' } });
  try {
    await sendSipMessage(target, formatLeadAlert(alert), ALERT_CONTENT_TYPE);
    setState({ leadAlert: { state: 'sent' } });
    record({ kind: 'lead-alert', subject: 'emergency', startMs: 0, payload: { target, ok: true, elapsedMs: alert.elapsedMs } });
    if (emergency) record({ kind: 'prompt-used', subject: emergency.key, startMs: 0, payload: { id: emergency.id, action: 'notify-lead' } });
  } catch (error) {
    setState({ leadAlert: { state: 'failed', error: (error as Error).message } });
    record({ kind: 'lead-alert', subject: 'emergency', startMs: 0, payload: { target, ok: false, error: (error as Error).message } });
  }
  void timelineWriter().flush();
}

export function dismissReceivedAlert(sentAt: number, callId: string): void {
  setState((state) => ({ receivedAlerts: state.receivedAlerts.filter((alert) => !(alert.sentAt === sentAt && alert.callId === callId)) }));
}

export async function saveSettings(settings: GuidanceSettings): Promise<void> {
  const saved = await unwrap(bridge().guidance.saveSettings(settings));
  setState({ settings: saved, leadAlert: store.getState().leadAlert.state === 'no-target' ? { state: 'idle' } : store.getState().leadAlert });
}

// ---- Keyboard ------------------------------------------------------------------------------------

const HOTKEYS: Record<string, AgentHotkey> = { '1': 'caller-angry', '2': 'abusive', '3': 'emergency', '4': 'silent', '5': 'repeating' };

function isEditable(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  return element.isContentEditable || element.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

function onKeyDown(event: KeyboardEvent): void {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
    event.preventDefault();
    openLibrary(!store.getState().libraryOpen);
    return;
  }
  if (event.key === '/' && !event.ctrlKey && !event.altKey && !event.metaKey && !isEditable(event.target)) {
    event.preventDefault();
    openLibrary(true);
    return;
  }
  if (event.key === 'Escape' && store.getState().libraryOpen) {
    openLibrary(false);
    return;
  }
  // Alt+1..5 (by physical key, so a keyboard layout that types other characters with Alt still works).
  const digit = /^Digit([1-5])$/.exec(event.code)?.[1];
  if (event.altKey && !event.ctrlKey && !event.metaKey && digit) {
    const key = HOTKEYS[digit];
    if (key) {
      event.preventDefault();
      hotkey(key);
    }
  }
}

// ---- Start-up ---------------------------------------------------------------------------------------

function applyPack(state: PackState): void {
  const pack: ScriptPack = state.pack;
  setState({ pack, packSource: state.source, packFile: state.file, packProblems: state.problems });
  // A new engine takes the new words; the call in progress carries on from its phase.
  engine = new GuidanceEngine({ pack });
  lastRevision = -1;
  const current = call;
  if (current && !current.ended && current.answeredAt !== null) {
    shownIds = new Set();
    engine.handle({ type: 'call-phase', phase: 'talking' }, current.answeredAt);
    if (current.callerSpoke) engine.handle({ type: 'audio', event: { type: 'speech-start', side: 'caller', atMs: 0, startMs: 0 } }, current.answeredAt);
    apply({ type: 'ticket', ticket }, 'pack-reload');
  } else {
    setState({ prompts: [], flags: [] });
  }
}

function onMessage(message: { from: string; body: string; contentType: string }): void {
  const alert = parseLeadAlert(message.body);
  if (!alert) return;
  setState((state) => ({ receivedAlerts: [...state.receivedAlerts, { ...alert, from: message.from, receivedAt: Date.now() }].slice(-5) }));
}

let started = false;

/** Boots live guidance once; returns the stop function. */
export function startGuidance(): () => void {
  if (started) return () => undefined;
  started = true;
  const offs: (() => void)[] = [];
  void unwrap(bridge().guidance.pack({}))
    .then(applyPack)
    .catch(async (error: unknown) => {
      console.warn('Live guidance: using the built-in script pack', error);
      // Loaded (and validated) only on this path: main normally sends the pack, so the renderer
      // carries neither a second copy of it nor the pack schema.
      const { DEFAULT_PACK } = await import('../../../shared/guidance/scripts/default-pack');
      if (!store.getState().pack) applyPack({ pack: DEFAULT_PACK, source: 'default', file: '', folder: '', problems: [], loadedAt: Date.now() });
    });
  void unwrap(bridge().guidance.settings({}))
    .then((settings) => setState({ settings }))
    .catch(() => undefined);
  offs.push(bridge().on('guidance:packChanged', applyPack));
  offs.push(watchWorkOrder(applyWorkOrder));
  offs.push(watchCall(onCall));
  offs.push(watchAgentIdentity(updateValues));
  offs.push(onSipMessage(onMessage));
  window.addEventListener('keydown', onKeyDown);
  offs.push(() => window.removeEventListener('keydown', onKeyDown));
  const timer = setInterval(() => {
    if (!call || call.ended || call.answeredAt === null) return;
    apply({ type: 'tick' }, 'time');
    updateTicks();
  }, 1000);
  offs.push(() => clearInterval(timer));
  return () => {
    for (const off of offs) off();
    started = false;
  };
}

/** Saves what the timeline still holds (window closing). */
export function flushGuidance(): Promise<void> {
  return writer ? writer.flush() : Promise.resolve();
}

export const STEP_IDS = SCRIPT_STEP_IDS;
