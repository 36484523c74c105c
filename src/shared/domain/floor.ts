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
    /** The caller's number as the desk has it; the service keeps only the masked form. */
    callerNumber: z.string().trim().max(40).nullable().default(null),
    /** The current call-script step's id. */
    scriptStep: z.string().trim().max(80).nullable().default(null),
    /** Prompts raised in this call, each kind once. */
    prompts: z.array(FloorPromptKindSchema).max(FLOOR_PROMPT_KINDS.length).default([]),
    overruns: z.array(OverrunKindSchema).max(OVERRUN_KINDS.length).default([]),
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
});
export type FloorView = z.infer<typeof FloorViewSchema>;

/** The data of an SSE `state` event: the agent's new row. */
export const FloorEventSchema = z.object({ id: z.string(), at: epochMs, agent: FloorAgentSchema });
export type FloorEvent = z.infer<typeof FloorEventSchema>;
