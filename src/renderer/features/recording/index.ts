export { recordingDesk, type RecordingDeskDeps } from './recording-desk';
export { useRecordingStore, type CallRecordingState } from './recording-store';
export { RecordingBadge } from './components/RecordingBadge';
export { recordingEn, recordingZhCN } from './locales';
/** Part of the settings, which open on demand: its code loads then (app/lazy-part). */
export const loadRecordingSettingsPanel = () => import('./components/RecordingSettingsPanel').then((m) => m.RecordingSettingsPanel);
