import { useCallLogStore } from '../features/call-log';
import { useSettingsStore } from '../features/settings';
import { startSignIn } from '../features/sign-in';
import { startSync } from '../features/sync';
import { startWorkOrders } from '../features/work-order';
import { startGuidanceDesk } from './guidance-wiring';
import { startFloorWiring } from './floor-wiring';
import { installMonitor } from '../features/monitor';
import { startAgentDeskCoordinator } from './agent-desk-coordinator';
import { startCallCoordinator } from './call-coordinator';
import { listenForFlushRequests } from './lifecycle';
import { startPhoneFromSettings } from './phone-startup';
import { loadPhonePreferences, usePhoneStore } from '../features/phone';
import { callSessions, useCallBoard } from '../features/call-session';
import { recordingDesk } from '../features/recording';
import { startLivePractice } from '../features/practice';
import { warmLazyParts } from './lazy-part';
import { untilNoCallRinging } from './no-call-ringing';
import { mark } from '../base/perf-marks';
import { warmBoldFace } from '../base/bold-face-warm';
import { useDevicesStore } from '../features/devices';
import { rehearseRinging } from '../features/call';

let booted = false;

/** Start-up: wire the features together, load settings, start the phone if configured. */
export async function boot(): Promise<void> {
  // Exactly once, whoever calls it (main.tsx at load; a hot reload in development may run it again).
  if (booted) return;
  booted = true;
  mark('hotline:boot', '');
  startCallCoordinator();
  listenForFlushRequests();
  // The agent state first (not Ready → 486 must hold from the first INVITE), then the phone:
  // its settings requests go to main ahead of the other features', as registering is what the
  // agent waits for at start. The features below are wired before any call can arrive.
  startAgentDeskCoordinator();
  const phoneStarted = loadAndStart();
  // Signed in: main saved the account the centre handed out, so load it and register. Signed
  // out (by the agent, or by the centre revoking the token): the SIP password is gone, stop the phone.
  startSignIn({ onSignedIn: () => loadAndStart(), onSignedOut: () => usePhoneStore.getState().stop() });
  startWorkOrders();
  startSync();
  startGuidanceDesk();
  // The live floor: a lead's desk follows it; every desk reports the call's guidance and draft.
  startFloorWiring();
  // Monitor legs (listen / whisper / barge / take over) are answered or placed beside the calls, never on the board.
  installMonitor();
  recordingDesk.start({ onCallEvent: (listener) => callSessions.onCallEvent(listener) });
  // A trainer's live practice call (issue 14): the trainee's desk keeps and sends its result like a simulated one's.
  startLivePractice((listener) => callSessions.onCallEvent(listener));
  if (new URLSearchParams(window.location.search).has('test-hooks')) void import('./test-hooks').then((hooks) => hooks.installTestHooks());
  void useCallLogStore.getState().refresh();
  warmAfterStart();
  await phoneStarted;
}

/** After the start's work: the phone registered (or could not), or a desk without a phone, plus a pause. */
const WARM_AFTER_MS = 2_000;
const WARM_AT_LATEST_MS = 10_000;

/**
 * What shows up in reaction to an event (a lead's emergency cards, a call's audio) is made ahead, off the start's path;
 * so is the device list.
 */
function warmAfterStart(): void {
  let started = false;
  const warm = () => {
    if (started) return;
    started = true;
    unsubscribe();
    clearTimeout(latest);
    // The call audio and the bold Chinese face at once (the first call may come as soon as the desk is registered,
    // and without them the ring would open the audio device and load the face), in the first idle moments; the lazy
    // parts can wait.
    idle(() => rehearseRinging());
    idle(() => void recordingDesk.warm());
    idle(() => warmBoldFace());
    setTimeout(() => {
      void warmLazyParts(idleWithNoCallRinging);
      // Listing the devices starts Chromium's video capture service, a process of its own: not while the desk starts.
      void untilNoCallRinging(useCallBoard).then(() => useDevicesStore.getState().watch());
    }, WARM_AFTER_MS);
  };
  const settled = (status: string) => status === 'registered' || status === 'failed';
  const unsubscribe = usePhoneStore.subscribe((state) => {
    if (settled(state.registration.status)) warm();
  });
  const latest = setTimeout(warm, WARM_AT_LATEST_MS);
}

/** An idle moment with no call ringing: between two lazy parts made ahead. */
async function idleWithNoCallRinging(): Promise<void> {
  await untilNoCallRinging(useCallBoard);
  await new Promise<void>((resolve) => idle(resolve));
  await untilNoCallRinging(useCallBoard);
}

function idle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1_000 });
  else setTimeout(fn, 0);
}

/** Also the "try again" after a failed settings load. */
export async function loadAndStart(): Promise<void> {
  // Phone preferences (backup servers, DTMF, auto-answer) must be in before the phone registers.
  // The password is asked for with them, not after: one round trip to main fewer before REGISTER.
  const password = useSettingsStore.getState().sipPassword();
  password.catch(() => undefined); // Reported by startPhoneFromSettings if it is used.
  const [view] = await Promise.all([useSettingsStore.getState().load(), loadPhonePreferences()]);
  mark('hotline:settings', '');
  if (view?.settings) await startPhoneFromSettings(password);
}
