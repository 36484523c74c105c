export type { CallSource, DeskCallEvent } from './call-source';
export type { CallSession } from './call-session';
export { useCallBoard, type CallView } from './call-board-store';
export { callActions, callSessions, flushCalls, ledgerReporter } from './desk-calls';
