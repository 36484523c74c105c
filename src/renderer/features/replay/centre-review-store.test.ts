import { afterEach, describe, expect, it } from 'vitest';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import type { CentreReview } from '../../../shared/review/centre-review';
import { installBridge } from '../../ipc/bridge';
import { addCentreAnnotation, loadCentreReview, useCentreReview } from './centre-review-store';

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
    useCentreReview.setState({ callId: null, call: null, review: null, problem: null, shared: null });
  });

  it('saves over the version read; when someone saved first it shows theirs and says so', async () => {
    const saves: { version: number | null; texts: string[] }[] = [];
    let stored = review(1, ['语气生硬']);
    installBridge({
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
});
