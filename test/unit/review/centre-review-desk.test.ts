import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import { PLAYBACKS_PATH, type CentreCall } from '../../../src/shared/review/centre-review';
import { defaultScorecardTemplate } from '../../../src/shared/scorecard';
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

  it('a trainer\'s desk saves the review at the centre and shares it; the agent\'s desk then reads it; templates are published as versions', { timeout: 90_000 }, async () => {
    const centre = await reviewCentre('sqlite');
    cleanups.push(() => centre.close());
    const agent = await desk(centre.fx.url, '0307', PASSWORDS.agent);
    const trainer = await desk(centre.fx.url, '0701', 'pw-0701-secret');
    await centre.report(centre.tokens.agent, { callId: id(7), startedAt: T0, durationMs: 60_000, outcome: 'answered', callerNumber: '13812345678' });

    expect(await value(trainer, 'review:centreReview', { callId: id(7) })).toEqual({ state: 'none' });
    const note = { id: 'n1', startMs: 4_000, endMs: null, tag: 'good-practice' as const, text: '复述清楚', author: '0701', createdAt: T0 };
    const saved = await value(trainer, 'review:saveCentreReview', { callId: id(7), version: null, annotations: [note], scorecard: null });
    expect(saved).toMatchObject({ state: 'ok', review: { version: 1 } });
    expect(await value(trainer, 'review:saveCentreReview', { callId: id(7), version: null, annotations: [], scorecard: null })).toMatchObject({ state: 'conflict', current: { version: 1 } });
    // Not shared yet: the agent's desk is told so.
    expect(await value(agent, 'review:centreReview', { callId: id(7) })).toEqual({ state: 'refused', status: 403, code: 'not-shared' });
    expect(await value(trainer, 'review:shareCentreReview', { callId: id(7), shared: true })).toMatchObject({ state: 'ok', review: { sharedBy: '0701' } });
    const seen = await value(agent, 'review:centreReview', { callId: id(7) });
    expect(seen.state === 'ok' && seen.review.annotations.map((a) => a.text)).toEqual(['复述清楚']);
    const mine = await value(agent, 'review:sharedWithMe', {});
    expect(mine.state === 'ok' && mine.reviews.map((r) => r.callId)).toEqual([id(7)]);

    // Templates: the trainer publishes version 1; the agent's desk reads it; an edit of the old version is a conflict.
    expect(await value(trainer, 'scorecards:publishTemplate', { ...defaultScorecardTemplate(), version: 1 })).toMatchObject({ state: 'ok' });
    expect(await value(trainer, 'scorecards:publishTemplate', { ...defaultScorecardTemplate(), version: 1 })).toMatchObject({ state: 'conflict', current: { template: { version: 1 } } });
    expect(await value(agent, 'scorecards:publishTemplate', { ...defaultScorecardTemplate(), version: 2 })).toEqual({ state: 'refused', status: 403, code: 'forbidden' });
    // The published version is used on the desk as it is, so its scores name the centre's version.
    const version2 = { ...defaultScorecardTemplate(), version: 2, items: defaultScorecardTemplate().items.slice(1) };
    expect(await value(trainer, 'scorecards:publishTemplate', version2)).toMatchObject({ state: 'ok' });
    await value(agent, 'scorecards:adoptTemplate', version2);
    expect((await value(agent, 'scorecards:template', {})).version).toBe(2);
    const templates = await value(agent, 'scorecards:centreTemplates', {});
    expect(templates.state === 'ok' && templates.versions.map((v) => [v.id, v.version, v.createdBy])).toEqual([
      [defaultScorecardTemplate().id, 1, '0701'],
      [defaultScorecardTemplate().id, 2, '0701'],
    ]);
  });
});
