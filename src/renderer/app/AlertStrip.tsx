import { OtherCallsPanel } from '../features/call';
import { DeviceSwitchNotice } from '../features/devices';
import { EmergencyStrip } from '../features/guidance';
import { ConnectionBanner, PhoneNotice } from '../features/phone';

/** Full-width notices under the bar: an emergency first, other calls (waiting, on hold), the connection, the devices. */
export function AlertStrip() {
  return (
    <div className="alert-strip">
      <EmergencyStrip />
      <OtherCallsPanel />
      <ConnectionBanner />
      <PhoneNotice />
      <DeviceSwitchNotice />
    </div>
  );
}
