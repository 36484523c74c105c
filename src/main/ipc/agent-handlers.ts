import type { agentInvokeContract } from '../../shared/ipc/contract-agent';
import type { AgentDesk } from '../agent-state/agent-desk';
import type { Handlers } from './router';

type AgentChannel = keyof typeof agentInvokeContract;

export function createAgentHandlers(desk: AgentDesk): Pick<Handlers, AgentChannel> {
  const done = { done: true } as const;
  return {
    'agentState:record': (change) => {
      desk.log.record(change);
      return done;
    },
    'agentState:history': ({ limit }) => desk.log.list(limit),
    'agentDesk:getSettings': () => desk.view(),
    'agentDesk:saveSettings': (settings) => desk.save(settings),
    'agentDesk:setDevices': (devices) => desk.save({ ...desk.view().settings, devices }),
    'agentDesk:focusWindow': () => {
      desk.focusWindow();
      return done;
    },
  };
}
