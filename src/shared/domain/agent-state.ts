import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';

/**
 * Agent states as Chinese contact centres run them, and the desk settings that
 * shape them. The state machine is pure: the clock is a parameter, so tests
 * (and the renderer's one-second ticker) decide what "now" is.
 *
 *   ready       示闲      takes calls
 *   not-ready   示忙      at the desk, no calls
 *   break       小休      away, with a reason (meal, training, ...)
 *   after-call  话后整理  wrap-up after a call; back to ready by itself
 *   offline     下线      signed out of the phone
 */
export const AGENT_STATUSES = ['ready', 'not-ready', 'break', 'after-call', 'offline'] as const;
export const AgentStatusSchema = lazySchema(() => z.enum(AGENT_STATUSES));
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

/** Why a state was entered: the agent chose it, or a rule did. */
export const AGENT_STATE_CAUSES = ['agent', 'startup', 'call-ended', 'after-call-expired', 'shortcut'] as const;
export const AgentStateCauseSchema = lazySchema(() => z.enum(AGENT_STATE_CAUSES));
export type AgentStateCause = z.infer<typeof AgentStateCauseSchema>;

export interface AgentState {
  status: AgentStatus;
  /** When this state was entered (epoch ms). */
  since: number;
  /** Only for 'break'. */
  breakReason: string | null;
  /** Only for 'after-call': when the agent returns to ready by itself. */
  afterCallEndsAt: number | null;
}

export type AgentEvent =
  | { type: 'ready' }
  | { type: 'not-ready' }
  | { type: 'break'; reason: string }
  | { type: 'offline' }
  /** A call ended; only an answered call needs wrap-up time. */
  | { type: 'call-ended'; answered: boolean }
  | { type: 'extend-after-call' }
  | { type: 'tick' };

export interface AgentStateRules {
  /** 0 turns after-call work off: the agent stays ready. */
  afterCallSeconds: number;
  extendSeconds: number;
}

/** However often the agent extends, wrap-up never runs longer than this from now. */
export const MAX_AFTER_CALL_SECONDS = 600;

export const initialAgentState = (status: AgentStatus, now: number): AgentState => ({
  status,
  since: now,
  breakReason: null,
  afterCallEndsAt: null,
});

const enter = (status: AgentStatus, now: number, breakReason: string | null = null): AgentState => ({
  status,
  since: now,
  breakReason,
  afterCallEndsAt: null,
});

/**
 * The next state. Returns the same object when nothing changes, so callers can
 * compare by identity and log only real transitions.
 */
export function reduceAgentState(state: AgentState, event: AgentEvent, now: number, rules: AgentStateRules): AgentState {
  switch (event.type) {
    case 'ready':
      // Also "finish wrap-up now".
      return state.status === 'ready' ? state : enter('ready', now);
    case 'not-ready':
      return state.status === 'not-ready' ? state : enter('not-ready', now);
    case 'offline':
      return state.status === 'offline' ? state : enter('offline', now);
    case 'break': {
      const reason = event.reason.trim();
      if (!reason) return state;
      return state.status === 'break' && state.breakReason === reason ? state : enter('break', now, reason);
    }
    case 'call-ended': {
      // Wrap-up follows a call the agent took while ready (or already wrapping up
      // the previous one). An agent who chose not-ready/break keeps that choice.
      if (!event.answered || rules.afterCallSeconds <= 0) return state;
      if (state.status !== 'ready' && state.status !== 'after-call') return state;
      return { status: 'after-call', since: now, breakReason: null, afterCallEndsAt: now + rules.afterCallSeconds * 1000 };
    }
    case 'extend-after-call': {
      if (state.status !== 'after-call' || state.afterCallEndsAt === null) return state;
      const limit = now + MAX_AFTER_CALL_SECONDS * 1000;
      const endsAt = Math.min(limit, Math.max(state.afterCallEndsAt, now) + rules.extendSeconds * 1000);
      return endsAt === state.afterCallEndsAt ? state : { ...state, afterCallEndsAt: endsAt };
    }
    case 'tick':
      if (state.status !== 'after-call' || state.afterCallEndsAt === null || now < state.afterCallEndsAt) return state;
      // Entered when the countdown ran out, not when a late tick noticed it.
      return enter('ready', state.afterCallEndsAt);
  }
}

/** Incoming calls are offered only to a ready agent. */
export const acceptsCalls = (state: AgentState): boolean => state.status === 'ready';

export const timeInStateMs = (state: AgentState, now: number): number => Math.max(0, now - state.since);

