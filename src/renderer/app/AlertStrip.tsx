import { OtherCallsPanel } from '../features/call';
import { DeviceSwitchNotice } from '../features/devices';
import { EmergencyStrip } from '../features/guidance';
import { ConnectionBanner, PhoneNotice } from '../features/phone';
import { MonitorNotice } from '../features/monitor';

/** Full-width notices under the bar: an emergency first, a lead on the call, other calls (waiting, on hold), the connection, the devices. */
export function AlertStrip() {
  return (
    <div className="alert-strip">
      <EmergencyStrip />
      <MonitorNotice />
      <OtherCallsPanel />
      <ConnectionBanner />
      <PhoneNotice />
      <DeviceSwitchNotice />
    </div>
  );
}
