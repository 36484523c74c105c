import { fail } from '../../shared/ipc/envelope';
import type { recordingInvokeContract } from '../../shared/ipc/contract-recordings';
import { RECORDING_MIME_TYPE } from '../../shared/recording/recording';
import type { Handlers } from '../ipc/router';
import { RecordingKeyError } from './recording-crypto';
import { RecordingRefused, type RecordingStore } from './recording-store';

type RecordingChannel = keyof typeof recordingInvokeContract;

/** Refusals and key errors answer with their reason; anything else is the router's internal error. */
async function answer<T>(run: () => T | Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RecordingRefused) return fail(error.code === 'not-found' ? 'not-found' : 'invalid-payload', error.message);
    if (error instanceof RecordingKeyError) return fail('storage-failed', error.message);
    throw error;
  }
}

/** Call recording over IPC (the router has checked the sender and parsed the request). */
export function createRecordingHandlers(store: RecordingStore): Pick<Handlers, RecordingChannel> {
  const settingsView = () => ({ ...store.settings.read(), keyProtection: store.keys.protection });
  return {
    'recordings:start': ({ callId, practice, startedAt }) => answer(async () => ({ recordingId: await store.start({ callId, practice, startedAt }) })),
    'recordings:chunk': ({ recordingId, seq, data }) => answer(async () => ({ storedBytes: await store.appendChunk(recordingId, seq, data) })),
    'recordings:mark': ({ recordingId, kind, at }) =>
      answer(() => {
        store.mark(recordingId, kind, at);
        return { done: true as const };
      }),
    'recordings:finish': ({ recordingId, endedAt, peaks }) => answer(() => store.finish(recordingId, endedAt, peaks)),
    'recordings:list': ({ callId }) => store.list(callId),
    'recordings:audio': ({ recordingId }) =>
      answer(() => {
        const recording = store.decrypt(recordingId);
        return { mimeType: RECORDING_MIME_TYPE, durationMs: recording.durationMs, data: recording.bytes };
      }),
    'recordings:settings': () => settingsView(),
    'recordings:saveSettings': (next) => {
      store.settings.write(next);
      return settingsView();
    },
  };
}
