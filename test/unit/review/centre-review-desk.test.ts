import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import { PLAYBACKS_PATH, type CentreCall } from '../../../src/shared/review/centre-review';
import { makeTempDir } from '../../support/temp-dir';
import { PASSWORDS } from '../workorder-service/people/seed';
import { reviewCentre } from '../workorder-service/reviews/review-centre';
import { openCore, value } from '../work-orders/helpers';

const id = (n: number) => `6f1c2a8e-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T0 = Date.UTC(2026, 11, 1, 9);
const emergency = { kind: 'prompt-shown', subject: 'emergency', startMs: 9000, payload: { id: 'p1', kind: 'emergency', priority: 100, severity: 'critical', title: '紧急' } } as const;

describe('case review at the centre from the desk: calls reported, searched by a trainer on another desk, recordings fetched by range', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function desk(centreUrl: string, workNumber: string, password: string): Promise<AppCore> {
    const dir = makeTempDir('hotline-review-desk-');
    const core = openCore(dir.path, { embeddedDatabasePath: null });
    cleanups.push(() => dir.remove(), () => core.close());
    const signedIn = await value(core, 'centre:signIn', { centreUrl, workNumber, password });
    expect(signedIn.outcome, JSON.stringify(signedIn)).toBe('signed-in');
    return core;
  }

  /** Asks the centre through the trainer's desk until `check` holds (bounded: the reports go out as the calls end). */
  async function centreCallsUntil(core: AppCore, check: (calls: CentreCall[]) => boolean, query = {}) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const reply = await value(core, 'replay:centreCalls', query);
      if (reply.state === 'ok' && check(reply.page.calls)) return reply.page.calls;
      if (Date.now() > deadline) throw new Error(`the centre's call list never matched: ${JSON.stringify(reply)}`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  it('each ended call reaches the centre once (practice never), its score follows, and the trainer\'s desk lists, filters and plays it', { timeout: 90_000 }, async () => {
    const centre = await reviewCentre('sqlite');
    cleanups.push(() => centre.close());
    const agent = await desk(centre.fx.url, '0307', PASSWORDS.agent);
    const trainer = await desk(centre.fx.url, '0701', 'pw-0701-secret');

    const call = async (n: number, options: { practice?: boolean; prompts?: boolean } = {}) => {
      const startedAt = T0 + n * 60_000;
      const base = { id: id(n), direction: 'inbound', remoteNumber: '13812345678', remoteName: '', startedAt, practice: options.practice ?? false } as const;
      await value(agent, 'calls:event', { type: 'ringing', ...base });
      await value(agent, 'calls:event', { type: 'answered', ...base, answeredAt: startedAt + 2000 });
      if (options.prompts) await value(agent, 'guidance:appendTimeline', { callId: id(n), entries: [{ ...emergency, seq: 0 }] });
      await value(agent, 'calls:event', { type: 'ended', id: id(n), endedAt: startedAt + 62_000, outcome: 'answered', endedBy: 'remote' });
    };
    await call(1, { prompts: true });
    await call(2);
    await call(3, { practice: true });

    const listed = await centreCallsUntil(trainer, (calls) => calls.length === 2);
    expect(listed.map((c) => [c.callId, c.agentWorkNumber, c.durationMs, c.callerNumber, c.prompts])).toEqual([
      [id(2), '0307', 60_000, '138****5678', []],
      [id(1), '0307', 60_000, '138****5678', ['emergency']],
    ]);
    // The second call of the same number is a repeat; filters go through to the centre.
    expect(listed[0]!.repeatCaller).toBe(true);
    const emergencies = await value(trainer, 'replay:centreCalls', { prompts: ['emergency'] });
    expect(emergencies.state === 'ok' && emergencies.page.calls.map((c) => c.callId)).toEqual([id(1)]);

    // Scored on the agent's desk: the score follows to the centre.
    const scored = await value(agent, 'scorecards:score', { callId: id(2) });
    await centreCallsUntil(trainer, (calls) => calls.some((c) => c.callId === id(2) && c.score === scored.card.score));

    // The recording is not on the trainer's desk: fetched from the centre in 1 MiB ranges, each logged there.
    const audio = randomBytes(2_500_000);
    const recordingId = await centre.upload(centre.tokens.agent, id(1), audio, T0);
    const [withRecording] = await centreCallsUntil(trainer, (calls) => calls.some((c) => c.recordingId === recordingId), { prompts: ['emergency'] });
    expect(withRecording!.recordingId).toBe(recordingId);
    const fetched = await value(trainer, 'replay:centreAudio', { recordingId });
    expect(fetched.state).toBe('ok');
    expect(fetched.state === 'ok' && Buffer.from(fetched.base64, 'base64').equals(audio)).toBe(true);
    const log = (await centre.fx.as(centre.tokens.admin)('GET', `${PLAYBACKS_PATH}?recording=${recordingId}`)).body.playbacks as { byWorkNumber: string; range: string }[];
    expect(log.map((p) => [p.byWorkNumber, p.range]).reverse()).toEqual([
      ['0701', '0-1048575'],
      ['0701', '1048576-2097151'],
      ['0701', '2097152-2499999'],
    ]);

    // The agent's desk sees its own calls only; another team's list is refused, and said so.
    const own = await value(agent, 'replay:centreCalls', {});
    expect(own.state === 'ok' && own.page.calls.length).toBe(2);
    expect(await value(agent, 'replay:centreCalls', { team: 'team-b' })).toEqual({ state: 'refused', status: 403, code: 'forbidden' });
  });
});
