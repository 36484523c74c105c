import { z } from 'zod';
import {
  LanguageRequestSchema,
  SettingsSaveRequestSchema,
  SettingsViewSchema,
  SipCredentialsSchema,
} from '../domain/settings';
import {
  CallAnsweredSchema,
  CallEndedSchema,
  CallLogEntrySchema,
  CallLogQuerySchema,
  CallStartedSchema,
} from '../domain/call-log';

import { Done, Empty } from './contract-parts';
import { workOrderEventContract, workOrderInvokeContract } from './contract-work-orders';
import { guidanceEventContract, guidanceInvokeContract } from './contract-guidance';
import { agentEventContract, agentInvokeContract } from './contract-agent';
import { phoneInvokeContract } from './contract-phone';

/**
 * The one IPC contract. A channel is `namespace:method`; the preload turns each
 * into `bridge.namespace.method(request)`. Main parses every request with
 * `request` before a handler sees it; replies are checked against `reply` in tests.
 */
export const invokeContract = {
  'settings:get': { request: Empty, reply: SettingsViewSchema },
  'settings:save': { request: SettingsSaveRequestSchema, reply: SettingsViewSchema },
  'settings:setLanguage': { request: LanguageRequestSchema, reply: SettingsViewSchema },
  'settings:sipCredentials': { request: Empty, reply: SipCredentialsSchema },

  'calls:started': { request: CallStartedSchema, reply: Done },
  'calls:answered': { request: CallAnsweredSchema, reply: Done },
  'calls:ended': { request: CallEndedSchema, reply: Done },
  'calls:list': { request: CallLogQuerySchema, reply: z.array(CallLogEntrySchema) },

  /** The renderer's answer to `lifecycle:flushRequest`: pending edits are saved, the window may close. */
  'lifecycle:flushed': { request: Empty, reply: Done },

  ...workOrderInvokeContract,
  ...guidanceInvokeContract,
  ...agentInvokeContract,
  ...phoneInvokeContract,
} as const satisfies Record<string, { request: z.ZodType; reply: z.ZodType }>;

/** Main → renderer pushes. */
export const eventContract = {
  /** The window is about to close: save pending edits now, then call `lifecycle.flushed`. */
  'lifecycle:flushRequest': Empty,

  ...workOrderEventContract,
  ...guidanceEventContract,
  ...agentEventContract,
} as const satisfies Record<string, z.ZodType>;

export type InvokeContract = typeof invokeContract;
export type InvokeChannel = keyof InvokeContract;
export type EventContract = typeof eventContract;
export type EventChannel = keyof EventContract;

export type RequestOf<C extends InvokeChannel> = z.input<InvokeContract[C]['request']>;
export type ParsedRequestOf<C extends InvokeChannel> = z.output<InvokeContract[C]['request']>;
export type ReplyOf<C extends InvokeChannel> = z.output<InvokeContract[C]['reply']>;
export type EventPayloadOf<E extends EventChannel> = z.output<EventContract[E]>;

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[];
export const EVENT_CHANNELS = Object.keys(eventContract) as EventChannel[];

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(invokeContract, channel);
}
