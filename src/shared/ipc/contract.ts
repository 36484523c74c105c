import { z } from 'zod';
import {
  LanguageRequestSchema,
  SettingsSaveRequestSchema,
  SettingsViewSchema,
  SipCredentialsSchema,
} from '../domain/settings';
import { CallIdSchema, CallLedgerEventSchema, CallLogEntrySchema, CallLogQuerySchema, RemoteNumberSchema } from '../domain/call-log';
import { WorkOrderSummarySchema, WorkOrderViewSchema } from '../domain/work-order-sync';

import { Done, Empty } from './contract-parts';
import { workOrderEventContract, workOrderInvokeContract } from './contract-work-orders';
import { guidanceEventContract, guidanceInvokeContract } from './contract-guidance';
import { agentEventContract, agentInvokeContract } from './contract-agent';
import { phoneInvokeContract } from './contract-phone';
import { centreEventContract, centreInvokeContract } from './contract-centre';
import { monitorInvokeContract } from './contract-monitor';
import { floorEventContract, floorInvokeContract } from './contract-floor';
import { recordingInvokeContract } from './contract-recordings';
import { dispatchEventContract, dispatchInvokeContract } from './contract-dispatch';
import { knowledgeInvokeContract } from './contract-knowledge';
import { reviewInvokeContract } from './contract-review';
import { centreReviewInvokeContract } from './contract-centre-review';
import { practiceInvokeContract } from './contract-practice';

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

  /** Main's call ledger: every call event (ringing, answered, ended); an answered real call gets its draft. */
  'calls:event': { request: CallLedgerEventSchema, reply: z.object({ workOrder: WorkOrderViewSchema.nullable() }) },
  /** Who is calling: earlier calls and work orders from this number (screen pop, repeat-caller badge). */
  'calls:callerContext': {
    request: z.object({ callId: CallIdSchema, number: RemoteNumberSchema }),
    reply: z.object({
      previousCalls: z.number().int().nonnegative(),
      lastSummary: z.string(),
      workOrders: z.array(WorkOrderSummarySchema),
      serviceReachable: z.boolean(),
    }),
  },
  'calls:list': { request: CallLogQuerySchema, reply: z.array(CallLogEntrySchema) },

  /** The renderer's answer to `lifecycle:flushRequest`: pending edits are saved, the window may close. */
  'lifecycle:flushed': { request: Empty, reply: Done },

  ...workOrderInvokeContract,
  ...guidanceInvokeContract,
  ...agentInvokeContract,
  ...phoneInvokeContract,
  ...centreInvokeContract,
  ...monitorInvokeContract,
  ...recordingInvokeContract,
  ...dispatchInvokeContract,
  ...knowledgeInvokeContract,
  ...reviewInvokeContract,
  ...centreReviewInvokeContract,
  ...practiceInvokeContract,
  ...floorInvokeContract,
} as const satisfies Record<string, { request: z.ZodType; reply: z.ZodType }>;

/** Main → renderer pushes. */
export const eventContract = {
  /** The window is about to close: save pending edits now, then call `lifecycle.flushed`. */
  'lifecycle:flushRequest': Empty,

  ...workOrderEventContract,
  ...guidanceEventContract,
  ...agentEventContract,
  ...centreEventContract,
  ...dispatchEventContract,
  ...floorEventContract,
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
