import { callAudio } from '../base/call-audio';
import { callSessions } from '../features/call-session';
import { startPracticeCall } from '../features/practice';
import { ScriptedCallSource } from '../features/scripted-caller';

/**
 * Hooks for the end-to-end tests, installed only when the page is opened with
 * `?test-hooks` (Electron always loads the app without a query, and the
 * window cannot navigate, so a shipped desk never has them): a scripted
 * caller as a second call source beside the SIP phone.
 */
export function installTestHooks(): void {
  const source = new ScriptedCallSource();
  callSessions.attach(source);
  (window as unknown as { __hotlineTest: unknown }).__hotlineTest = {
    ring: (number: string, name: string, waiting: boolean) => source.ring({ number, name }, waiting),
    answer: (callId: string) => source.answer(callId),
    bringToFront: (callId: string) => source.resume(callId),
    hangup: (callId: string) => source.hangup(callId),
    ringPractice: (scenarioId: string) => startPracticeCall(scenarioId, 'zh-CN'),
    sessions: () => callSessions.all().map((session) => ({ callId: session.callId, workOrderId: session.workOrder.state.id })),
    /** Leases held on the shared call audio (the recorder, guidance, a monitor or conference mix). */
    callAudioLeases: () => callAudio.leaseCount,
  };
}
