import { createElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { floorActionBlock, floorActionBlockText, useFloorActions, type FloorAgentActionsProps } from '../floor-actions';
import { useFloorStore } from '../floor-store';

export interface FloorActionSlotProps extends Omit<FloorAgentActionsProps, 'unavailable'> {
  /** The service's clock now (the floor's tick). */
  serverNow: number;
  fallback?: ReactNode;
}

/**
 * Renders the registered agent actions (the monitor feature's), or `fallback`
 * when none is registered. What the floor knows of the agent (the row's, or
 * the store's for an alert's bare name) and of the PBX decides whether the
 * actions can work now (floorActionBlock); when not, they get the reason.
 */
export function FloorActionSlot({ fallback = null, serverNow, ...props }: FloorActionSlotProps) {
  const { t } = useTranslation('floor');
  const component = useFloorActions((state) => state.component);
  const known = useFloorStore((state) => state.agents.get(props.agent.personId));
  const pbx = useFloorStore((state) => state.pbx.get(props.agent.personId));
  const toLocal = useFloorStore((state) => state.clockOffsetMs);
  if (!component) return <>{fallback}</>;
  const block = floorActionBlock(known ?? props.agent, serverNow, pbx);
  return createElement(component, { ...props, unavailable: block ? floorActionBlockText(t, block, toLocal) : null });
}

