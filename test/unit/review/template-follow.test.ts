import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCentreReviewDesk } from '../../../src/main/replay/centre-review-desk';
import { ScoreStore } from '../../../src/main/scorecard/score-store';
import { openDatabase } from '../../../src/main/store/database';
import { SCORECARD_TEMPLATES_PATH } from '../../../src/shared/review/centre-review';
import { defaultScorecardTemplate } from '../../../src/shared/scorecard';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { reviewCentre } from '../workorder-service/reviews/review-centre';

describe('a desk follows the centre\'s scorecard template', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('uses the centre\'s latest version as it is, once; signed out it keeps its own', { timeout: 60_000 }, async () => {
    const centre = await reviewCentre('sqlite');
    cleanups.push(() => centre.close());
    const dir = makeTempDir('hotline-template-follow-');
    const db = openDatabase(join(dir.path, 'desk.sqlite'));
    cleanups.push(() => dir.remove(), () => void db.close());
    let signedIn = false;
    const desk = createCentreReviewDesk({
      db,
      target: () => (signedIn ? { centreUrl: centre.fx.url, token: centre.tokens.agent, agent: '0307' } : null),
      bundles: { calls: { get: () => null }, audio: { bytes: () => null, info: () => ({ available: false, holds: [], durationMs: 0, mime: '', peaks: null }) }, cipher: createTestCipher(), agent: () => '0307' },
    });
    cleanups.push(() => desk.close());
    const scores = new ScoreStore(db);

    expect(await desk.syncTemplate()).toBe('unavailable');
    signedIn = true;
    // The centre has no template yet: the desk keeps the built-in one.
    expect(await desk.syncTemplate()).toBe('current');
    const v2 = { ...defaultScorecardTemplate(), version: 2, items: defaultScorecardTemplate().items.map((item, i) => (i === 0 ? { ...item, points: 15 } : item)) };
    for (const version of [{ ...defaultScorecardTemplate(), version: 1 }, v2]) {
      expect((await centre.fx.as(centre.tokens.trainerA)('POST', SCORECARD_TEMPLATES_PATH, { body: version })).status).toBe(201);
    }
    expect(await desk.syncTemplate()).toBe('adopted');
    expect(scores.template()).toEqual(v2);
    expect(await desk.syncTemplate()).toBe('current');
  });
});
