export { CallerHistoryPanel } from './components/CallerHistoryPanel';
export { NO_CALLER, showCallerContext, type CallerContextState } from './caller-history-store';
