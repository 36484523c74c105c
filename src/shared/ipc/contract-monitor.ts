import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { GrantRequestSchema, MonitorModeSchema, RedeemReplySchema } from '../domain/monitor';
import { Done, Empty } from './contract-parts';

/**
 * Listen / whisper / barge / take over (issue 12), between the renderer and
 * main: main holds the centre token and speaks to the centre's monitor routes
 * (domain/monitor.ts); the renderer runs the SIP legs and the audio.
 */
const Refused = lazySchema(() => z.object({
  outcome: z.literal('refused'),
  /** The centre's reason (a RefusalReason), or 'forbidden', 'not-found', 'signed-out', 'unreachable', 'bad-reply'. */
  reason: z.string().max(64),
  status: z.number().int(),
}));

export const MonitorGrantReplySchema = lazySchema(() => z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('granted'),
    grant: z.string(),
    jti: z.string(),
    mode: MonitorModeSchema,
    expiresAt: z.number().int(),
    agentSipUri: z.string().nullable(),
  }),
  Refused,
]));
export type MonitorGrantReply = z.infer<typeof MonitorGrantReplySchema>;

export const MonitorRedeemRequestSchema = lazySchema(() => z
  .object({ grant: z.string().min(1).max(4_096), callId: z.string().min(1).max(200), mode: MonitorModeSchema, change: z.boolean() })
  .strict());
export const MonitorRedeemReplySchema = lazySchema(() => z.discriminatedUnion('outcome', [RedeemReplySchema.extend({ outcome: z.literal('accepted') }), Refused]));
export type MonitorRedeemReply = z.infer<typeof MonitorRedeemReplySchema>;

export const MonitorKeyReplySchema = lazySchema(() => z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), kid: z.string(), alg: z.string(), jwk: z.record(z.string(), z.unknown()) }),
  Refused,
]));
export type MonitorKeyReply = z.infer<typeof MonitorKeyReplySchema>;

export const monitorInvokeContract = {
  /** The lead's desk asks the centre for a grant for one mode on one agent's call. */
  'monitor:grant': { request: GrantRequestSchema, reply: MonitorGrantReplySchema },
  /** The agent's desk redeems a grant that arrived in a monitor INVITE or INFO (single use, checked by the centre). */
  'monitor:redeem': { request: MonitorRedeemRequestSchema, reply: MonitorRedeemReplySchema },
  /** The centre's public key for grants (the renderer caches it). */
  'monitor:publicKey': { request: Empty, reply: MonitorKeyReplySchema },
  /** Either desk tells the centre a monitor session ended (best effort: the log keeps the start either way). */
  'monitor:end': { request: z.object({ jti: z.string().min(1).max(100), callId: z.string().min(1).max(200) }).strict(), reply: Done },
} as const;
