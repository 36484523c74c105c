import { useCallLogStore } from '../features/call-log/call-log-store';
import { reportsSettled } from '../features/phone/call-reporter';
import { afterPaint } from '../features/phone/perf-marks';
import { usePhoneStore } from '../features/phone/phone-store';
import { useSettingsStore } from '../features/settings/settings-store';
import { useCallerHistoryStore } from '../features/history/caller-history-store';
import { useWorkOrderStore } from '../features/work-order/work-order-store';
import { startPhoneFromSettings } from './phone-startup';

/**
 * The few rules that join features together, in one place so no feature
 * imports another's store for them:
 * - ringing call → look up the caller's earlier work orders (screen pop); call gone → clear them;
 * - answered call → open its work-order draft; call ended → save the draft now;
 * - main recorded a call's end → reload the call log;
 * - work order closed → the finished call's panel goes too;
 * - settings saved → restart the phone with the new account.
 * Returns a function that removes the subscriptions.
 */
export function startCallCoordinator(): () => void {
  let stopped = false;
  const unsubscribePhone = usePhoneStore.subscribe((state, previous) => {
    const call = state.call;
    const before = previous.call;
    if (call && call.phase === 'ringing' && before?.id !== call.id) {
      // After the ringing panel is on screen: the look-up (IPC, then its own render) must not delay it.
      const { id, number } = call;
      afterPaint(() => {
        if (stopped || usePhoneStore.getState().call?.id !== id) return;
        void useCallerHistoryStore.getState().lookup(id, number);
      });
    }
    if (!call && before) useCallerHistoryStore.getState().clear();
    if (call && call.phase === 'active' && !(before?.id === call.id && before.phase === 'active')) {
      // Main opens a draft only for a call it knows: let calls.started land first.
      const request = { callId: call.id, callerNumber: call.number, callerName: call.name };
      void reportsSettled().then(() => useWorkOrderStore.getState().openForCall(request));
    }
    if (call && call.phase === 'ended' && before?.id === call.id && before.phase === 'active') {
      void useWorkOrderStore.getState().flush();
    }
    if (state.endedCallsRecorded !== previous.endedCallsRecorded) {
      void useCallLogStore.getState().refresh();
    }
  });

  const unsubscribeWorkOrder = useWorkOrderStore.subscribe((state, previous) => {
    if (previous.callId && state.callId !== previous.callId) usePhoneStore.getState().clearEndedCall(previous.callId);
  });

  const unsubscribeSettings = useSettingsStore.subscribe((state, previous) => {
    if (state.savedCount !== previous.savedCount) void startPhoneFromSettings();
  });

  return () => {
    stopped = true;
    unsubscribePhone();
    unsubscribeWorkOrder();
    unsubscribeSettings();
  };
}
