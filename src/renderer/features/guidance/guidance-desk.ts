import type { EmergencyOutcome } from '../../../shared/domain/call';
import type { AgentHotkey, GuidancePrompt } from '../../../shared/guidance/rules/types';
import type { ScriptStepId } from '../../../shared/guidance/scripts/steps';
import type { GuidanceSettings, PackState } from '../../../shared/ipc/contract-guidance';
import type { TimelineRecorder } from '../../base/timeline-recorder';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import { GuidanceSession, type GuidanceEnvironment } from './guidance-session';
import { NO_CALL, useGuidanceStore } from './guidance-store';
import { parseLeadAlert } from './lead-alert';
import { rehearseGuidance } from '../../../shared/guidance/rules';

const store = useGuidanceStore;
const setState = store.setState;

export interface GuidanceDeskEnvironment extends GuidanceEnvironment {
  /** Listens for SIP MESSAGEs (emergency alerts from colleagues); returns the unsubscribe. */
  onSipMessage(listener: (message: { from: string; body: string; contentType: string }) => void): () => void;
  /** Calls `listener` when the agent's name, work number or city may have changed. */
  watchAgentIdentity(listener: () => void): () => void;
}

/**
 * The desk's guidance: the script pack and settings every call uses, the
 * keyboard, alerts from colleagues, and the guidance sessions of the calls
 * alive now (one each, created by the call's session). The store shows the
 * session of the call in front.
 */
class GuidanceDesk {
  private readonly sessions = new Set<GuidanceSession>();
  private shown: GuidanceSession | null = null;
  private unsubscribeShown: (() => void) | null = null;
  private env: GuidanceDeskEnvironment | null = null;

  start(env: GuidanceDeskEnvironment): () => void {
    this.env = env;
    const offs: (() => void)[] = [];
    void unwrap(bridge().guidance.pack({}))
      .then((state) => this.applyPack(state))
      .catch(async (error: unknown) => {
        console.warn('Live guidance: using the built-in script pack', error);
        // Loaded (and validated) only on this path: main normally sends the pack, so the renderer
        // carries neither a second copy of it nor the pack schema.
        const { defaultPack } = await import('../../../shared/guidance/scripts/default-pack');
        if (!store.getState().pack) this.applyPack({ pack: defaultPack(), source: 'default', file: '', folder: '', problems: [], loadedAt: Date.now() });
      });
    void unwrap(bridge().guidance.settings({}))
      .then((settings) => setState({ settings }))
      .catch(() => undefined);
    offs.push(bridge().on('guidance:packChanged', (state) => this.applyPack(state)));
    offs.push(env.watchAgentIdentity(() => this.sessions.forEach((session) => session.updateValues())));
    offs.push(env.onSipMessage((message) => this.onMessage(message)));
    const onKeyDown = (event: KeyboardEvent) => this.onKeyDown(event);
    window.addEventListener('keydown', onKeyDown);
    offs.push(() => window.removeEventListener('keydown', onKeyDown));
    const timer = setInterval(() => this.sessions.forEach((session) => session.tick()), 1000);
    offs.push(() => clearInterval(timer));
    return () => {
      for (const off of offs) off();
      this.env = null;
    };
  }

  /** A new call's guidance, with its own engine; it lives until `dispose`. A practice call's never reaches the real floor. */
  createSession(callId: string, number: string, timeline: TimelineRecorder, practice = false): GuidanceSession {
    const env = practice ? practiceEnvironment(this.env ?? NO_ENVIRONMENT) : (this.env ?? NO_ENVIRONMENT);
    const session = new GuidanceSession(callId, number, timeline, env, store.getState().pack);
    this.sessions.add(session);
    return session;
  }

  /** The call's session is over for good (its panel closed): it stops and is forgotten. */
  release(session: GuidanceSession): void {
    this.sessions.delete(session);
    if (this.shown === session) this.show(null);
    session.dispose();
  }