/** Whole seconds left of wrap-up (rounded up, so the display never shows 0 while waiting). */
export function afterCallSecondsLeft(state: AgentState, now: number): number | null {
  if (state.status !== 'after-call' || state.afterCallEndsAt === null) return null;
  return Math.max(0, Math.ceil((state.afterCallEndsAt - now) / 1000));
}

// --- The state log ------------------------------------------------------------

const EpochMs = lazySchema(() => z.number().int().nonnegative());
export const BreakReasonSchema = lazySchema(() => z.string().trim().min(1, { error: 'errors.required' }).max(16, { error: 'errors.tooLong' }));

export const AgentStateChangeSchema = lazySchema(() => z.object({
  status: AgentStatusSchema,
  reason: BreakReasonSchema.nullable(),
  cause: AgentStateCauseSchema,
  at: EpochMs,
}));
export type AgentStateChange = z.infer<typeof AgentStateChangeSchema>;

export const AgentStateLogEntrySchema = lazySchema(() => AgentStateChangeSchema.extend({ id: z.number().int().positive() }));
export type AgentStateLogEntry = z.infer<typeof AgentStateLogEntrySchema>;

/** The log entry for a transition, or null if `next` is the same state. */
export function changeOf(previous: AgentState, next: AgentState, cause: AgentStateCause): AgentStateChange | null {
  // Same status and reason: nothing to log (an extended wrap-up, a repeated click).
  if (previous.status === next.status && previous.breakReason === next.breakReason) return null;
  return { status: next.status, reason: next.breakReason, cause, at: next.since };
}

// --- Desk settings ------------------------------------------------------------

/** `ready` is 示闲: Done in after-call work, back from a break or 示忙. */
export const SHORTCUT_ACTIONS = ['answer', 'hangup', 'mute', 'hold', 'ready'] as const;
export const ShortcutActionSchema = lazySchema(() => z.enum(SHORTCUT_ACTIONS));
export type ShortcutAction = z.infer<typeof ShortcutActionSchema>;

const MODIFIER = '(?:CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)';
const KEY = '(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Enter|Return|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Escape|Esc|Tab|Plus|num[0-9])';
// At least one modifier: a global shortcut on a bare key would steal it from every other app.
const ACCELERATOR = new RegExp(`^(?:${MODIFIER}\\+)+${KEY}$`);

/** An Electron accelerator with at least one modifier (e.g. CommandOrControl+Alt+A), or '' for none. */
export const isValidAccelerator = (text: string): boolean => text === '' || ACCELERATOR.test(text);

export const AcceleratorSchema = lazySchema(() => z.string().trim().max(64, { error: 'errors.tooLong' }).refine(isValidAccelerator, { error: 'errors.accelerator' }));

export const DEFAULT_SHORTCUTS: Record<ShortcutAction, string> = {
  answer: 'CommandOrControl+Alt+A',
  hangup: 'CommandOrControl+Alt+H',
  mute: 'CommandOrControl+Alt+M',
  hold: 'CommandOrControl+Alt+P',
  ready: 'CommandOrControl+Alt+R',
};

export const ShortcutMapSchema = lazySchema(() => z.object({
  answer: AcceleratorSchema,
  hangup: AcceleratorSchema,
  mute: AcceleratorSchema,
  hold: AcceleratorSchema,
  // Added after the first four: a map saved before it keeps its keys and gets this one's default.
  ready: AcceleratorSchema.default(DEFAULT_SHORTCUTS.ready),
}));
export type ShortcutMap = z.infer<typeof ShortcutMapSchema>;

