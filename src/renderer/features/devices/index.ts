export { DevicePicker } from './components/DevicePicker';
export { DeviceSwitchNotice } from './components/DeviceSwitchNotice';
export { mediaRouting } from './media-routing';
export { useDevicesStore } from './devices-store';
export { Ringer } from './ringer';
