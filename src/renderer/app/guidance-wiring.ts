import { RECOVERY_BREAK_REASON } from '../../shared/domain/agent-state';
import { useAgentStateStore } from '../features/agent-state';
import { guidanceDesk, useGuidanceStore } from '../features/guidance';
import { getPhoneService } from '../features/phone';
import { useSettingsStore } from '../features/settings';
import { useRecordingStore } from '../features/recording';
import { raiseEmergencyFromGuidance } from './floor-wiring';

/**
 * Everything live guidance needs from other features, in this one place: the
 * agent's identity, the team lead's address, the recovery break, the phone's
 * SIP MESSAGE. Returns the stop function.
 */
export function startGuidanceDesk(): () => void {
  return guidanceDesk.start({
    agent: () => {
      const view = useSettingsStore.getState().view;
      const settings = view?.settings;
      return { name: settings?.account.displayName ?? '', workNumber: settings?.agent.workNumber ?? '', city: settings?.agent.city ?? '', cityEn: view?.cityInEnglish };
    },
    watchAgentIdentity: (listener) =>
      useSettingsStore.subscribe((state, previous) => {
        if (state.view !== previous.view) listener();
      }),
    teamLeadUri: () => useGuidanceStore.getState().settings.teamLeadUri,
    requestRecoveryBreak,
    sendSipMessage: (target, body, contentType) => getPhoneService().sendMessage(target, body, contentType),
    // The centre pops the emergency on every lead of the team; the SIP MESSAGE above is the fallback.
    raiseEmergency: raiseEmergencyFromGuidance,
    onSipMessage: (listener) => getPhoneService().onMessage(listener),
    recordingNotice: () => (useRecordingStore.getState().settings?.policy ?? 'all') !== 'none',
  });
}

/**
 * The short recovery after an abusive call: the agent goes on Break with the
 * recovery reason, through the agent-state store (so the PBX stops offering
 * calls and the state log has it). The reason is used even where the desk's
 * configured list no longer names it. True when the agent is now on that break.
 */
export function requestRecoveryBreak(): boolean {
  const store = useAgentStateStore.getState();
  store.send({ type: 'break', reason: RECOVERY_BREAK_REASON }, 'agent');
  const { state } = useAgentStateStore.getState();
  return state.status === 'break' && state.breakReason === RECOVERY_BREAK_REASON;
}
