export { recordingDesk, type RecordingDeskDeps } from './recording-desk';
export { useRecordingStore, type CallRecordingState } from './recording-store';
