import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { isCleartextToNetwork } from './loopback';

/**
 * Settings the agent enters once per workstation. Error messages are i18n keys
 * (see the renderer's locale files), so the same rule reads well in zh-CN and en.
 */

export const LANGUAGES = ['zh-CN', 'en'] as const;
export const LanguageSchema = lazySchema(() => z.enum(LANGUAGES));
export type Language = z.infer<typeof LanguageSchema>;

const WS_URL = /^wss?:\/\/[^\s/?#]+(?::\d{1,5})?(?:[/?#]\S*)?$/i;
// sip:user@host[:port] or sips:; user and host without spaces or angle brackets.
const SIP_URI = /^sips?:[^\s@<>"]+@[^\s@<>";]+(?::\d{1,5})?(?:;[^\s<>"]*)?$/i;

export const SipAccountSchema = lazySchema(() => z.object({
  wsServer: z
    .string()
    .trim()
    .max(512, { error: 'errors.tooLong' })
    .regex(WS_URL, { error: 'errors.wsServer' }),
  sipUri: z
    .string()
    .trim()
    .max(256, { error: 'errors.tooLong' })
    .regex(SIP_URI, { error: 'errors.sipUri' }),
  authUser: z.string().trim().min(1, { error: 'errors.required' }).max(128, { error: 'errors.tooLong' }),
  displayName: z.string().trim().max(64, { error: 'errors.tooLong' }),
  /**
   * The agent accepted, in the settings form, that a `ws://` server that is not
   * this machine carries the SIP password digest and call set-up unencrypted.
   */
  insecureWsAcknowledged: z.boolean().optional(),
}));
export type SipAccount = z.infer<typeof SipAccountSchema>;

export const AgentProfileSchema = lazySchema(() => z.object({
  // 工号: digits and letters as centres issue them.
  workNumber: z
    .string()
    .trim()
    .min(1, { error: 'errors.required' })
    .max(16, { error: 'errors.tooLong' })
    .regex(/^[0-9A-Za-z-]+$/, { error: 'errors.workNumber' }),
  city: z.string().trim().min(1, { error: 'errors.required' }).max(32, { error: 'errors.tooLong' }),
  /** The city as English greetings say it ("Chongqing", "Xi'an", "Hohhot"); left out, main spells the city in pinyin. */
  cityEn: z.string().trim().max(64, { error: 'errors.tooLong' }).optional(),
}));
export type AgentProfile = z.infer<typeof AgentProfileSchema>;

export const SettingsSchema = lazySchema(() => z.object({
  account: SipAccountSchema,
  agent: AgentProfileSchema,
  language: LanguageSchema,
}));
export type Settings = z.infer<typeof SettingsSchema>;

/** What the form sends: the password only when the agent typed a new one. */
export const SettingsSaveRequestSchema = lazySchema(() => SettingsSchema.extend({
  password: z.string().min(1, { error: 'errors.required' }).max(256, { error: 'errors.tooLong' }).optional(),
}).superRefine((request, context) => {
  // Unencrypted SIP only to this machine, or when the agent has said they accept it.
  if (isCleartextToNetwork(request.account.wsServer, 'ws:') && request.account.insecureWsAcknowledged !== true) {
    context.addIssue({ code: 'custom', path: ['account', 'wsServer'], message: 'errors.wsInsecure' });
  }
}));
export type SettingsSaveRequest = z.infer<typeof SettingsSaveRequestSchema>;

/** Where the SIP password lives: the OS keychain, or only in memory for this session. */
export const SecretStorageSchema = lazySchema(() => z.enum(['os-keychain', 'memory-only']));
export type SecretStorage = z.infer<typeof SecretStorageSchema>;

export const SettingsViewSchema = lazySchema(() => z.object({
  /** Null until the agent has saved an account once. */
  settings: SettingsSchema.nullable(),
  /** The UI language, known even before an account is set up. */
  language: LanguageSchema,
  hasPassword: z.boolean(),
  secretStorage: SecretStorageSchema,
  /** The city for English text: the agent's own spelling, else the city in pinyin (main has the dictionary); '' without settings. */
  cityInEnglish: z.string().max(128),
}));
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const SipCredentialsSchema = lazySchema(() => z.object({ password: z.string().nullable() }));
export type SipCredentials = z.infer<typeof SipCredentialsSchema>;

export const LanguageRequestSchema = lazySchema(() => z.object({ language: LanguageSchema }));
