import type { ComponentType } from 'react';
import { create } from 'zustand';
import type { FloorAgent, FloorAlert } from '../../../shared/domain/floor';

/** Where the actions show: an agent's row, the agent's drawer, or an emergency card. */
export type FloorActionContext = 'row' | 'drawer' | 'emergency';

export interface FloorAgentActionsProps {
  agent: Pick<FloorAgent, 'personId' | 'workNumber' | 'name' | 'teamId'> & Partial<FloorAgent>;
  context: FloorActionContext;
  /** For 'emergency': the alert the card is about. */
  alert?: FloorAlert;
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
