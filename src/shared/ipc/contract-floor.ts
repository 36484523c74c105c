import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import {
  AlertRaiseSchema,
  DraftGlimpseSchema,
  FloorAgentSchema,
  FloorAlertSchema,
  FloorDetailSchema,
  FloorPromptKindSchema,
  FloorViewSchema,
} from '../domain/floor';
import { Done, Empty } from './contract-parts';

/**
 * The live floor (issue 12) between the renderer and main. Main holds the
 * centre connection (the lead's event stream, the desk's reports); the
 * renderer tells main what only it knows (the guidance of the current call,
 * the draft as typed) and shows what main forwards.
 */

/** What the renderer knows of the current call that the floor shows: guidance, hold, the draft. */
export const DeskDetailSchema = lazySchema(() => z
  .object({
    callId: z.string().max(100).nullable(),
    held: z.boolean(),
    conference: z.boolean(),
    scriptStep: z.string().max(80).nullable(),
    prompts: z.array(FloorPromptKindSchema).max(6),
    promptsHandled: z.array(FloorPromptKindSchema).max(6),
    voice: z.enum(['raised', 'overlap']).nullable(),
    recoveryBreak: z.boolean(),
    draft: DraftGlimpseSchema.nullable(),
  })
  .strict());
export type DeskDetail = z.infer<typeof DeskDetailSchema>;

/** The lead's connection to the floor: off (not a lead / signed out), live, or retrying since when. */
export const FloorConnectionSchema = lazySchema(() => z.object({
  state: z.enum(['off', 'connecting', 'live', 'retrying']),
  /** When the current state began (epoch ms, this desk's clock). */
  since: z.number().int(),
}));
export type FloorConnection = z.infer<typeof FloorConnectionSchema>;

export const FloorSnapshotSchema = lazySchema(() => z.object({
  connection: FloorConnectionSchema,
  view: FloorViewSchema.nullable(),
  /** Add to this desk's clock to get the service's (reportedAt is on the service's clock). */
  clockOffsetMs: z.number(),
}));
export type FloorSnapshot = z.infer<typeof FloorSnapshotSchema>;

export const FloorPushSchema = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), snapshot: FloorSnapshotSchema }),
  z.object({ kind: z.literal('state'), agent: FloorAgentSchema }),
  /** Several agents' rows at once (main coalesces a busy floor's rows per 50 ms). */
  z.object({ kind: z.literal('states'), agents: z.array(FloorAgentSchema).max(5_000) }),
  z.object({ kind: z.literal('alert'), alert: FloorAlertSchema }),
  z.object({ kind: z.literal('connection'), connection: FloorConnectionSchema }),
]));
export type FloorPush = z.infer<typeof FloorPushSchema>;

export const EmergencyRaiseReplySchema = lazySchema(() => z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('posted'), alert: FloorAlertSchema }),
  /** Not signed in to a centre, or it could not be reached: the desk falls back to SIP MESSAGE. */
  z.object({ outcome: z.literal('unreachable'), message: z.string() }),
]));
export type EmergencyRaiseReply = z.infer<typeof EmergencyRaiseReplySchema>;

export const floorInvokeContract = {
  /** The floor as main holds it now (the screen opens with it, then follows `floor:push`). */
  'floor:snapshot': { request: Empty, reply: FloorSnapshotSchema },
  /** The renderer's guidance of the current call and the draft as typed, for the floor report. */
  'floor:deskDetail': { request: DeskDetailSchema, reply: Done },
  /** The agent raises an emergency on the current call; the centre pops it on every lead of the team. */
  'floor:raiseEmergency': { request: AlertRaiseSchema, reply: EmergencyRaiseReplySchema },
  /** The agent's desk asks whether a lead took its alert. */
  'floor:alertStatus': { request: z.object({ id: z.uuid() }), reply: z.object({ alert: FloorAlertSchema.nullable() }) },
  /** A lead takes an alert; `first` false: another lead had (alert.acknowledgedBy says who). */
  'floor:ackAlert': { request: z.object({ id: z.uuid() }), reply: z.object({ alert: FloorAlertSchema, first: z.boolean() }) },
  /** What an agent is typing now (the lead's drawer reads it while open). */
  'floor:agentDetail': {
    request: z.object({ personId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) }),
    reply: z.object({ detail: FloorDetailSchema.nullable() }),
  },
} as const;

export const floorEventContract = {
  /** Main → the lead's renderer: the floor changed (a snapshot, an agent's row, an alert, the connection). */
  'floor:push': FloorPushSchema,
} as const;

