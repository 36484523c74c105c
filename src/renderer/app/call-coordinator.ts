import { callSessions, ledgerReporter } from '../features/call-session';
import { useCallLogStore } from '../features/call-log';
import { sipCallSource } from '../features/phone';
import { onSettingsSaved } from '../features/settings';
import { workOrderDesk } from '../features/work-order';
import { startPhoneFromSettings } from './phone-startup';

/**
 * The few rules that join features together, in one place so no feature
 * imports another's store for them:
 * - the SIP phone is a call source of the desk's call sessions;
 * - main recorded a call's end → reload the call log;
 * - the agent closed a call's work order → the finished call's panel goes too;
 * - settings saved → restart the phone with the new account.
 * Returns a function that removes the subscriptions.
 */
export function startCallCoordinator(): () => void {
  const detachPhone = callSessions.attach(sipCallSource);
  ledgerReporter.onEndRecorded = () => void useCallLogStore.getState().refresh();
  workOrderDesk.onCallWorkOrderClosed = (callId) => callSessions.clearEnded(callId);
  const offSaved = onSettingsSaved(() => void startPhoneFromSettings());
  return () => {
    detachPhone();
    offSaved();
    ledgerReporter.onEndRecorded = () => undefined;
    workOrderDesk.onCallWorkOrderClosed = () => undefined;
  };
}