/** Dialled as sip:<code>@<our domain>; a full SIP URI is used as it is. */
const FEATURE_CODE = /^(?:[0-9*#]{1,16}|sips?:[^\s@<>"]+@[^\s@<>";]+)$/;
export const FeatureCodeSchema = lazySchema(() => z.string().trim().max(128, { error: 'errors.tooLong' }).regex(FEATURE_CODE, { error: 'errors.featureCode' }));

/** How the PBX learns that the agent is not taking calls. */
export const BusySignalSchema = lazySchema(() => z.enum(['reject-486', 'feature-codes']));
export type BusySignal = z.infer<typeof BusySignalSchema>;

/** '' is the system default device. */
const DeviceIdSchema = lazySchema(() => z.string().max(256));
export const AudioDevicesSchema = lazySchema(() => z.object({
  microphoneId: DeviceIdSchema,
  speakerId: DeviceIdSchema,
  ringerId: DeviceIdSchema,
}));
export type AudioDevices = z.infer<typeof AudioDevicesSchema>;
export const DEFAULT_AUDIO_DEVICES: AudioDevices = { microphoneId: '', speakerId: '', ringerId: '' };

/**
 * The short break live guidance offers after an abusive call (情绪恢复, "recovery"). One of the
 * defaults, so it shows in the break menu and the state log like any other reason.
 */
export const RECOVERY_BREAK_REASON = '情绪恢复';

export const DEFAULT_BREAK_REASONS = ['用餐', '休息', '培训', '会议', RECOVERY_BREAK_REASON];

/**
 * The default break reasons by a key each desk's language names (an English desk shows "Meal"); what is
 * stored, logged and sent to the floor stays the value above, so a centre's reports count one reason once.
 */
const DEFAULT_BREAK_REASON_KEYS = { 用餐: 'meal', 休息: 'rest', 培训: 'training', 会议: 'meeting', [RECOVERY_BREAK_REASON]: 'recovery' } as const;
export type DefaultBreakReasonKey = (typeof DEFAULT_BREAK_REASON_KEYS)[keyof typeof DEFAULT_BREAK_REASON_KEYS];
/** Every default break reason's key, in the defaults' order. */
export const DEFAULT_BREAK_REASON_KEY_LIST: readonly DefaultBreakReasonKey[] = Object.values(DEFAULT_BREAK_REASON_KEYS);

/** The key of a default break reason, or null for a centre's own. */
export function defaultBreakReasonKey(reason: string): DefaultBreakReasonKey | null {
  return Object.hasOwn(DEFAULT_BREAK_REASON_KEYS, reason) ? DEFAULT_BREAK_REASON_KEYS[reason as keyof typeof DEFAULT_BREAK_REASON_KEYS] : null;
}

/** A stored break reason as a desk shows it: a default one by the desk's `names` for its key, a centre's own as written. */
export function breakReasonLabel(reason: string, names: (key: DefaultBreakReasonKey) => string): string {
  const key = defaultBreakReasonKey(reason);
  return key ? names(key) : reason;
}

/** The stored value of a default break reason's key. */
export function defaultBreakReasonOf(key: DefaultBreakReasonKey): string {
  return Object.entries(DEFAULT_BREAK_REASON_KEYS).find(([, k]) => k === key)![0];
}

export const AgentDeskSettingsSchema = lazySchema(() => z.object({
  /** The state the desk starts in. */
  startStatus: z.enum(['ready', 'not-ready']),
  afterCallSeconds: z.number().int().min(0).max(MAX_AFTER_CALL_SECONDS),
  extendSeconds: z.number().int().min(10).max(MAX_AFTER_CALL_SECONDS),
  breakReasons: z.array(BreakReasonSchema).min(1).max(12),
  busySignal: BusySignalSchema,
  pauseCode: FeatureCodeSchema,
  unpauseCode: FeatureCodeSchema,
  /** An OS notification for a call that rings while the window is not focused. */
  notifyIncoming: z.boolean(),
  shortcuts: ShortcutMapSchema,
  devices: AudioDevicesSchema,
}));
export type AgentDeskSettings = z.infer<typeof AgentDeskSettingsSchema>;

export const DEFAULT_AGENT_DESK_SETTINGS: AgentDeskSettings = {
  startStatus: 'ready',
  afterCallSeconds: 30,
  extendSeconds: 30,
  breakReasons: DEFAULT_BREAK_REASONS,
  busySignal: 'reject-486',
  pauseCode: '*72',
  unpauseCode: '*73',
  notifyIncoming: true,
  shortcuts: DEFAULT_SHORTCUTS,
  devices: DEFAULT_AUDIO_DEVICES,
};

/** Stored settings, each field falling back to its default if missing or invalid (older versions). */
export function readAgentDeskSettings(stored: unknown): AgentDeskSettings {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const shape = AgentDeskSettingsSchema.shape;
  const field = <K extends keyof AgentDeskSettings>(key: K): AgentDeskSettings[K] => {
    const parsed = (shape[key] as z.ZodType).safeParse(record[key]);
    return parsed.success ? (parsed.data as AgentDeskSettings[K]) : DEFAULT_AGENT_DESK_SETTINGS[key];
  };
  return {
    startStatus: field('startStatus'),
    afterCallSeconds: field('afterCallSeconds'),
    extendSeconds: field('extendSeconds'),
    breakReasons: field('breakReasons'),
    busySignal: field('busySignal'),
    pauseCode: field('pauseCode'),
    unpauseCode: field('unpauseCode'),
    notifyIncoming: field('notifyIncoming'),
    shortcuts: field('shortcuts'),
    devices: field('devices'),
  };
}

export const AgentDeskViewSchema = lazySchema(() => z.object({
  settings: AgentDeskSettingsSchema,
  /** Shortcuts the OS refused (another app holds the key combination). */
  shortcutConflicts: z.array(ShortcutActionSchema),
}));
export type AgentDeskView = z.infer<typeof AgentDeskViewSchema>;
