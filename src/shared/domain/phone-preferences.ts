import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';

/**
 * Per-workstation phone preferences (issue 3): DTMF method, auto-answer and
 * backup WebSocket servers, stored by main in the settings table (key
 * `phonePreferences`). The renderer kept them in localStorage before; it moves
 * them here once (see features/phone/phone-preferences.ts).
 */
const WS_URL = /^wss?:\/\/[^\s/?#]+(?::\d{1,5})?(?:[/?#]\S*)?$/i;

export const DtmfModeSchema = lazySchema(() => z.enum(['rfc4733', 'info']));
export const AutoAnswerModeSchema = lazySchema(() => z.enum(['off', 'after', 'header']));
export const MAX_BACKUP_SERVERS = 8;

export const PhonePreferencesSchema = lazySchema(() => z.object({
  dtmfMode: DtmfModeSchema,
  autoAnswer: z.object({
    mode: AutoAnswerModeSchema,
    /** For 'after': seconds to ring first. */
    seconds: z.number().int().min(0).max(30),
  }),
  backupServers: z.array(z.string().max(512).regex(WS_URL)).max(MAX_BACKUP_SERVERS),
}));
export type PhonePreferencesData = z.infer<typeof PhonePreferencesSchema>;

/** `preferences` is null until saved once (then the renderer migrates its old localStorage values). */
export const PhonePreferencesViewSchema = lazySchema(() => z.object({
  preferences: PhonePreferencesSchema.nullable(),
  /** This installation's SIP instance id (a UUID, made once by main); the phone registers with it. */
  instanceId: z.uuid().optional(),
}));
export type PhonePreferencesView = z.infer<typeof PhonePreferencesViewSchema>;

/**
 * A centre's own CA for `wss://` servers whose certificate the OS does not
 * trust. The PEM text is bounded here; main parses it as X.509 and requires a
 * CA certificate before storing it (src/main/tls/custom-ca.ts).
 */
export const CustomCaRequestSchema = lazySchema(() => z.object({
  pem: z
    .string()
    .trim()
    .max(16_384, { error: 'errors.tooLong' })
    .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, { error: 'phonePrefs.caErrors.notPem' })
    .nullable(),
}));

export const CustomCaInfoSchema = lazySchema(() => z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** Epoch ms of validTo, for "expires in" and "expired" in the UI. */
  validToMs: z.number(),
  fingerprint256: z.string(),
}));
export type CustomCaInfo = z.infer<typeof CustomCaInfoSchema>;
export const CustomCaViewSchema = lazySchema(() => z.object({ ca: CustomCaInfoSchema.nullable() }));
export type CustomCaView = z.infer<typeof CustomCaViewSchema>;
