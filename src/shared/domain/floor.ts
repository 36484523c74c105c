import { z } from 'zod';
import { AgentStatusSchema } from './agent-state';

/**
 * The live floor (坐席监控): what a desk reports about itself, and what a lead's
 * desk reads. Shared by the centre service and the desk. The caller's number is
 * sent whole by the desk and stored and served masked (138****5678).
 */
export const FLOOR_STATE_PATH = '/v1/floor/state';
export const FLOOR_PATH = '/v1/floor';
export const FLOOR_EVENTS_PATH = '/v1/floor/events';

export const CALL_PHASES = ['idle', 'ringing', 'talking', 'held', 'consulting', 'conference', 'after-call'] as const;
export const CallPhaseSchema = z.enum(CALL_PHASES);
export type CallPhase = z.infer<typeof CallPhaseSchema>;

/** The prompts the desk raises during a call (the guidance feature's kinds). */
export const FLOOR_PROMPT_KINDS = ['emergency', 'abusive', 'raised-voice', 'dead-air', 'out-of-scope', 'will-not-hang-up'] as const;
export const FloorPromptKindSchema = z.enum(FLOOR_PROMPT_KINDS);
export type FloorPromptKind = z.infer<typeof FloorPromptKindSchema>;

/** What runs past its limit: after-call work, a break, the call itself. */
export const OVERRUN_KINDS = ['after-call', 'break', 'call'] as const;
export const OverrunKindSchema = z.enum(OVERRUN_KINDS);
export type OverrunKind = z.infer<typeof OverrunKindSchema>;

const epochMs = z.number().int().nonnegative().max(8_640_000_000_000_000);

/** `POST /v1/floor/state`: the desk's whole current state (not a diff), sent on every change. */
export const FloorStateReportSchema = z
  .object({
    agentState: AgentStatusSchema,
    /** When the agent state was entered (epoch ms). */
    since: epochMs,
    /** Only for 'break'. */
    breakReason: z.string().trim().max(40).nullable().default(null),
    callPhase: CallPhaseSchema,
    /** When the current call started (null when idle). */
    callStartedAt: epochMs.nullable().default(null),
    /**
     * The current call's id as the desk names it (the call ledger's id; null when idle): a lead's
     * monitor grant names this call, and the agent's desk refuses a grant for any other.
     */
    callId: z.string().trim().min(1).max(100).nullable().default(null),
    /** The caller's number as the desk has it; the service keeps only the masked form. */
    callerNumber: z.string().trim().max(40).nullable().default(null),
    /** The current call-script step's id. */
    scriptStep: z.string().trim().max(80).nullable().default(null),
    /** Prompts raised in this call, each kind once. */
    prompts: z.array(FloorPromptKindSchema).max(FLOOR_PROMPT_KINDS.length).default([]),
    overruns: z.array(OverrunKindSchema).max(OVERRUN_KINDS.length).default([]),
    /** Of `prompts`, the ones the agent acknowledged or used (the card's action taken). */
    promptsHandled: z.array(FloorPromptKindSchema).max(FLOOR_PROMPT_KINDS.length).default([]),
    /** The live talk indicator: the caller's voice raised, or both talking over each other. */
    voice: z.enum(['raised', 'overlap']).nullable().default(null),
    /** On the recovery break offered after an abusive call. */
    recoveryBreak: z.boolean().default(false),
    /** The desk re-posts at least this often; a lead shows "connection lost" past `lostAfterMs(keepAliveMs)`. */
    keepAliveMs: z.number().int().min(1_000).max(300_000).default(30_000),
  })
  .strict();
export type FloorStateReport = z.input<typeof FloorStateReportSchema>;
export type FloorState = z.output<typeof FloorStateReportSchema>;

/** One agent on the floor, as a lead reads it. `callerNumber` is masked. */
export const FloorAgentSchema = FloorStateReportSchema.extend({
  personId: z.string(),
  workNumber: z.string(),
  name: z.string(),
  teamId: z.string(),
  /** When the desk last reported (null: never; then the agent shows as offline). */
  reportedAt: epochMs.nullable(),
  /**
   * The agent's SIP address as the centre provisioned it (null: none): a lead's desk watches its
   * dialog-info presence on the PBX, so a call shows even when the agent's app has crashed.
   */
  sipUri: z.string().max(256).nullable().optional(),
});
export type FloorAgent = z.infer<typeof FloorAgentSchema>;

/** Counts at the top of the floor; 'talking' is anyone on a call (ringing, talking, held, consulting, conference). */
export const FLOOR_COUNT_KEYS = ['ready', 'talking', 'after-call', 'break', 'not-ready', 'offline'] as const;
export const FloorCountsSchema = z.object({
  ready: z.number().int(),
  'not-ready': z.number().int(),
  talking: z.number().int(),
  'after-call': z.number().int(),
  break: z.number().int(),
  offline: z.number().int(),
});
export type FloorCounts = z.infer<typeof FloorCountsSchema>;

