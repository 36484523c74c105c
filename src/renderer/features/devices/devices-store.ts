import { create } from 'zustand';
import { DEFAULT_AUDIO_DEVICES, type AudioDevices } from '../../../shared/domain/agent-state';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';
import type { DeviceEntry, DeviceRole } from './device-choice';
import { listenToMediaRouting, mediaRouting, type DeviceSwitchNotice } from './media-routing';

interface DevicesState {
  devices: DeviceEntry[];
  /** The list has been read once (the desk reads it after its start's work): until then it is empty, not "none". */
  listed: boolean;
  selection: AudioDevices;
  /** The last automatic switch (headset unplugged / plugged in), until dismissed. */
  switchNotice: DeviceSwitchNotice | null;
  /** i18n key: the choice could not be saved. */
  saveError: string | null;

  /** Applies the stored choice (no device is opened or listed for that). */
  start(selection: AudioDevices): Promise<void>;
  /** Reads the device list and follows device changes; once the start's work is done, or when the picker opens. */
  watch(): Promise<void>;
  refresh(): Promise<void>;
  choose(role: DeviceRole, deviceId: string): Promise<void>;
  dismissNotice(): void;
}

const FIELD: Record<DeviceRole, keyof AudioDevices> = { microphone: 'microphoneId', speaker: 'speakerId', ringer: 'ringerId' };

export const useDevicesStore = create<DevicesState>()((set, get) => ({
  devices: [],
  listed: false,
  selection: DEFAULT_AUDIO_DEVICES,
  switchNotice: null,
  saveError: null,

  start: async (selection) => {
    listenToMediaRouting({
      onSwitch: (notice) => set({ switchNotice: notice }),
      onDevices: (devices) => set({ devices, listed: true }),
    });
    set({ selection });
    await mediaRouting().setPreferences(selection);
  },

  watch: async () => {
    await mediaRouting().watch();
  },

  refresh: async () => {
    await mediaRouting().refresh();
  },

  choose: async (role, deviceId) => {
    const selection = { ...get().selection, [FIELD[role]]: deviceId };
    set({ selection, saveError: null });
    // Switch first (the agent hears the effect at once), then remember it.
    await mediaRouting().setPreferences(selection);
    try {
      await unwrap(bridge().agentDesk.setDevices(selection));
    } catch (error) {
      set({ saveError: errorKeyOf(error) });
    }
  },

  dismissNotice: () => set({ switchNotice: null }),
}));
