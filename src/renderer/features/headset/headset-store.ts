import { create } from 'zustand';
import { HeadsetService, type HeadsetStatus } from './headset-service';
import type { HeadsetButtonEvent, TelephonyIndicator } from './telephony-reports';

interface HeadsetState {
  status: HeadsetStatus;
  deviceName: string | null;
  /** Bumped per button press; `lastButton` says which (the app coordinator acts on it). */
  presses: number;
  lastButton: HeadsetButtonEvent | null;

  restore(): Promise<void>;
  pick(): Promise<void>;
  disconnect(): Promise<void>;
  setIndicators(indicators: Partial<Record<TelephonyIndicator, boolean>>): void;
}

let service: HeadsetService | null = null;
const headset = (): HeadsetService =>
  (service ??= new HeadsetService({
    status: (status, deviceName) => useHeadsetStore.setState({ status, deviceName }),
    button: (event) => useHeadsetStore.setState((state) => ({ presses: state.presses + 1, lastButton: event })),
  }));

export const useHeadsetStore = create<HeadsetState>()(() => ({
  status: 'none',
  deviceName: null,
  presses: 0,
  lastButton: null,

  restore: () => headset().restore(),
  pick: () => headset().pick(),
  disconnect: () => headset().disconnect(),
  setIndicators: (indicators) => void headset().setIndicators(indicators),
}));
