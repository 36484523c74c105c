import { CallLogTable } from '../features/call-log';
import { ActiveCallPanel, IncomingCallPanel, OtherCallsPanel, OutgoingCallPanel } from '../features/call';
import { Dialer, callBack } from '../features/dialer';
import { ConnectionBanner, PhonePreferencesPanel, PhoneNotice } from '../features/phone';
import { GuidancePanel } from '../features/guidance';
import { DeviceSwitchNotice } from '../features/devices';
import { CallerHistoryPanel } from '../features/history';
import { UnsentDrafts, WorkOrderList, WorkOrderPanel } from '../features/work-order';

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
