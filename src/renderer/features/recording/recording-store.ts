import { create } from 'zustand';
import type { RecordingSettingsView } from '../../../shared/recording/recording';

/** What the screens show of recording: the desk's settings, and each live call's recording state. */
export type CallRecordingState = 'recording' | 'available' | 'off' | 'failed';

interface RecordingStoreState {
  settings: RecordingSettingsView | null;
  calls: Record<string, CallRecordingState>;
  setSettings(settings: RecordingSettingsView): void;
  setCall(callId: string, state: CallRecordingState | null): void;
}

export const useRecordingStore = create<RecordingStoreState>((set) => ({
  settings: null,
  calls: {},
  setSettings: (settings) => set({ settings }),
  setCall: (callId, state) =>
    set((current) => {
      const calls = { ...current.calls };
      if (state === null) delete calls[callId];
      else calls[callId] = state;
      return { calls };
    }),
}));
