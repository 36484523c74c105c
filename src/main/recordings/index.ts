/**
 * Call recordings, main side (issue 13). What other parts of main use
 * (scorecards, replay, upload): list a call's recordings, decrypt one into a
 * complete, seekable WebM (whole or in pieces). See /work/helpers/recording-api.md.
 */
export { RecordingStore, RecordingRefused, type DecryptedRecording, type RecordingStoreOptions } from './recording-store';
export { RecordingKeyError } from './recording-crypto';
export type { RecordingReader } from './recording-reader';
export { createRecordingHandlers } from './recording-handlers';
export { startRecordingUpkeep } from './recording-upkeep';
export { RecordingUploader, type UploadTarget } from './recording-uploader';
export type { RecordingSummary, RecordingHold, RecordingSettings, RecordingPolicy } from '../../shared/recording/recording';
