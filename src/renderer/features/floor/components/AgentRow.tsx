import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { breakReasonLabel } from '../../../../shared/domain/agent-state';
import { connectionLostSince } from '../../../../shared/domain/floor-connection';
import type { FloorAgent } from '../../../../shared/domain/floor';
import { flagsOf, isOnCall, screenCountOf } from '../../../../shared/domain/floor-view';
import type { PbxPresence } from '../../../../shared/domain/floor-presence';
import { PbxCall } from '../presence/PbxCall';
import { FloorActionSlot } from './FloorActionSlot';
import { clockTime, duration } from '../floor-time';

export interface AgentRowProps {
  agent: FloorAgent;
  /** The service's clock now. */
  serverNow: number;
  /** Add to the service's clock for this desk's. */
  toLocal: number;
  openAlert: boolean;
  top: number;
  selected: boolean;
  onOpen(personId: string): void;
  /** What the PBX reports of the agent (dialog-info presence), when the desk watches it. */
  pbx?: PbxPresence | undefined;
}

/** One agent on the floor: who, state and time in it, the call, the script step, the prompts, the action slot. */
export const AgentRow = memo(function AgentRow({ agent, serverNow, toLocal, openAlert, top, selected, onOpen, pbx }: AgentRowProps) {
  // A default break reason is named in the lead's language by the desk's own names (agentState); a centre's own as written.
  const { t } = useTranslation(['floor', 'agentState']);
  const lostSince = connectionLostSince(agent, serverNow);
  const count = screenCountOf(agent, serverNow);
  const flags = flagsOf(agent, serverNow, openAlert);
  const onCall = lostSince === null && isOnCall(agent);
  let stateText: string;
  if (lostSince !== null) stateText = t('lostSince', { time: clockTime(lostSince - toLocal) });
  else if (agent.reportedAt === null) stateText = t('neverReported');
  else if (onCall) stateText = t('counts.talking');
  else if (agent.agentState === 'break') stateText = agent.recoveryBreak ? t('recovery') : t('breakReason', { reason: breakReasonLabel(agent.breakReason ?? '', (key) => t(`agentState:agentState.breakReason.${key}`)) });
  else stateText = t(`state.${agent.agentState}`);
  // On a call the call's own duration shows beside it; otherwise the time in the agent state.
  const inState = lostSince === null && agent.reportedAt !== null && !onCall ? duration(serverNow - agent.since) : '';
  return (
    <div
      className={`floor-row floor-row--${count}${openAlert ? ' floor-row--alert' : ''}${selected ? ' floor-row--selected' : ''}`}
      role="row"
      style={{ transform: `translateY(${top}px)` }}
      data-testid="floor-row"
      data-work-number={agent.workNumber}
      data-count={count}
      data-flags={flags.join(' ')}
      data-pbx={pbx?.watch === 'active' ? pbx.phase : undefined}
      onClick={() => onOpen(agent.personId)}
    >
      <span className="floor-cell floor-cell--agent" role="cell">
        <strong>{agent.name}</strong> <span className="muted">{agent.workNumber}</span>
      </span>
      <span className="floor-cell floor-cell--state" role="cell" data-testid="floor-row-state">
        {stateText}
        {inState && <span className="floor-time"> {inState}</span>}
      </span>
      <span className="floor-cell floor-cell--call" role="cell" data-testid="floor-row-call">
        {onCall || agent.callPhase === 'after-call' ? (
          <>
            {t(`phase.${agent.callPhase}`)}
            {onCall && agent.callStartedAt !== null && <span className="floor-time"> {duration(serverNow - agent.callStartedAt)}</span>}
            {onCall && agent.callerNumber && <span className="floor-caller"> {agent.callerNumber}</span>}
            {onCall && agent.voice && <span className={`floor-voice floor-voice--${agent.voice}`}> {t(`voice.${agent.voice}`)}</span>}
          </>
        ) : (
          <PbxCall agent={agent} pbx={pbx} serverNow={serverNow} toLocal={toLocal} />
        )}
      </span>
      <span className="floor-cell floor-cell--step" role="cell">
        {onCall && agent.scriptStep ? t(`step.${agent.scriptStep}`, { defaultValue: agent.scriptStep }) : ''}
      </span>
      <span className="floor-cell floor-cell--flags" role="cell" data-testid="floor-row-flags">
        {flags.map((flag) => (
          <span key={flag} className={`floor-flag floor-flag--${flag}`}>
            {flag === 'overrun' ? agent.overruns.map((kind) => t(`overrun.${kind}`)).join('、') : t(`flag.${flag}`)}
          </span>
        ))}
      </span>
      <span className="floor-cell floor-cell--actions" role="cell" onClick={(event) => event.stopPropagation()}>
        <FloorActionSlot agent={agent} context="row" serverNow={serverNow} />
      </span>
    </div>
  );
});
