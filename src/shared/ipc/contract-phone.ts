import {
  CustomCaRequestSchema,
  CustomCaViewSchema,
  PhonePreferencesSchema,
  PhonePreferencesViewSchema,
} from '../domain/phone-preferences';
import { Empty } from './contract-parts';

/** Phone preferences and the custom CA for `wss://` (issue 3). */
export const phoneInvokeContract = {
  'phone:getPreferences': { request: Empty, reply: PhonePreferencesViewSchema },
  'phone:savePreferences': { request: PhonePreferencesSchema, reply: PhonePreferencesViewSchema },
  'phone:getCustomCa': { request: Empty, reply: CustomCaViewSchema },
  /** A PEM CA certificate, or null to remove it; refused unless it parses as X.509 and is a CA. */
  'phone:setCustomCa': { request: CustomCaRequestSchema, reply: CustomCaViewSchema },
} as const;
