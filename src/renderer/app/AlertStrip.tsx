import { OtherCallsPanel } from '../features/call';
import { DeviceSwitchNotice } from '../features/devices';
import { ConnectionBanner, PhoneNotice } from '../features/phone';

/** Full-width notices under the bar: other calls (waiting, on hold), the connection, the devices. */
export function AlertStrip() {
  return (
    <div className="alert-strip">
      <OtherCallsPanel />
      <ConnectionBanner />
      <PhoneNotice />
      <DeviceSwitchNotice />
    </div>
  );
}
