import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { isCleartextToNetwork } from '../domain/loopback';
import { PersonRoleSchema, WorkNumberSchema } from '../domain/centre/sign-in';
import { Empty } from './contract-parts';

/**
 * Sign-in to the centre service (issue 10), between the renderer and main.
 * Main speaks the wire contract (domain/centre/sign-in.ts) to the centre; the
 * renderer only ever sees an outcome it can put into words.
 */

/** The centre's address: https://, or http:// only to this machine (the password travels with the request). */
export const CentreUrlSchema = lazySchema(() => z
  .string()
  .trim()
  .max(512, { error: 'errors.tooLong' })
  .pipe(z.url({ protocol: /^https?$/, error: 'signIn.errors.address' }))
  .refine((url) => !isCleartextToNetwork(url, 'http:'), { error: 'signIn.errors.addressInsecure' }));

export const CentreSignInRequestSchema = lazySchema(() => z.object({
  centreUrl: CentreUrlSchema,
  workNumber: WorkNumberSchema,
  password: z.string().min(1).max(256),
}));
export type CentreSignInRequest = z.infer<typeof CentreSignInRequestSchema>;

/** Why the desk is signed out: by the agent, or by the centre (a token revoked or run out). */
export const SignedOutReasonSchema = lazySchema(() => z.enum(['signed-out', 'revoked', 'expired']));
export type SignedOutReason = z.infer<typeof SignedOutReasonSchema>;

export const CentreStatusSchema = lazySchema(() => z.discriminatedUnion('state', [
  z.object({
    state: z.literal('signed-in'),
    centreUrl: z.string(),
    person: z.object({ name: z.string(), workNumber: z.string(), roles: z.array(PersonRoleSchema) }),
    expiresAt: z.number().int(),
  }),
  z.object({
    state: z.literal('signed-out'),
    /** The address last signed in to (the form starts with it); '' when never. */
    centreUrl: z.string(),
    /** Null when never signed in on this desk. */
    reason: SignedOutReasonSchema.nullable(),
    /** The phone is set up by hand (settings not handed out by the centre): the desk can work without signing in. */
    manualSetup: z.boolean(),
  }),
]));
export type CentreStatus = z.infer<typeof CentreStatusSchema>;

/** Why a sign-in did not happen, each said in its own words by the renderer. */
export const SIGN_IN_FAILURES = [
  'unknown-work-number',
  'wrong-password',
  'locked-out',
  'person-disabled',
  /** The centre has not given this person a phone account yet. */
  'no-phone-account',
  /** Refused, reset, timed out, not an address that answers. */
  'unreachable',
  /** An answer that is not what the contract promises (nothing was saved). */
  'bad-reply',
] as const;
export const SignInFailureSchema = lazySchema(() => z.enum(SIGN_IN_FAILURES));
export type SignInFailure = z.infer<typeof SignInFailureSchema>;

export const CentreSignInReplySchema = lazySchema(() => z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('signed-in'), status: CentreStatusSchema }),
  z.object({
    outcome: z.literal('refused'),
    failure: SignInFailureSchema,
    /** For locked-out, when the centre said how long (whole minutes, at least 1). */
    retryAfterMinutes: z.number().int().min(1).nullable(),
  }),
]));
export type CentreSignInReply = z.infer<typeof CentreSignInReplySchema>;

export const centreInvokeContract = {
  /** Signs in and applies what the centre hands out (phone account, departments, desk policy, work-order service). */
  'centre:signIn': { request: CentreSignInRequestSchema, reply: CentreSignInReplySchema },
  /** Forgets the token and the SIP password on this desk. */
  'centre:signOut': { request: Empty, reply: CentreStatusSchema },
  'centre:status': { request: Empty, reply: CentreStatusSchema },
} as const;

export const centreEventContract = {
  /** The desk was signed out (by the centre, or by the agent in another way than centre:signOut). */
  'centre:signedOut': CentreStatusSchema,
} as const;
