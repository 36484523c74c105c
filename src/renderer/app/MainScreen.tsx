import { CallLogTable } from '../features/call-log/components/CallLogTable';
import { ActiveCallPanel } from '../features/call/components/ActiveCallPanel';
import { IncomingCallPanel } from '../features/call/components/IncomingCallPanel';
import { PhoneNotice } from '../features/phone/components/PhoneNotice';
import { TicketPanel } from '../features/ticket/components/TicketPanel';

/** The working screen: the call on the left, its ticket on the right, the log below. */
export function MainScreen() {
  return (
    <main className="main-screen">
      <PhoneNotice />
      <div className="main-screen__work">
        <div className="main-screen__call">
          <IncomingCallPanel />
          <ActiveCallPanel />
        </div>
        <div className="main-screen__ticket">
          <TicketPanel />
        </div>
      </div>
      <CallLogTable />
    </main>
  );
}
