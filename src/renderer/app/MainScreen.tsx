import { CallLogTable } from '../features/call-log/components/CallLogTable';
import { ActiveCallPanel } from '../features/call/components/ActiveCallPanel';
import { IncomingCallPanel } from '../features/call/components/IncomingCallPanel';
import { OtherCallsPanel } from '../features/call/components/OtherCallsPanel';
import { OutgoingCallPanel } from '../features/call/components/OutgoingCallPanel';
import { Dialer } from '../features/dialer/components/Dialer';
import { callBack } from '../features/dialer/call-back';
import { ConnectionBanner } from '../features/phone/components/ConnectionBanner';
import { PhonePreferencesPanel } from '../features/phone/components/PhonePreferencesPanel';
import { GuidancePanel } from '../features/guidance/components/GuidancePanel';
import { PhoneNotice } from '../features/phone/components/PhoneNotice';
import { DeviceSwitchNotice } from '../features/devices/components/DeviceSwitchNotice';
import { CallerHistoryPanel } from '../features/history/components/CallerHistoryPanel';
import { UnsentDrafts } from '../features/work-order/components/UnsentDrafts';
import { WorkOrderList } from '../features/work-order/components/WorkOrderList';
import { WorkOrderPanel } from '../features/work-order/components/WorkOrderPanel';

/** The working screen: the call and the caller's history on the left, the work order on the right, the lists below. */
export function MainScreen() {
  return (
    <main className="main-screen">
      <ConnectionBanner />
      <PhoneNotice />
      <DeviceSwitchNotice />
      <div className="main-screen__work">
        <div className="main-screen__call">
          <IncomingCallPanel />
          <OutgoingCallPanel />
          <ActiveCallPanel />
          <OtherCallsPanel />
          <Dialer />
          <PhonePreferencesPanel />
          <GuidancePanel />
          <CallerHistoryPanel />
        </div>
        <div className="main-screen__ticket">
          <UnsentDrafts />
          <WorkOrderPanel />
        </div>
      </div>
      <WorkOrderList />
      <CallLogTable onCall={callBack} />
    </main>
  );
}
