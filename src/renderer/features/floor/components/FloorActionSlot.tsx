import { createElement, type ReactNode } from 'react';
import { useFloorActions, type FloorAgentActionsProps } from '../floor-actions';

/** Renders the registered agent actions (the monitor feature's), or `fallback` when none is registered. */
export function FloorActionSlot({ fallback = null, ...props }: FloorAgentActionsProps & { fallback?: ReactNode }) {
  const component = useFloorActions((state) => state.component);
  return <>{component ? createElement(component, props) : fallback}</>;
}
