import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import { ME_PATH } from '../../../../src/shared/domain/centre/sign-in';
import { recordingAudioPath } from '../../../../src/shared/recording/recording-upload';
import { CENTRE_CALLS_PATH, PLAYBACKS_PATH, SCORECARD_TEMPLATES_PATH, reviewPath, type CentreCall, type PlaybackEntry } from '../../../../src/shared/review/centre-review';
import { defaultScorecardTemplate } from '../../../../src/shared/scorecard';
import { io } from '../people/seed';
import { STORE_KINDS } from '../fixture';
import { reviewCentre, scorecard } from './review-centre';

const CALL_A = { callId: 'call-inspect-a001', startedAt: 1_700_000_000_000, durationMs: 60_000, outcome: 'answered' as const, prompts: [], callerNumber: '13812345678', score: 80, maxScore: 100 };
const CALL_B = { ...CALL_A, callId: 'call-inspect-b001', startedAt: 1_700_000_100_000 };
const SAVE = { annotations: [{ id: 'n1', startMs: 1_000, endMs: null, tag: 'missed-restatement', text: '未复述', author: '0901', createdAt: 1 }], scorecard: scorecard(72) };

describe.each(STORE_KINDS)('the quality inspector (质检员) on %s', (kind) => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('carries the role at sign-in; reviews, scores and plays their own team\'s calls (each playback logged), never another team\'s; keeps the scorecard templates', { timeout: 90_000 }, async () => {
    const centre = await reviewCentre(kind);
    close = centre.close;
    const { fx, tokens } = centre;
    const me = await fx.as(tokens.inspectorA)('GET', ME_PATH);
    expect(me.status).toBe(200);
    expect(me.body.person).toMatchObject({ workNumber: '0901', roles: ['inspector'], teamId: 'team-a' });

    await centre.report(tokens.agent, CALL_A);
    await centre.report(tokens.agentB, CALL_B);
    const audioA = randomBytes(4_000);
    const recA = await centre.upload(tokens.agent, CALL_A.callId, audioA);
    const recB = await centre.upload(tokens.agentB, CALL_B.callId, randomBytes(3_000));

    // The call list: team a's calls; team b is refused.
    const listed = await fx.as(tokens.inspectorA)('GET', `${CENTRE_CALLS_PATH}?limit=50`);
    expect(listed.status).toBe(200);
    expect((listed.body.calls as CentreCall[]).map((call) => call.callId)).toEqual([CALL_A.callId]);
    expect((await fx.as(tokens.inspectorA)('GET', `${CENTRE_CALLS_PATH}?team=team-a`)).status).toBe(200);
    expect((await fx.as(tokens.inspectorA)('GET', `${CENTRE_CALLS_PATH}?team=team-b`)).status).toBe(403);

    // Reviews and scores: team a's call 200, team b's 403 (read and write).
    expect((await fx.as(tokens.inspectorA)('GET', reviewPath(CALL_A.callId))).status).toBe(404);
    const saved = await fx.as(tokens.inspectorA)('PUT', reviewPath(CALL_A.callId), { body: SAVE });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const read = await fx.as(tokens.inspectorA)('GET', reviewPath(CALL_A.callId));
    expect(read.status).toBe(200);
    expect(read.body.review).toMatchObject({ version: 1, scorecard: { score: 72 } });
    expect((await fx.as(tokens.inspectorA)('GET', reviewPath(CALL_B.callId))).status).toBe(403);
    expect((await fx.as(tokens.inspectorA)('PUT', reviewPath(CALL_B.callId), { body: SAVE })).status).toBe(403);
    // The inspector of team b the other way round.
    expect((await fx.as(tokens.inspectorB)('GET', reviewPath(CALL_A.callId))).status).toBe(403);
    expect((await fx.as(tokens.inspectorB)('PUT', reviewPath(CALL_B.callId), { body: SAVE })).status).toBe(200);
    // An agent reading someone else's call's review: 403 (not shared with them, not theirs).
    expect((await fx.as(tokens.otherAgentA)('GET', reviewPath(CALL_A.callId))).status).toBe(403);
    expect((await fx.as(tokens.otherAgentA)('GET', `${CENTRE_CALLS_PATH}?agent=0307`)).status).toBe(403);

    // Recordings: team a's plays (whole and a range), team b's is refused; every playback a row.
    const play = (token: string, id: string, range?: string) =>
      fetch(`${fx.url}${recordingAudioPath(id)}`, { headers: { authorization: `Bearer ${token}`, ...(range ? { range } : {}) } }).then(async (r) => ({ status: r.status, bytes: Buffer.from(await r.arrayBuffer()) }));
    const whole = await play(tokens.inspectorA, recA);
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(audioA)).toBe(true);
    const part = await play(tokens.inspectorA, recA, 'bytes=10-19');
    expect(part.status).toBe(206);
    expect(part.bytes.equals(audioA.subarray(10, 20))).toBe(true);
    expect((await play(tokens.inspectorA, recB)).status).toBe(403);
    expect((await play(tokens.otherAgentA, recA)).status).toBe(403);
    const log = (await fx.as(tokens.admin)('GET', `${PLAYBACKS_PATH}?recording=${recA}`)).body.playbacks as PlaybackEntry[];
    expect(log.map((entry) => [entry.byWorkNumber, entry.byRoles, entry.range])).toEqual([
      ['0901', ['inspector'], '10-19'],
      ['0901', ['inspector'], null],
    ]);

    // Scorecard templates: the inspector publishes; an agent and a lead may not.
    const v1 = { ...defaultScorecardTemplate(), version: 1 };
    expect((await fx.as(tokens.agent)('POST', SCORECARD_TEMPLATES_PATH, { body: v1 })).status).toBe(403);
    expect((await fx.as(tokens.lead)('POST', SCORECARD_TEMPLATES_PATH, { body: v1 })).status).toBe(403);
    expect((await fx.as(tokens.inspectorA)('POST', SCORECARD_TEMPLATES_PATH, { body: v1 })).status).toBe(201);
    expect((await fx.as(tokens.inspectorB)('POST', SCORECARD_TEMPLATES_PATH, { body: { ...v1, version: 2 } })).status).toBe(201);
  });

  it('is granted by the admin command; the new role reaches the next sign-in and its access', { timeout: 60_000 }, async () => {
    const centre = await reviewCentre(kind);
    close = centre.close;
    const { fx, tokens } = centre;
    await centre.report(tokens.agent, CALL_A);
    // A plain agent asking for their team's calls gets their own only: none of another agent's.
    const before = await fx.as(tokens.otherAgentA)('GET', `${CENTRE_CALLS_PATH}?team=team-a`);
    expect(before.status).toBe(200);
    expect(before.body.calls).toEqual([]);
    const store = await fx.openStore();
    try {
      await runAdminCommand(store, ['set-person', '--work-number', '0309', '--roles', 'agent,inspector'], Date.now(), io(''));
    } finally {
      await store.close();
    }
    // New roles sign the person out; signed in again, the token carries both.
    expect((await fx.as(tokens.otherAgentA)('GET', ME_PATH)).status).toBe(401);
    const token = await centre.signIn('0309', 'pw-0309-secret');
    expect((await fx.as(token)('GET', ME_PATH)).body.person.roles).toEqual(['agent', 'inspector']);
    const listed = await fx.as(token)('GET', `${CENTRE_CALLS_PATH}?team=team-a`);
    expect(listed.status).toBe(200);
    expect((listed.body.calls as CentreCall[]).map((call) => call.callId)).toEqual([CALL_A.callId]);
  });
});
