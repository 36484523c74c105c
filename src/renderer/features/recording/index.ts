export { recordingDesk, type RecordingDeskDeps } from './recording-desk';
export { useRecordingStore, type CallRecordingState } from './recording-store';
export { RecordingSettingsPanel } from './components/RecordingSettingsPanel';
export { RecordingBadge } from './components/RecordingBadge';
export { recordingEn, recordingZhCN } from './locales';
