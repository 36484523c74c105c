import type { ShortcutAction } from '../../shared/domain/agent-state';
import { ringingCall } from '../../shared/domain/call';
import { useAgentStateStore, incomingCallPolicy, featureCodeFor, featureCodeTarget, notifyIncomingCall } from '../features/agent-state';
import { mediaRouting, useDevicesStore } from '../features/devices';
import { onHeadsetButton, useHeadsetStore, type HeadsetButtonEvent } from '../features/headset';
import { afterPaint } from '../base/perf-marks';
import { callActions, callSessions, useCallBoard } from '../features/call-session';
import { getPhoneService, usePhoneStore } from '../features/phone';
import { useSettingsStore } from '../features/settings';
import { i18n } from '../i18n/i18n';
import { bridge } from '../ipc/bridge';
import { startPhoneFromSettings } from './phone-startup';

/**
 * Joins the agent desk (states, devices, alerts, shortcuts, headset) to the phone:
 * - not Ready → incoming calls get 486 (the phone's incoming gate), or the PBX
 *   hears feature codes; Offline stops the phone, leaving Offline starts it;
 * - an answered call that ends → after-call work;
 * - a call ringing in the background → OS notification; headset ring/off-hook/mute LEDs follow the call;
 * - global shortcuts and headset buttons → phone actions.
 * Returns a function that removes the subscriptions.
 */
export function startAgentDeskCoordinator(): () => void {
  getPhoneService().setIncomingGate(() => (incomingCallPolicy() === 'busy' ? 486 : null));

  void useAgentStateStore
    .getState()
    .load()
    .then(async (settings) => {
      await useDevicesStore.getState().start(settings.devices);
      await useHeadsetStore.getState().restore();
    })
    .catch((error: unknown) => console.warn('Agent desk start-up incomplete', error));

  let closeNotification: (() => void) | null = null;
  let stopped = false;
  // Edges come as call events; the headset's lights are a projection of the board.
  const offCallEvents = callSessions.onCallEvent((event) => {
    if (event.type === 'ended') {
      useAgentStateStore.getState().send({ type: 'call-ended', answered: event.outcome === 'answered' }, 'call-ended');
      mediaRouting().prune();
    }
    if (event.type === 'ringing' && event.direction === 'inbound' && useAgentStateStore.getState().settings.notifyIncoming) {
      // After the ringing panel is on screen, if the call still rings then.
      const { callId, caller } = event;
      afterPaint(() => {
        if (stopped || callSessions.calls().find((c) => c.id === callId)?.phase !== 'ringing') return;
        closeNotification?.();
        closeNotification = notifyIncomingCall(
          i18n.t('agentState:alerts.incomingTitle', { number: caller.number || i18n.t('call.unknownNumber') }),
          i18n.t('agentState:alerts.incomingBody', { name: caller.name }),
          callId,
        );
      });
    }
  });
  const unsubscribeBoard = useCallBoard.subscribe((state) => {
    const ringing = ringingCall(state) !== null;
    if (!ringing) {
      closeNotification?.();
      closeNotification = null;
    }
    const focused = state.call;
    useHeadsetStore.getState().setIndicators({
      ring: ringing,
      offHook: state.calls.some((c) => c.phase === 'active'),
      mute: focused?.phase === 'active' && focused.muted,
    });
  });

  const unsubscribeAgent = useAgentStateStore.subscribe((state, previous) => {
    const from = previous.state.status;
    const to = state.state.status;
    if (from === to) return;
    if (to === 'offline') void usePhoneStore.getState().stop();
    else if (from === 'offline') void startPhoneFromSettings();
    if (state.settings.busySignal === 'feature-codes') sendFeatureCode(featureCodeFor(from, to));
  });

  const unsubscribeShortcuts = bridge().on('shortcuts:pressed', ({ action }) => runShortcut(action));

  const unsubscribeHeadset = onHeadsetButton(runHeadsetButton);

  return () => {
    stopped = true;
    offCallEvents();
    unsubscribeBoard();
    unsubscribeAgent();
    unsubscribeShortcuts();
    unsubscribeHeadset();
    getPhoneService().setIncomingGate(null);
  };
}

function sendFeatureCode(which: 'pause' | 'unpause' | null): void {
  if (!which) return;
  const settings = useAgentStateStore.getState().settings;
  const code = which === 'pause' ? settings.pauseCode : settings.unpauseCode;
  const account = useSettingsStore.getState().view?.settings?.account.sipUri ?? '';
  const target = featureCodeTarget(code, account);
  if (!target) return;
  getPhoneService()
    .sendMessage(target, code)
    .catch((error: unknown) => console.warn(`Feature code ${code} was not accepted`, error));
}

/** A phone shortcut, from the global (Electron) shortcut or from the same keys pressed in the page. */
export function runShortcut(action: ShortcutAction): void {
  const phone = callActions;
  const { call: front, calls } = useCallBoard.getState();
  // The call in front, or (while a finished leg, e.g. a cancelled consultation, is still in front) the live one.
  const call = front && front.phase !== 'ended' ? front : (calls.find((c) => c.phase === 'active') ?? null);
  switch (action) {
    case 'answer':
      if (ringingCall({ calls })) void phone.answer();
      break;
    case 'hangup':
      if (call) void phone.hangup(call.id);
      break;
    case 'mute':
      if (call?.phase === 'active') phone.setMuted(!call.muted, call.id);
      break;
    case 'hold':
      if (call?.phase === 'active') toggleHold(call.id, call.hold);
      break;
    case 'ready': {
      // What the bar's Ready (and, in after-call work, Done) does; a desk already 示闲 stays as it is, logged once.
      const agent = useAgentStateStore.getState();
      if (agent.state.status !== 'ready') agent.send({ type: 'ready' });
      break;
    }
  }
}

/**
 * Headset buttons. The hook switch is a state, and headsets echo the off-hook
 * indicator we set back to us as hook-switch changes: so off-hook only answers a
 * ringing call, and on-hook only hangs up an answered one (never declines a new ring).
 */
function runHeadsetButton(button: HeadsetButtonEvent): void {
  const phone = callActions;
  const { call, calls } = useCallBoard.getState();
  switch (button) {
    case 'hook-off':
      if (ringingCall({ calls }) && !calls.some((c) => c.phase === 'active')) void phone.answer();
      break;
    case 'hook-on':
      if (call?.phase === 'active') void phone.hangup(call.id);
      break;
    case 'mute-pressed':
      if (call?.phase === 'active') phone.setMuted(!call.muted, call.id);
      break;
    case 'flash-pressed':
      if (call?.phase === 'active') toggleHold(call.id, call.hold);
      break;
    case 'reject-pressed': {
      const ringing = ringingCall({ calls });
      if (ringing) void phone.decline(ringing.id);
      break;
    }
  }
}

function toggleHold(id: string, hold: string): void {
  const phone = callActions;
  // Only from a settled state: a hold or resume already in flight is left to finish.
  if (hold === 'active') void phone.hold(id);
  else if (hold === 'held') void phone.resume(id);
}
