import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';

/**
 * Listen, whisper, barge, take over (监听 / 耳语 / 强插 / 接管), issue 12: the
 * wire contract between a desk and the centre's monitor routes, and the grant
 * a lead's desk carries to the agent's desk in the monitor INVITE.
 */
export const MONITOR_MODES = ['listen', 'whisper', 'barge', 'takeover'] as const;
export const MonitorModeSchema = lazySchema(() => z.enum(MONITOR_MODES));
export type MonitorMode = z.infer<typeof MonitorModeSchema>;

/** A grant is good for this long after it is issued: enough to dial the agent, not to keep. */
export const MONITOR_GRANT_TTL_S = 30;
/** The JWT's audience and issuer: a token of another kind (or another service) never passes as a grant. */
export const MONITOR_GRANT_AUDIENCE = 'hotline-desk/monitor';
export const MONITOR_GRANT_ISSUER = 'hotline-centre';
export const MONITOR_GRANT_ALG = 'ES256';
/** The SIP header of the monitor INVITE (and of the INFO that changes mode) that carries the grant. */
export const MONITOR_GRANT_HEADER = 'X-Hotline-Monitor-Grant';
/** The SIP header naming the mode the lead asks for (a grant for another mode is refused). */
export const MONITOR_MODE_HEADER = 'X-Hotline-Monitor-Mode';
/** The body type of a SIP INFO that changes mode within the monitor dialog. */
export const MONITOR_INFO_CONTENT_TYPE = 'application/x-hotline-monitor-grant';

export const MONITOR_KEY_PATH = '/v1/monitor/key';
export const MONITOR_GRANTS_PATH = '/v1/monitor/grants';
export const MONITOR_REDEEM_PATH = '/v1/monitor/redeem';
export const MONITOR_END_PATH = '/v1/monitor/end';
export const MONITOR_LOG_PATH = '/v1/monitor/log';
export const MONITOR_SETTINGS_PATH = '/v1/monitor/settings';

const CallIdSchema = lazySchema(() => z.string().trim().min(1).max(200));

/** `POST /v1/monitor/grants`: a lead asks for one mode on one agent's current call. */
export const GrantRequestSchema = lazySchema(() => z
  .object({
    agentPersonId: z.string().min(1).max(64),
    /** The agent's call as its desk knows it (the SIP Call-ID). */
    callId: CallIdSchema,
    mode: MonitorModeSchema,
  })
  .strict());
export type GrantRequest = z.infer<typeof GrantRequestSchema>;

export const GrantReplySchema = lazySchema(() => z.object({
  grant: z.string().min(1),
  jti: z.string(),
  mode: MonitorModeSchema,
  expiresAt: z.number().int(),
  /** Where the lead's desk sends the monitor INVITE: the agent's SIP address. */
  agentSipUri: z.string().nullable(),
}));
export type GrantReply = z.infer<typeof GrantReplySchema>;

/** The signed claims (JWT payload) beside iss/aud/iat/exp/jti. */
export const GrantClaimsSchema = lazySchema(() => z.object({
  /** The lead (person id). */
  sub: z.string(),
  agent: z.string(),
  team: z.string(),
  call: CallIdSchema,
  mode: MonitorModeSchema,
  jti: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
  /** The lead's name and work number, for what the agent may be shown. */
  leadName: z.string().max(64),
  leadWorkNumber: z.string().max(32),
}));
export type GrantClaims = z.infer<typeof GrantClaimsSchema>;

/** `POST /v1/monitor/redeem`: the agent's desk redeems the grant it was handed (single use). */
export const RedeemRequestSchema = lazySchema(() => z
  .object({
    grant: z.string().min(1).max(4_096),
    /** The call the monitor INVITE arrived for, as the agent's desk knows it. */
    callId: CallIdSchema,
    /** What mode the INVITE (or INFO) asked for: a grant for another mode is refused. */
    mode: MonitorModeSchema,
    /** A mode change within a monitor session already under way (logged as such). */
    change: z.boolean().default(false),
  })
  .strict());
export type RedeemRequest = z.input<typeof RedeemRequestSchema>;

export const REFUSAL_REASONS = ['bad-signature', 'expired', 'replayed', 'wrong-mode', 'wrong-agent', 'wrong-call', 'other-team', 'malformed'] as const;
export const RefusalReasonSchema = lazySchema(() => z.enum(REFUSAL_REASONS));
export type RefusalReason = z.infer<typeof RefusalReasonSchema>;

export const RedeemReplySchema = lazySchema(() => z.object({
  mode: MonitorModeSchema,
  jti: z.string(),
  lead: z.object({ personId: z.string(), name: z.string(), workNumber: z.string() }),
  /** Whether the agent is shown that a lead listens (the centre's setting); whisper and barge are always shown. */
  showToAgent: z.boolean(),
}));
export type RedeemReply = z.infer<typeof RedeemReplySchema>;

/** `POST /v1/monitor/end`: either desk says the monitor session ended. */
export const EndRequestSchema = lazySchema(() => z.object({ jti: z.string().min(1).max(100), callId: CallIdSchema }).strict());

/** `GET/PUT /v1/monitor/settings`. */
export const MonitorSettingsSchema = lazySchema(() => z.object({ showListenToAgent: z.boolean() }).strict());
export type MonitorSettings = z.infer<typeof MonitorSettingsSchema>;

export const MONITOR_LOG_KINDS = ['granted', 'started', 'mode-changed', 'refused', 'ended', 'taken-over'] as const;
export const MonitorLogEntrySchema = lazySchema(() => z.object({
  id: z.string(),
  at: z.number().int(),
  kind: z.enum(MONITOR_LOG_KINDS),
  teamId: z.string(),
  leadPersonId: z.string().nullable(),
  agentPersonId: z.string(),
  callId: z.string(),
  mode: MonitorModeSchema.nullable(),
  jti: z.string().nullable(),
  reason: RefusalReasonSchema.nullable(),
}));
export type MonitorLogEntry = z.infer<typeof MonitorLogEntrySchema>;

/** Whether the agent sees a mode on screen: whisper, barge and take-over always; listen by the centre's setting. */
export function shownToAgent(mode: MonitorMode, showListenToAgent: boolean): boolean {
  return mode !== 'listen' || showListenToAgent;
}
