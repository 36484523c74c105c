import { create } from 'zustand';
import {
  acceptsCalls,
  changeOf,
  DEFAULT_AGENT_DESK_SETTINGS,
  initialAgentState,
  reduceAgentState,
  type AgentDeskSettings,
  type AgentEvent,
  type AgentState,
  type AgentStateCause,
  type ShortcutAction,
} from '../../../shared/domain/agent-state';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, IpcCallError, unwrap } from '../../ipc/ipc-call-error';

/** How often the wrap-up countdown is checked (and the time-in-state display refreshed). */
export const TICK_MS = 1_000;

interface AgentStateStore {
  state: AgentState;
  settings: AgentDeskSettings;
  shortcutConflicts: ShortcutAction[];
  loaded: boolean;
  saving: boolean;
  /** i18n keys by field path ('' for the form as a whole). */
  saveErrors: Record<string, string>;

  /** Loads the desk settings and enters the configured start state. */
  load(): Promise<AgentDeskSettings>;
  send(event: AgentEvent, cause?: AgentStateCause): void;
  saveSettings(settings: AgentDeskSettings): Promise<boolean>;
}

/** Injected for tests; the real one is Date.now. */
let clock: () => number = () => Date.now();
export function setAgentClock(now: () => number): void {
  clock = now;
}

/** Log writes one after another, in order; a failed write is logged, never shown mid-call. */
let logQueue: Promise<void> = Promise.resolve();
function logChange(previous: AgentState, next: AgentState, cause: AgentStateCause): void {
  const change = changeOf(previous, next, cause);
  if (!change) return;
  logQueue = logQueue
    .then(() => unwrap(bridge().agentState.record(change)))
    .then(
      () => undefined,
      (error: unknown) => console.warn('Could not log the agent state change', error),
    );
}
export const agentLogSettled = (): Promise<void> => logQueue;

let ticker: ReturnType<typeof setInterval> | null = null;

export const useAgentStateStore = create<AgentStateStore>()((set, get) => ({
  // Ready until the settings say otherwise, so a desk whose settings fail to load still takes calls.
  state: initialAgentState('ready', clock()),
  settings: DEFAULT_AGENT_DESK_SETTINGS,
  shortcutConflicts: [],
  loaded: false,
  saving: false,
  saveErrors: {},

  load: async () => {
    let settings = DEFAULT_AGENT_DESK_SETTINGS;
    try {
      const view = await unwrap(bridge().agentDesk.getSettings({}));
      settings = view.settings;
      set({ shortcutConflicts: view.shortcutConflicts });
    } catch (error) {
      console.warn('Could not load the desk settings; using defaults', error);
    }
    const previous = get().state;
    const state = initialAgentState(settings.startStatus, clock());
    set({ settings, state, loaded: true });
    // The start of a session is always logged, even in the same status as before.
    logChange({ ...previous, status: 'offline', breakReason: null }, state, 'startup');
    if (ticker) clearInterval(ticker);
    ticker = setInterval(() => get().send({ type: 'tick' }, 'after-call-expired'), TICK_MS);
    return settings;
  },

  send: (event, cause = 'agent') => {
    const { state, settings } = get();
    const next = reduceAgentState(state, event, clock(), {
      afterCallSeconds: settings.afterCallSeconds,
      extendSeconds: settings.extendSeconds,
    });
    if (next === state) return;
    set({ state: next });
    logChange(state, next, cause);
  },

  saveSettings: async (settings) => {
    set({ saving: true, saveErrors: {} });
    try {
      const view = await unwrap(bridge().agentDesk.saveSettings(settings));
      set({ settings: view.settings, shortcutConflicts: view.shortcutConflicts, saving: false });
      return true;
    } catch (error) {
      const saveErrors: Record<string, string> =
        error instanceof IpcCallError && error.issues.length > 0
          ? Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]))
          : { '': errorKeyOf(error) };
      set({ saving: false, saveErrors });
      return false;
    }
  },
}));

/** For the phone: may an incoming call ring? (Installed as the phone's incomingCallPolicy.) */
export function incomingCallPolicy(): 'ring' | 'busy' {
  const { state, settings } = useAgentStateStore.getState();
  // With feature codes the PBX already holds queue calls back; a call that still
  // comes (a direct call to the extension) is for the agent to see.
  if (settings.busySignal === 'feature-codes') return 'ring';
  return acceptsCalls(state) ? 'ring' : 'busy';
}
