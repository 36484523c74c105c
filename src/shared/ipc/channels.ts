import type { EventChannel, InvokeChannel } from './contract';

/**
 * The channel names alone, without the contract's zod schemas. The preload and
 * the renderer build the bridge from these: importing the contract's values
 * would create every schema of the app in the renderer's heap (and the preload's)
 * although only main validates with them. `npm run typecheck` fails when a
 * channel is added to the contract but not here (or listed here but not there).
 */
export const INVOKE_CHANNEL_NAMES = [
  'settings:get',
  'settings:save',
  'settings:setLanguage',
  'settings:sipCredentials',
  'calls:event',
  'calls:callerContext',
  'calls:list',
  'lifecycle:flushed',
  'workOrders:create',
  'workOrders:get',
  'workOrders:save',
  'workOrders:submit',
  'workOrders:resolveConflict',
  'workOrders:listUnsent',
  'workOrders:list',
  'workOrders:departments',
  'workOrders:setDepartments',
  'sync:overview',
  'workOrderService:get',
  'workOrderService:save',
  'guidance:pack',
  'guidance:appendTimeline',
  'guidance:timeline',
  'guidance:settings',
  'guidance:saveSettings',
  'agentState:record',
  'agentState:history',
  'agentDesk:getSettings',
  'agentDesk:saveSettings',
  'agentDesk:setDevices',
  'agentDesk:focusWindow',
  'phone:getPreferences',
  'phone:savePreferences',
  'phone:getCustomCa',
  'phone:setCustomCa',
] as const satisfies readonly InvokeChannel[];

export const EVENT_CHANNEL_NAMES = [
  'lifecycle:flushRequest',
  'sync:changed',
  'workOrders:changed',
  'guidance:packChanged',
  'shortcuts:pressed',
] as const satisfies readonly EventChannel[];

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missingChannel: Exclude<All, Listed> };
const everyInvokeChannelListed: Missing<InvokeChannel, (typeof INVOKE_CHANNEL_NAMES)[number]> = true;
const everyEventChannelListed: Missing<EventChannel, (typeof EVENT_CHANNEL_NAMES)[number]> = true;
void everyInvokeChannelListed;
void everyEventChannelListed;