  /** The store shows this session's guidance (the call in front), or none. */
  show(session: GuidanceSession | null): void {
    if (this.shown === session) return;
    this.unsubscribeShown?.();
    this.unsubscribeShown = null;
    this.shown = session;
    if (!session) {
      setState({ ...NO_CALL });
      return;
    }
    const project = () => setState({ ...session.state });
    project();
    this.unsubscribeShown = session.subscribe(project);
  }

  front(): GuidanceSession | null {
    return this.shown;
  }

  private applyPack(state: PackState): void {
    setState({ pack: state.pack, packSource: state.source, packFile: state.file, packProblems: state.problems });
    for (const session of this.sessions) session.usePack(state.pack);
    // Off the ring's path: the first call's engine finds the pack's matchers built and its own code compiled.
    const prepare = () => rehearseGuidance(state.pack);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: 2_000 });
    else setTimeout(prepare, 0);
  }

  private onMessage(message: { from: string; body: string; contentType: string }): void {
    const alert = parseLeadAlert(message.body);
    if (!alert) return;
    setState((state) => ({ receivedAlerts: [...state.receivedAlerts, { ...alert, from: message.from, receivedAt: Date.now() }].slice(-5) }));
  }

  private onKeyDown(event: KeyboardEvent): void {
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
}

const NO_ENVIRONMENT: GuidanceEnvironment = {
  agent: () => ({ name: '', workNumber: '', city: '' }),
  teamLeadUri: () => store.getState().settings.teamLeadUri,
  requestRecoveryBreak: () => false,
  sendSipMessage: () => Promise.reject(new Error('guidance not started')),
};

/**
 * A practice call drills the protocols without touching the real floor: the
 * team-lead alert goes to no one (and shows as sent, so the drill carries on),
 * and the recovery break offered after abuse never changes the agent's real state.
 */
function practiceEnvironment(env: GuidanceEnvironment): GuidanceEnvironment {
  return {
    agent: () => env.agent(),
    teamLeadUri: () => PRACTICE_TEAM_LEAD,
    requestRecoveryBreak: () => false,
    sendSipMessage: () => Promise.resolve(),
  };
}

/** Where a practice call's team-lead alert "goes" (recorded as its target on the call's timeline). */
export const PRACTICE_TEAM_LEAD = 'practice:team-lead';

const HOTKEYS: Record<string, AgentHotkey> = { '1': 'caller-angry', '2': 'abusive', '3': 'emergency', '4': 'silent', '5': 'repeating' };

function isEditable(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  return element.isContentEditable || element.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** The one guidance desk of this window. */
export const guidanceDesk = new GuidanceDesk();

// ---- What the guidance screen does: always to the call in front ---------------------------

const front = () => guidanceDesk.front();

export const hotkey = (key: AgentHotkey): void => front()?.hotkey(key);
export const acknowledge = (prompt: GuidancePrompt): void => front()?.acknowledge(prompt);
export const dismiss = (prompt: GuidancePrompt): void => front()?.dismiss(prompt);
export const advance = (prompt: GuidancePrompt): void => front()?.advance(prompt);
export const toggleStep = (step: ScriptStepId): void => front()?.toggleStep(step);
export const answerRecovery = (accept: boolean): void => front()?.answerRecovery(accept);
export const resolveEmergency = (outcome: EmergencyOutcome): void => front()?.resolveEmergency(outcome);
export const alertTeamLead = (): Promise<void> => front()?.alertTeamLead() ?? Promise.resolve();
export const promptPainted = (id: string): void => front()?.promptPainted(id);

/** The agent used a line of a card (copied it to say or paste). */
export function promptLineUsed(prompt: GuidancePrompt, line: number, text: string): void {
  front()?.lineUsed(prompt, line);
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

export function dismissReceivedAlert(sentAt: number, callId: string): void {
  setState((state) => ({ receivedAlerts: state.receivedAlerts.filter((alert) => !(alert.sentAt === sentAt && alert.callId === callId)) }));
}

export async function saveSettings(settings: GuidanceSettings): Promise<void> {
  const saved = await unwrap(bridge().guidance.saveSettings(settings));
  setState({ settings: saved });
  front()?.leadAddressChanged();
}
