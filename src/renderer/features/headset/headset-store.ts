import { create } from 'zustand';
import { HeadsetService, type HeadsetStatus } from './headset-service';
import type { HeadsetButtonEvent, TelephonyIndicator } from './telephony-reports';

interface HeadsetState {
  status: HeadsetStatus;
  deviceName: string | null;

  restore(): Promise<void>;
  pick(): Promise<void>;
  disconnect(): Promise<void>;
  setIndicators(indicators: Partial<Record<TelephonyIndicator, boolean>>): void;
}

const buttonListeners = new Set<(event: HeadsetButtonEvent) => void>();

/** Headset button presses as they happen (the app turns them into call actions). */
export function onHeadsetButton(listener: (event: HeadsetButtonEvent) => void): () => void {
  buttonListeners.add(listener);
  return () => buttonListeners.delete(listener);
}

let service: HeadsetService | null = null;
const headset = (): HeadsetService =>
  (service ??= new HeadsetService({
    status: (status, deviceName) => useHeadsetStore.setState({ status, deviceName }),
    button: (event) => buttonListeners.forEach((listener) => listener(event)),
  }));

export const useHeadsetStore = create<HeadsetState>()(() => ({
  status: 'none',
  deviceName: null,

  restore: () => headset().restore(),
  pick: () => headset().pick(),
  disconnect: () => headset().disconnect(),
  setIndicators: (indicators) => void headset().setIndicators(indicators),
}));
