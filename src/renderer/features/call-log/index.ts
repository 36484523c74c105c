export { CallLogTable } from './components/CallLogTable';
export { useCallLogStore } from './call-log-store';
