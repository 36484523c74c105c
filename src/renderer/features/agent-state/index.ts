export { AgentStateBar } from './components/AgentStateBar';
export { DeskStateBadge } from './components/DeskStateBadge';
export { useAgentStateStore, incomingCallPolicy } from './agent-state-store';
export { featureCodeFor, featureCodeTarget } from './feature-codes';
export { notifyIncomingCall } from './incoming-call-notification';
