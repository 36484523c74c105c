export { GuidancePanel } from './components/GuidancePanel';
export { EmergencyStrip } from './components/EmergencyStrip';
export { guidanceDesk, type GuidanceDeskEnvironment } from './guidance-desk';
export type { GuidanceSession, GuidanceCallState } from './guidance-session';
export { useGuidanceStore } from './guidance-store';
export { NEW_PROMPT_HIGHLIGHT_MS, PROMPT_HIGHLIGHT_CLASS, useNewestPrompt, useNewPromptHighlight } from './prompt-attention';
export { readWorkOrder, type WorkOrderReading } from './work-order-reading';
