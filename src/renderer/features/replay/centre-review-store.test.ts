import { afterEach, describe, expect, it } from 'vitest';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import type { CentreReview } from '../../../shared/review/centre-review';
import { installBridge } from '../../ipc/bridge';
import { defaultScorecardTemplate, type Scorecard } from '../../../shared/scorecard';
import { addCentreAnnotation, loadCentreReview, overrideCentreScore, useCentreReview } from './centre-review-store';

const signedIn = (roles: string[]) => () => Promise.resolve({ ok: true, value: { state: 'signed-in', person: { workNumber: '0701', roles } } });
const template = () => Promise.resolve({ ok: true, value: defaultScorecardTemplate() });

const CALL = 'call-review-0001';
const review = (version: number, texts: string[]): CentreReview => ({
  callId: CALL,
  teamId: 'team-a',
  agentPersonId: 'p1',
  annotations: texts.map((text, i) => ({ id: `n${i}`, startMs: i * 1000, endMs: null, tag: 'other', text, author: '0701', createdAt: 1 })),
  scorecard: null,
  version,
  sharedAt: null,
  sharedBy: null,
  updatedBy: '0701',
  updatedAt: 1,
});

describe('the centre\'s review in the replay', () => {
  afterEach(() => {
    installBridge(null);
    useCentreReview.setState({ callId: null, call: null, review: null, problem: null, shared: null, reviewer: false, draftCard: null });
  });

  it('saves over the version read; when someone saved first it shows theirs and says so', async () => {
    const saves: { version: number | null; texts: string[] }[] = [];
    let stored = review(1, ['语气生硬']);
    installBridge({
      centre: { status: signedIn(['trainer']) },
      scorecards: { template },
      review: {
        centreReview: () => Promise.resolve({ ok: true, value: { state: 'ok', call: { callId: CALL }, review: stored } }),
        saveCentreReview: ({ version, annotations }: { version: number | null; annotations: { text: string }[] }) => {
          saves.push({ version, texts: annotations.map((a) => a.text) });
          if (version !== stored.version) return Promise.resolve({ ok: true, value: { state: 'conflict', current: stored } });
          stored = review(stored.version + 1, annotations.map((a) => a.text));
          return Promise.resolve({ ok: true, value: { state: 'ok', review: stored } });
        },
      },
    } as unknown as HotlineBridge);
    await loadCentreReview(CALL);
    await addCentreAnnotation(CALL, { startMs: 5_200, tag: 'good-practice', text: '复述到位', author: '0701' });
    expect(useCentreReview.getState().review?.version).toBe(2);
    // Another trainer saves meanwhile: this desk's next save is over version 2 and is refused.
    stored = review(3, ['语气生硬', '复述到位', '别人的批注']);
    await addCentreAnnotation(CALL, { startMs: 9_000, tag: 'other', text: '我的批注', author: '0701' });
    expect(saves.map((s) => s.version)).toEqual([1, 2]);
    expect(useCentreReview.getState()).toMatchObject({ problem: { key: 'review.conflict' }, review: { version: 3 } });
    expect(useCentreReview.getState().review?.annotations.map((a) => a.text)).toEqual(['语气生硬', '复述到位', '别人的批注']);
  });

  it('a trainer scores a call the centre has no card for: a blank card from the template, each verdict saved with the notes', async () => {
    let stored: CentreReview | null = null;
    const saved: (Scorecard | null)[] = [];
    installBridge({
      centre: { status: signedIn(['trainer']) },
      scorecards: { template },
      review: {
        centreReview: () => Promise.resolve({ ok: true, value: stored ? { state: 'ok', call: { callId: CALL }, review: stored } : { state: 'none' } }),
        saveCentreReview: ({ annotations, scorecard }: { annotations: CentreReview['annotations']; scorecard: Scorecard | null }) => {
          saved.push(scorecard);
          stored = { ...review((stored?.version ?? 0) + 1, []), annotations, scorecard };
          return Promise.resolve({ ok: true, value: { state: 'ok', review: stored } });
        },
      },
    } as unknown as HotlineBridge);
    await loadCentreReview(CALL);
    const draft = useCentreReview.getState().draftCard!;
    expect(useCentreReview.getState().reviewer).toBe(true);
    expect(draft.pending).toBe(defaultScorecardTemplate().items.length + defaultScorecardTemplate().fatal.length);
    const [first, second] = defaultScorecardTemplate().items;
    await addCentreAnnotation(CALL, { startMs: 1_000, tag: 'good-practice', text: '开头规范', author: '0701' });
    await overrideCentreScore(CALL, { id: first!.id, verdict: 'pass', points: null, comment: '' });
    await overrideCentreScore(CALL, { id: second!.id, verdict: 'fail', points: 1, comment: '没有复述' });
    const card = useCentreReview.getState().review!.scorecard!;
    expect(card.score).toBe(first!.points + Math.min(1, second!.points));
    expect(card.items[1]!.override).toMatchObject({ verdict: 'fail', comment: '没有复述', by: '0701' });
    expect(card.pending).toBe(draft.pending - 2);
    expect(useCentreReview.getState().review!.annotations.map((a) => a.text)).toEqual(['开头规范']);
    // A fatal error zeroes it.
    await overrideCentreScore(CALL, { id: defaultScorecardTemplate().fatal[0]!.id, verdict: 'fail', points: null, comment: '推诿' });
    expect(useCentreReview.getState().review!.scorecard).toMatchObject({ score: 0, zeroed: true });
    expect(saved[0]).toBeNull();
  });

  it('an agent reads a shared review: no card of their own to fill in', async () => {
    installBridge({
      centre: { status: signedIn(['agent']) },
      scorecards: { template },
      review: { centreReview: () => Promise.resolve({ ok: true, value: { state: 'ok', call: { callId: CALL }, review: review(2, ['复述到位']) } }) },
    } as unknown as HotlineBridge);
    await loadCentreReview(CALL);
    expect(useCentreReview.getState()).toMatchObject({ reviewer: false, draftCard: null, review: { version: 2 } });
  });
});
