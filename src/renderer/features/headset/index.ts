export { HeadsetPanel } from './components/HeadsetPanel';
export { onHeadsetButton, useHeadsetStore } from './headset-store';
export type { HeadsetButtonEvent } from './telephony-reports';
