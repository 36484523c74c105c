import { z } from 'zod';
import {
  AgentDeskSettingsSchema,
  AgentDeskViewSchema,
  AgentStateChangeSchema,
  AgentStateLogEntrySchema,
  AudioDevicesSchema,
  ShortcutActionSchema,
} from '../domain/agent-state';
import { Done, Empty } from './contract-parts';

/** Agent states, audio devices and alerts (issue 3). */
export const agentInvokeContract = {
  /** One state transition, logged with its time; the renderer runs the state machine. */
  'agentState:record': { request: AgentStateChangeSchema, reply: Done },
  /** The state log, newest first. */
  'agentState:history': {
    request: z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
    reply: z.array(AgentStateLogEntrySchema),
  },
  'agentDesk:getSettings': { request: Empty, reply: AgentDeskViewSchema },
  /** Saves and re-registers the global shortcuts; the reply names any the OS refused. */
  'agentDesk:saveSettings': { request: AgentDeskSettingsSchema, reply: AgentDeskViewSchema },
  /** Only the chosen audio devices (picked from the device list, saved at once). */
  'agentDesk:setDevices': { request: AudioDevicesSchema, reply: AgentDeskViewSchema },
  /** Brings the window to the front (the agent clicked the incoming-call notification). */
  'agentDesk:focusWindow': { request: Empty, reply: Done },
} as const;

export const agentEventContract = {
  /** A global shortcut was pressed, wherever the focus is. */
  'shortcuts:pressed': z.object({ action: ShortcutActionSchema }),
} as const;
