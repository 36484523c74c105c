import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import { create } from 'zustand';
import { connectionLostSince } from '../../../shared/domain/floor-connection';
import type { FloorAgent, FloorAlert } from '../../../shared/domain/floor';
import type { PbxPresence } from '../../../shared/domain/floor-presence';
import { clockTime } from './floor-time';

/** Where the actions show: an agent's row, the agent's drawer, or an emergency card. */
export type FloorActionContext = 'row' | 'drawer' | 'emergency';

export interface FloorAgentActionsProps {
  agent: Pick<FloorAgent, 'personId' | 'workNumber' | 'name' | 'teamId'> & Partial<FloorAgent>;
  context: FloorActionContext;
  /** For 'emergency': the alert the card is about. */
  alert?: FloorAlert;
  /**
   * Why Listen / Whisper / Barge / Take over cannot work now (floorActionBlock,
   * in the lead's language): they show disabled with it. A leg already live
   * keeps its Stop.
   */
  unavailable?: string | null;
}

/**
 * Why the monitor actions cannot reach an agent now, whatever the desk last
 * reported: they all go through the agent's desk (it answers the monitor
 * INVITE and mixes the call), so a desk whose connection is lost, or that is
 * signed out, cannot serve them. `pbxCall`: the PBX still shows a call for a
 * lost desk (dialog-info presence), said beside the reason; the PBX's own spy
 * feature (docs/monitor-pbx.md) is not dialled from the desk, so nothing is
 * offered for it. An agent the floor does not know (an alert's bare name)
 * blocks nothing: the alert's call decides.
 */
export type FloorActionBlock = { reason: 'lost'; since: number; pbxCall: 'talking' | 'ringing' | null } | { reason: 'offline' };

export function floorActionBlock(
  agent: Partial<Pick<FloorAgent, 'reportedAt' | 'keepAliveMs' | 'agentState'>>,
  serverNow: number,
  pbx?: PbxPresence,
): FloorActionBlock | null {
  const { reportedAt, keepAliveMs, agentState } = agent;
  if (reportedAt === undefined || keepAliveMs === undefined || agentState === undefined) return null;
  if (agentState === 'offline') return { reason: 'offline' };
  const since = connectionLostSince({ reportedAt, keepAliveMs, agentState }, serverNow);
  if (since !== null) return { reason: 'lost', since, pbxCall: pbx?.watch === 'active' && pbx.phase !== 'idle' ? pbx.phase : null };
  if (reportedAt === null) return { reason: 'offline' };
  return null;
}

/** The block in the lead's words (t: the 'floor' namespace; toLocal: add to the service's clock for this desk's). */
export function floorActionBlockText(t: TFunction<'floor'>, block: FloorActionBlock, toLocal: number): string {
  if (block.reason === 'offline') return t('blocked.offline');
  return t(block.pbxCall ? 'blocked.lostPbx' : 'blocked.lost', { time: clockTime(block.since - toLocal) });
}

/**
 * The action slot of every agent on the floor: listen, whisper, barge, take
 * over belong to the monitor feature, which registers its buttons here
 * (`setFloorAgentActions`). Without one, a row shows nothing and an emergency
 * card shows Listen and Barge disabled, saying why.
 */
export const useFloorActions = create<{ component: ComponentType<FloorAgentActionsProps> | null }>()(() => ({ component: null }));

export function setFloorAgentActions(component: ComponentType<FloorAgentActionsProps> | null): void {
  useFloorActions.setState({ component });
}
