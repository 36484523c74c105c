import { afterEach, describe, expect, it } from 'vitest';
import {
  CENTRE_CALLS_PATH,
  SCORECARD_TEMPLATES_PATH,
  SHARED_REVIEWS_PATH,
  reviewPath,
  reviewSharePath,
  type CentreAnnotation,
  type CentreReview,
} from '../../../../src/shared/review/centre-review';
import { defaultScorecardTemplate } from '../../../../src/shared/scorecard';
import { STORE_KINDS } from '../fixture';
import { reviewCentre, scorecard } from './review-centre';

const CALL = { callId: 'call-review-0001', startedAt: 1_700_000_000_000, durationMs: 90_000, outcome: 'answered' as const, prompts: ['dead-air'], callerNumber: '13812345678', score: 70, maxScore: 100 };
const note = (id: string, startMs: number, text: string): CentreAnnotation => ({ id, startMs, endMs: null, tag: 'blunt-wording', text, author: '0701', createdAt: 1 });

describe.each(STORE_KINDS)('shared reviews and versioned scorecard templates on %s', (kind) => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('a trainer saves annotations and the scorecard at the centre; the agent sees the review only once shared; edits over a stale version are refused', { timeout: 90_000 }, async () => {
    const centre = await reviewCentre(kind);
    close = centre.close;
    const { fx, tokens } = centre;
    await centre.report(tokens.agent, CALL);
    const path = reviewPath(CALL.callId);

    expect((await fx.as(tokens.trainerA)('GET', path)).status).toBe(404);
    const first = await fx.as(tokens.trainerA)('PUT', path, { body: { annotations: [note('n1', 1_000, '语气生硬')], scorecard: scorecard(85) } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.body).toMatchObject({ version: 1, sharedAt: null, updatedBy: '0701', agentPersonId: expect.any(String) });

    // The call list now carries the trainer's score, and a desk reporting the call again does not replace it.
    await centre.report(tokens.agent, { ...CALL, score: 40 });
    const listed = (await fx.as(tokens.trainerA)('GET', `${CENTRE_CALLS_PATH}?minScore=85`)).body.calls;
    expect(listed.map((c: { callId: string; score: number }) => [c.callId, c.score])).toEqual([[CALL.callId, 85]]);

    // Not shared yet: the agent is refused; others always are.
    expect((await fx.as(tokens.agent)('GET', path)).status).toBe(403);
    expect((await fx.as(tokens.agent)('GET', SHARED_REVIEWS_PATH)).body.reviews).toEqual([]);
    for (const token of [tokens.trainerB, tokens.otherAgentA, tokens.agentB]) {
      expect((await fx.as(token)('GET', path)).status).toBe(403);
      expect((await fx.as(token)('PUT', path, { body: { annotations: [], scorecard: null } })).status).toBe(403);
    }
    // The agent cannot write or share their own review.
    expect((await fx.as(tokens.agent)('PUT', path, { body: { annotations: [], scorecard: null } })).status).toBe(403);
    expect((await fx.as(tokens.agent)('POST', reviewSharePath(CALL.callId), { body: { shared: true } })).status).toBe(403);

    // Two trainers edit version 1: the second is told and given the current review.
    const lead = await fx.as(tokens.lead)('PUT', path, { headers: { 'if-match': '"1"' }, body: { annotations: [note('n1', 1_000, '语气生硬'), note('n2', 5_000, '复述到位')], scorecard: scorecard(90) } });
    expect(lead.status).toBe(200);
    expect(lead.body.version).toBe(2);
    const stale = await fx.as(tokens.trainerA)('PUT', path, { headers: { 'if-match': '"1"' }, body: { annotations: [], scorecard: null } });
    expect(stale.status).toBe(409);
    expect((stale.body.current as CentreReview).annotations.map((a) => a.id)).toEqual(['n1', 'n2']);
    // A first save over an existing review is a conflict too.
    expect((await fx.as(tokens.trainerA)('PUT', path, { body: { annotations: [], scorecard: null } })).status).toBe(409);
    // An invalid annotation: nothing saved.
    expect((await fx.as(tokens.trainerA)('PUT', path, { headers: { 'if-match': '"2"' }, body: { annotations: [{ ...note('n3', 9, 'x'), endMs: 1 }], scorecard: null } })).status).toBe(422);

    // Shared: the agent reads it, and lists it among their shared reviews; taken back, refused again.
    const shared = await fx.as(tokens.trainerA)('POST', reviewSharePath(CALL.callId), { body: { shared: true } });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ sharedBy: '0701', version: 2 });
    const seen = await fx.as(tokens.agent)('GET', path);
    expect(seen.status).toBe(200);
    expect(seen.body.review.annotations.map((a: CentreAnnotation) => a.text)).toEqual(['语气生硬', '复述到位']);
    expect(seen.body.review.scorecard.score).toBe(90);
    expect(seen.body.call.callerNumber).toBe('138****5678');
    expect((await fx.as(tokens.agent)('GET', SHARED_REVIEWS_PATH)).body.reviews.map((r: CentreReview) => r.callId)).toEqual([CALL.callId]);
    expect((await fx.as(tokens.otherAgentA)('GET', SHARED_REVIEWS_PATH)).body.reviews).toEqual([]);
    expect((await fx.as(tokens.trainerA)('GET', `${CENTRE_CALLS_PATH}?limit=1`)).body.calls[0].shared).toBe(true);
    await fx.as(tokens.trainerA)('POST', reviewSharePath(CALL.callId), { body: { shared: false } });
    expect((await fx.as(tokens.agent)('GET', path)).status).toBe(403);
    // Sharing a call with no review: 404; an unknown call: 404.
    await centre.report(tokens.agent, { ...CALL, callId: 'call-review-0002' });
    expect((await fx.as(tokens.trainerA)('POST', reviewSharePath('call-review-0002'), { body: { shared: true } })).status).toBe(404);
    expect((await fx.as(tokens.trainerA)('GET', reviewPath('call-review-9999'))).status).toBe(404);
  });

  it('templates are versioned at the centre: each save is the next version, old versions stay readable, a score keeps the version it was judged with', { timeout: 90_000 }, async () => {
    const centre = await reviewCentre(kind);
    close = centre.close;
    const { fx, tokens } = centre;
    const v1 = { ...defaultScorecardTemplate(), version: 1 };
    expect((await fx.as(tokens.agent)('POST', SCORECARD_TEMPLATES_PATH, { body: v1 })).status).toBe(403);
    expect((await fx.as(tokens.trainerA)('POST', SCORECARD_TEMPLATES_PATH, { body: v1 })).status).toBe(201);
    // The same version again (a second editor on the old copy): refused with the latest.
    const again = await fx.as(tokens.admin)('POST', SCORECARD_TEMPLATES_PATH, { body: { ...v1, items: v1.items.slice(1) } });
    expect(again.status).toBe(409);
    expect(again.body.current.template.version).toBe(1);
    // Version 2 changes one weight.
    const v2 = { ...v1, version: 2, items: v1.items.map((item, i) => (i === 0 ? { ...item, points: item.points + 5 } : item)) };
    expect((await fx.as(tokens.trainerB)('POST', SCORECARD_TEMPLATES_PATH, { body: v2 })).status).toBe(201);
    expect((await fx.as(tokens.trainerA)('POST', SCORECARD_TEMPLATES_PATH, { body: { ...v1, version: 4 } })).status).toBe(409);
    expect((await fx.as(tokens.trainerA)('POST', SCORECARD_TEMPLATES_PATH, { body: { ...v1, version: 3, items: [] } })).status).toBe(422);

    const listed = (await fx.as(tokens.agent)('GET', SCORECARD_TEMPLATES_PATH)).body;
    expect(listed.templates.map((t: { template: { id: string; version: number } }) => [t.template.id, t.template.version])).toEqual([[v1.id, 2]]);
    expect(listed.versions.map((v: { version: number; createdBy: string }) => [v.version, v.createdBy])).toEqual([[1, '0701'], [2, '0801']]);
    const old = await fx.as(tokens.agent)('GET', `${SCORECARD_TEMPLATES_PATH}/${v1.id}/versions/1`);
    expect(old.body.template.items[0].points).toBe(v1.items[0]!.points);

    // A review scored with version 1 keeps naming it after version 2 exists.
    await centre.report(tokens.agent, CALL);
    await fx.as(tokens.trainerA)('PUT', reviewPath(CALL.callId), { body: { annotations: [], scorecard: { ...scorecard(80, 1), templateId: v1.id } } });
    const review = (await fx.as(tokens.trainerA)('GET', reviewPath(CALL.callId))).body.review as CentreReview;
    expect(review.scorecard).toMatchObject({ templateId: v1.id, templateVersion: 1 });
    expect(await fx.rows(`SELECT template_version FROM call_reviews WHERE call_id = '${CALL.callId}'`)).toEqual([{ template_version: 1 }]);
  });
});