/** `GET /v1/floor`: the lead's teams, sorted for action; open the event stream from `lastEventId`. */
export const FloorViewSchema = z.object({
  teams: z.array(z.string()),
  counts: FloorCountsSchema,
  agents: z.array(FloorAgentSchema),
  /** The newest floor event when this was read: `Last-Event-ID` for the stream, so nothing is missed in between. */
  lastEventId: z.string(),
  /** The service's clock when this was read (epoch ms): `reportedAt` is on that clock, so a desk corrects its own by the difference. */
  serverTime: epochMs.optional(),
  /** Emergencies of the lead's teams still open or acknowledged lately (and escalated ones for a duty manager). */
  alerts: z.array(z.lazy(() => FloorAlertSchema)).optional(),
  /** The centre's PBX offers dialog-info presence: the lead's desk watches its agents' calls there too (FloorAgent.sipUri). */
  pbxPresence: z.enum(['off', 'dialog-info']).optional(),
});
export type FloorView = z.infer<typeof FloorViewSchema>;

// The desk's silence bound lives in a module without schemas: the renderer's first screen needs it, not these schemas.
export { connectionLostSince, lostAfterMs } from './floor-connection';

/** Why an emergency was raised: by the agent's hand, or by the danger-word prompt. */
export const ALERT_REASONS = ['manual', 'danger-word'] as const;

/** What was typed so far in the draft work order (bounded). */
export const DraftGlimpseSchema = z.object({
  summary: z.string().max(200).default(''),
  description: z.string().max(2_000).default(''),
  address: z.string().max(200).default(''),
  category: z.string().max(80).default(''),
});
export type DraftGlimpse = z.infer<typeof DraftGlimpseSchema>;

export const FLOOR_ALERTS_PATH = '/v1/floor/alerts';
export const FLOOR_DETAIL_PATH = '/v1/floor/detail';
export const FLOOR_ALERT_POLICY_PATH = '/v1/floor/alert-policy';

/** `POST /v1/floor/alerts`: an agent raises an emergency on the call they are in. */
export const AlertRaiseSchema = z
  .object({
    callId: z.string().trim().min(1).max(100),
    callerNumber: z.string().trim().max(40).nullable().default(null),
    reason: z.enum(ALERT_REASONS),
    matchedTerms: z.array(z.string().max(40)).max(20).default([]),
    draft: DraftGlimpseSchema.default({ summary: '', description: '', address: '', category: '' }),
  })
  .strict();
export type AlertRaise = z.input<typeof AlertRaiseSchema>;

const PersonRefSchema = z.object({ personId: z.string(), workNumber: z.string(), name: z.string() });

/** An emergency as the service keeps it; `callerNumber` is masked. */
export const FloorAlertSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  agent: PersonRefSchema,
  callId: z.string(),
  callerNumber: z.string().nullable(),
  reason: z.enum(ALERT_REASONS),
  matchedTerms: z.array(z.string()),
  draft: DraftGlimpseSchema,
  raisedAt: epochMs,
  /** When it goes to the duty managers if nobody acknowledged it. */
  escalateAt: epochMs,
  acknowledgedBy: PersonRefSchema.nullable(),
  acknowledgedAt: epochMs.nullable(),
  escalatedAt: epochMs.nullable(),
});
export type FloorAlert = z.infer<typeof FloorAlertSchema>;

/** `POST /v1/floor/alerts/{id}/ack`: `first` is false when another lead took it first (then `alert.acknowledgedBy` says who). */
export const AlertAckReplySchema = z.object({ alert: FloorAlertSchema, first: z.boolean() });

/** The centre's emergency policy: who gets an alert nobody acknowledged, and after how long. */
export const AlertPolicySchema = z
  .object({
    dutyManagers: z.array(z.string().trim().min(1).max(20)).max(50),
    escalateAfterSeconds: z.number().int().min(1).max(3_600),
  })
  .strict();
export type AlertPolicy = z.infer<typeof AlertPolicySchema>;

/** `POST /v1/floor/detail`: what the agent sees that changes as they type (throttled by the desk); the lead reads it while the agent's drawer is open. */
export const FloorDetailReportSchema = z
  .object({
    callId: z.string().trim().max(100).nullable(),
    draft: DraftGlimpseSchema.nullable(),
  })
  .strict();
export type FloorDetailReport = z.input<typeof FloorDetailReportSchema>;
export const FloorDetailSchema = FloorDetailReportSchema.extend({ personId: z.string(), reportedAt: epochMs });
export type FloorDetail = z.infer<typeof FloorDetailSchema>;

/** The data of an SSE `alert` event: the alert as it is now (raised, acknowledged or escalated). */
export const FloorAlertEventSchema = z.object({ id: z.string(), at: epochMs, alert: FloorAlertSchema });
export type FloorAlertEvent = z.infer<typeof FloorAlertEventSchema>;

/** The data of an SSE `state` event: the agent's new row. */
export const FloorEventSchema = z.object({ id: z.string(), at: epochMs, agent: FloorAgentSchema });
export type FloorEvent = z.infer<typeof FloorEventSchema>;
