/**
 * Every threshold the rule engine uses, in one place. Times are milliseconds of
 * the clock passed to `handle` (the engine never reads the wall clock).
 */
export interface RulesConfig {
  /** At most this many prompts on screen; a higher priority pushes a lower one out. */
  maxVisible: number;
  /** A "caller is angry" hotkey keeps the de-escalation card relevant this long. */
  angryHotkeyHoldMs: number;
  deEscalationTtlMs: number;
  deEscalationCooldownMs: number;
  /** Remind the agent after the caller has been on hold this long... */
  holdRemindAfterMs: number;
  /** ...and again this often while the hold lasts. */
  holdRemindEveryMs: number;
  /** Guided closing when the call is this long (since answer) ... */
  wontHangUpAfterMs: number;
  /** ... and the grievance has been repeated this often ("repeating" hotkey; an out-of-scope matter counts once). */
  wontHangUpRepeats: number;
  /** Talking-over nudge after this many agent interruptions within the window. */
  talkOverCount: number;
  talkOverWindowMs: number;
  talkOverCooldownMs: number;
  monologueCooldownMs: number;
  deadAirCooldownMs: number;
  /** Coaching nudges close by themselves after this long. */
  nudgeTtlMs: number;
}

export const DEFAULT_RULES_CONFIG: Readonly<RulesConfig> = Object.freeze({
  maxVisible: 2,
  angryHotkeyHoldMs: 120_000,
  deEscalationTtlMs: 120_000,
  deEscalationCooldownMs: 60_000,
  holdRemindAfterMs: 45_000,
  holdRemindEveryMs: 30_000,
  wontHangUpAfterMs: 12 * 60_000,
  wontHangUpRepeats: 2,
  talkOverCount: 2,
  talkOverWindowMs: 60_000,
  talkOverCooldownMs: 45_000,
  monologueCooldownMs: 60_000,
  deadAirCooldownMs: 30_000,
  nudgeTtlMs: 8_000,
});

export function resolveRulesConfig(overrides: Partial<RulesConfig> = {}): RulesConfig {
  const config = { ...DEFAULT_RULES_CONFIG, ...overrides };
  if (!Number.isInteger(config.maxVisible) || config.maxVisible < 1) throw new RangeError('maxVisible must be an integer ≥ 1');
  return config;
}

/** Priorities, highest first. Emergency is also exclusive. */
export const PRIORITY = {
  emergency: 100,
  abusive: 90,
  'silent-call': 80,
  'de-escalation': 70,
  'wont-hang-up': 60,
  'out-of-scope': 55,
  'hold-too-long': 50,
  'repeat-caller': 40,
  'talking-over': 30,
  monologue: 25,
  'dead-air': 20,
  'recovery-break': 10,
} as const;
