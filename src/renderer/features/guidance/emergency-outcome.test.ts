import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimelineEntrySchema, type TimelineEntryInput } from '../../../shared/domain/call';
import { defaultPack } from '../../../shared/guidance/scripts/default-pack';
import { TimelineRecorder } from '../../base/timeline-recorder';
import { TimelineWriter } from '../../base/timeline-writer';
import { emptyWorkOrderDraft } from '../../../shared/domain/work-order';
import { readWorkOrder } from './work-order-reading';
import { GuidanceSession, type GuidanceEnvironment } from './guidance-session';

const CALL_ID = 'call-emergency-0001';

let sent: TimelineEntryInput[];
let writer: TimelineWriter;
let leadMessages: string[];

function session(): GuidanceSession {
  const env: GuidanceEnvironment = {
    agent: () => ({ name: '王芳', workNumber: '0307', city: '重庆' }),
    teamLeadUri: () => 'sip:3001@pbx.example.cn',
    requestRecoveryBreak: () => false,
    sendSipMessage: (_target, body) => {
      leadMessages.push(body);
      return Promise.resolve();
    },
  };
  const timeline = new TimelineRecorder(CALL_ID, Date.now(), writer);
  const guidance = new GuidanceSession(CALL_ID, '13800138000', timeline, env, defaultPack());
  timeline.answered(Date.now());
  guidance.answered(Date.now(), { local: null, remote: null });
  return guidance;
}

async function entries(): Promise<TimelineEntryInput[]> {
  await writer.flush();
  return sent;
}

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  leadMessages = [];
  writer = new TimelineWriter((_callId, batch) => {
    sent.push(...batch);
    return Promise.resolve();
  });
});
afterEach(() => vi.useRealTimers());

describe('the emergency card is closed only by saying what was done', () => {
  it('an emergency prompt is held open, with what fired it, until the agent answers', () => {
    const guidance = session();
    guidance.hotkey('emergency');
    const prompt = guidance.state.emergency;
    expect(prompt?.kind).toBe('emergency');
    expect(guidance.state.emergencyFired).toEqual({ promptId: prompt!.id, matchedTerms: [] });
    expect(guidance.state.newestPrompt).toMatchObject({ id: prompt!.id, kind: 'emergency' });

    // The call ends before the agent answered: the engine closes its card, the question stays.
    void guidance.end();
    return vi.runAllTimersAsync().then(() => {
      expect(guidance.state.prompts.some((p) => p.kind === 'emergency')).toBe(false);
      expect(guidance.state.emergency?.id).toBe(prompt!.id);
    });
  });

  it('"reported" after alerting the lead is recorded on the timeline with the alert, and the card closes', async () => {
    const guidance = session();
    guidance.workOrder(readWorkOrder({ ...emptyWorkOrderDraft(), summary: '工地纠纷', description: '工人说要跳楼' }, (id) => id));
    const prompt = guidance.state.emergency;
    expect(prompt?.matchedTerms).toContain('跳楼');
    expect(guidance.state.emergencyFired?.matchedTerms).toContain('跳楼');
    await guidance.alertTeamLead();
    expect(leadMessages).toHaveLength(1);

    guidance.resolveEmergency('reported');
    expect(guidance.state.emergency).toBeNull();
    expect(guidance.state.prompts.some((p) => p.kind === 'emergency')).toBe(false);
    // What fired stays: the work order's urgency follows it even after the card closed.
    expect(guidance.state.emergencyFired?.promptId).toBe(prompt!.id);

    const rows = await entries();
    const outcome = rows.find((row) => row.kind === 'emergency-outcome');
    expect(outcome).toMatchObject({ subject: 'emergency', payload: { id: prompt!.id, outcome: 'reported', leadAlerted: true } });
    expect(TimelineEntrySchema.safeParse(outcome).success).toBe(true);
    expect(rows.some((row) => row.kind === 'prompt-acknowledged' && row.subject === 'emergency')).toBe(true);
  });

  it('"not an emergency" is recorded as such and the prompt is dismissed, not acknowledged', async () => {
    const guidance = session();
    guidance.hotkey('emergency');
    const prompt = guidance.state.emergency!;
    guidance.resolveEmergency('not-emergency');
    guidance.resolveEmergency('reported'); // nothing open any more: no second answer
    const rows = await entries();
    const outcomes = rows.filter((row) => row.kind === 'emergency-outcome');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ payload: { id: prompt.id, outcome: 'not-emergency', leadAlerted: false } });
    expect(rows.some((row) => row.kind === 'prompt-dismissed' && row.subject === 'emergency')).toBe(true);
  });

  it('the timeline schema refuses an outcome it does not know', () => {
    const entry = { seq: 0, kind: 'emergency-outcome', startMs: 0, payload: { id: 'emergency#1', outcome: 'ignored', leadAlerted: false } };
    expect(TimelineEntrySchema.safeParse(entry).success).toBe(false);
  });
});
