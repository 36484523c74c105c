import { useCallLogStore } from '../features/call-log/call-log-store';
import { reportsSettled } from '../features/phone/call-reporter';
import { usePhoneStore } from '../features/phone/phone-store';
import { useSettingsStore } from '../features/settings/settings-store';
import { useTicketStore } from '../features/ticket/ticket-store';
import { startPhoneFromSettings } from './phone-startup';

/**
 * The few rules that join features together, in one place so no feature
 * imports another's store for them:
 * - answered call → open its ticket draft; call ended → save the draft now;
 * - main recorded a call's end → reload the call log;
 * - ticket closed → the finished call's panel goes too;
 * - settings saved → restart the phone with the new account.
 * Returns a function that removes the subscriptions.
 */
export function startCallCoordinator(): () => void {
  const unsubscribePhone = usePhoneStore.subscribe((state, previous) => {
    const call = state.call;
    const before = previous.call;
    if (call && call.phase === 'active' && !(before?.id === call.id && before.phase === 'active')) {
      // Main opens a draft only for a call it knows: let calls.started land first.
      const request = { callId: call.id, callerNumber: call.number, callerName: call.name };
      void reportsSettled().then(() => useTicketStore.getState().openForCall(request));
    }
    if (call && call.phase === 'ended' && before?.id === call.id && before.phase === 'active') {
      void useTicketStore.getState().flush();
    }
    if (state.endedCallsRecorded !== previous.endedCallsRecorded) {
      void useCallLogStore.getState().refresh();
    }
  });

  const unsubscribeTicket = useTicketStore.subscribe((state, previous) => {
    if (previous.callId && state.callId === null) usePhoneStore.getState().clearEndedCall(previous.callId);
  });

  const unsubscribeSettings = useSettingsStore.subscribe((state, previous) => {
    if (state.savedCount !== previous.savedCount) void startPhoneFromSettings();
  });

  return () => {
    unsubscribePhone();
    unsubscribeTicket();
    unsubscribeSettings();
  };
}
