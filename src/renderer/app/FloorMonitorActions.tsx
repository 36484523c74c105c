import type { FloorAgent } from '../../shared/domain/floor';
import { isOnCall } from '../../shared/domain/floor-view';
import type { FloorAgentActionsProps } from '../features/floor';
import { MonitorActions } from '../features/monitor';

/**
 * The call a lead's grant would name for this slot, as the agent's desk names it:
 * an emergency card's is the alert's call; a row's or drawer's the one the desk
 * last reported, only while it reports being on it (a call that ended, or an
 * after-call, leaves nothing to listen to).
 */
export function floorSlotCallId({ agent, context, alert }: FloorAgentActionsProps): string | null {
  if (context === 'emergency' && alert) return alert.callId;
  if (agent.callPhase === undefined || !isOnCall(agent as FloorAgent)) return null;
  return agent.callId ?? null;
}

/**
 * The monitor feature's buttons in the floor's action slot: icon buttons in a
 * row's narrow cell (all four fit it at 1093 px wide, in both languages), the
 * labelled buttons in the drawer and on emergency cards. Disabled, saying why,
 * when the floor says the agent's desk cannot serve them (`unavailable`).
 */
export function FloorMonitorActions(props: FloorAgentActionsProps) {
  const { agent, context } = props;
  return (
    <MonitorActions
      agentPersonId={agent.personId}
      callId={floorSlotCallId(props)}
      agentLabel={`${agent.name} ${agent.workNumber}`}
      compact={context === 'row'}
      unavailable={props.unavailable ?? null}
    />
  );
}
