export { GuidancePanel } from './components/GuidancePanel';
export { guidanceDesk, type GuidanceDeskEnvironment } from './guidance-desk';
export type { GuidanceSession, GuidanceCallState } from './guidance-session';
export { useGuidanceStore } from './guidance-store';
export { readWorkOrder, type WorkOrderReading } from './work-order-reading';
