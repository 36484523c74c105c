import { z } from 'zod';
import { lazySchema } from '../../base/lazy-schema';

/**
 * Sign-in to the centre service: the agent gives a work number (工号) and a
 * password; the centre hands the desk what it needs to work (its SIP account and
 * servers, departments, desk policy). The wire contract between the desk (main)
 * and the service, validated on both sides.
 */

/**
 * `editor` publishes the centre's reference data (knowledge base, dispatch catalogue);
 * `inspector` (质检员) reviews and scores their team's calls and keeps the scorecard templates.
 */
export const PERSON_ROLES = ['agent', 'lead', 'trainer', 'admin', 'editor', 'inspector'] as const;
export const PersonRoleSchema = lazySchema(() => z.enum(PERSON_ROLES));
export type PersonRole = z.infer<typeof PersonRoleSchema>;

export const WorkNumberSchema = lazySchema(() => z
  .string()
  .trim()
  .min(1)
  .max(16)
  .regex(/^[0-9A-Za-z-]+$/));

export const SignInRequestSchema = lazySchema(() => z.object({
  workNumber: WorkNumberSchema,
  password: z.string().min(1).max(256),
  /** Which desk asks (shown to IT in the list of sessions); the desk's stable instance id. */
  deskId: z.string().trim().min(1).max(64),
}));
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export const PersonSchema = lazySchema(() => z.object({
  personId: z.string().min(1).max(64),
  workNumber: WorkNumberSchema,
  name: z.string().max(64),
  roles: z.array(PersonRoleSchema).min(1).max(PERSON_ROLES.length),
  /** The team whose work orders the person files; leads may lead more teams. */
  teamId: z.string().min(1).max(64),
  leadsTeams: z.array(z.string().min(1).max(64)).max(64),
}));
export type Person = z.infer<typeof PersonSchema>;

export const ProvisionedSipSchema = lazySchema(() => z.object({
  /** wss:// (or ws:// on loopback) servers, first is primary. */
  servers: z.array(z.string().min(1).max(512)).min(1).max(8),
  sipUri: z.string().min(1).max(256),
  authUser: z.string().min(1).max(128),
  password: z.string().min(1).max(256),
  displayName: z.string().max(64),
}));
export type ProvisionedSip = z.infer<typeof ProvisionedSipSchema>;

export const DeskPolicySchema = lazySchema(() => z.object({
  city: z.string().min(1).max(32),
  /** 话后整理 limit before the desk says it overran. */
  afterCallWorkSeconds: z.number().int().min(0).max(3600),
  autoAnswerSeconds: z.number().int().min(0).max(30).nullable(),
}));
export type DeskPolicy = z.infer<typeof DeskPolicySchema>;

export const ProvisionedDepartmentSchema = lazySchema(() => z.object({
  id: z.string().min(1).max(64),
  zh: z.string().min(1).max(64),
  en: z.string().min(1).max(96),
}));

export const SignInResponseSchema = lazySchema(() => z.object({
  /** Bearer token for every later request (work orders and the rest of the centre service). */
  token: z.string().min(1).max(256),
  expiresAt: z.number().int().positive(),
  person: PersonSchema,
  provisioning: z.object({
    /** Null when the centre has not yet given this person a SIP account (the desk says so in words). */
    sip: ProvisionedSipSchema.nullable(),
    departments: z.array(ProvisionedDepartmentSchema).max(500),
    deskPolicy: DeskPolicySchema,
  }),
}));
export type SignInResponse = z.infer<typeof SignInResponseSchema>;

/**
 * Why a sign-in or a signed-in request was refused, as the service says it in the
 * JSON error body `{ error: { code } }`. The desk maps each to words; the service's
 * own text never reaches an agent.
 */
export const SIGN_IN_ERROR_CODES = [
  'unknown_work_number',
  'wrong_password',
  'locked_out',
  'person_disabled',
  'token_revoked',
  'token_expired',
] as const;
export const SignInErrorCodeSchema = lazySchema(() => z.enum(SIGN_IN_ERROR_CODES));
export type SignInErrorCode = z.infer<typeof SignInErrorCodeSchema>;

/** HTTP path of the sign-in endpoint, and of the signed-in person's own view (GET, bearer). */
export const SIGN_IN_PATH = '/v1/sign-in';
export const ME_PATH = '/v1/me';
