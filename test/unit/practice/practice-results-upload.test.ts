import { afterEach, describe, expect, it } from 'vitest';
import { createPracticeDesk } from '../../../src/main/practice';
import { TimelineRepo } from '../../../src/main/timeline/timeline-repo';
import { PRACTICE_RESULTS_PATH, type StoredPracticeResult } from '../../../src/shared/practice/result';
import { practiceDeskAtCentre } from './practice-centre';

const T0 = 1_780_000_000_000;

describe('practice results: scored on the desk, sent to the centre once', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const { fx, db, calls, token } = await practiceDeskAtCentre(cleanups, 'hotline-practice-results-');
    let signedIn = true;
    const practice = createPracticeDesk({ db, calls, agent: () => '0307', target: () => (signedIn ? { centreUrl: fx.url, token, agent: '0307' } : null), retryEveryMs: 60_000 });
    cleanups.push(() => practice.close());
    const centreResults = async () => ((await fx.as(token)('GET', PRACTICE_RESULTS_PATH)).body.results as StoredPracticeResult[]);
    const practiceCall = (id: string, practiceFlag = true) => {
      const base = { id, direction: 'inbound' as const, remoteNumber: '13800000000', remoteName: '', startedAt: T0, practice: practiceFlag };
      calls.started(base);
      calls.answered({ ...base, answeredAt: T0 + 3_000 });
      calls.ended({ id, endedAt: T0 + 63_000, outcome: 'answered', endedBy: 'remote', quality: null });
      new TimelineRepo(db).append(id, [
        { seq: 0, kind: 'signal', subject: 'interruption', startMs: 5_000, endMs: null, payload: { by: 'agent' } },
        { seq: 1, kind: 'signal', subject: 'interruption', startMs: 9_000, endMs: null, payload: { by: 'agent' } },
        { seq: 2, kind: 'signal', subject: 'speech', startMs: 1_000, endMs: 2_000, payload: { side: 'agent' } },
      ]);
    };
    return { db, practice, centreResults, practiceCall, setSignedIn: (value: boolean) => (signedIn = value) };
  }

  const finished = (callId: string) => ({
    callId,
    scenarioId: 'elderly-hard-of-hearing',
    scenarioVersion: 'v1-12345678',
    endedBy: 'caller' as const,
    lines: [
      { id: 'open', atMs: 6_000 },
      { id: 'lost', atMs: 12_000 },
    ],
    holds: [{ fromMs: 20_000, toMs: 30_000 }],
  });

  it('keeps the scored result with the signals that fired, and sends it once, also after an answer lost on the way', async () => {
    const { db, practice, centreResults, practiceCall } = await setUp();
    practiceCall('practice-00000001');
    const recorded = await practice.handlers['practice:finished'](finished('practice-00000001'));
    expect(recorded).toMatchObject({ queued: true, result: { scenarioId: 'elderly-hard-of-hearing', durationMs: 60_000, endedBy: 'caller', signals: { 'signal:interruption': 2, 'signal:speech': 1 } } });
    const { result } = recorded as { result: { items: { id: string }[]; maxScore: number } };
    expect(result.items.length).toBeGreaterThan(3);
    expect(result.maxScore).toBe(100);
    // Reported again (a renderer retry): the first stays, nothing new is queued.
    expect(await practice.handlers['practice:finished'](finished('practice-00000001'))).toMatchObject({ queued: false });

    await practice.uploader.settled();
    await expect.poll(() => practice.uploader.pending().length).toBe(0);
    expect((await centreResults()).map((r) => r.callId)).toEqual(['practice-00000001']);
    expect((await centreResults())[0]).toMatchObject({ agent: '0307', teamId: 'team-a', lines: finished('x').lines, holds: [{ fromMs: 20_000, toMs: 30_000 }] });

    // The desk stopped after the centre stored it but before it noted so: the resend under the same key stores nothing more.
    db.prepare("UPDATE practice_results SET upload_state = 'pending'").run();
    practice.uploader.kick();
    await practice.uploader.settled();
    expect(practice.uploader.pending()).toEqual([]);
    expect(await centreResults()).toHaveLength(1);
    // Never a work order: the desk queued none, the centre has none.
    expect(db.prepare('SELECT COUNT(*) FROM work_orders').pluck().get()).toBe(0);
  });

  it('signed out, results wait on the desk and go at the next sign-in; a real call is never a practice result', async () => {
    const { practice, centreResults, practiceCall, setSignedIn } = await setUp();
    setSignedIn(false);
    practiceCall('practice-00000002');
    await practice.handlers['practice:finished'](finished('practice-00000002'));
    await practice.uploader.settled();
    expect(practice.uploader.pending()).toEqual(['practice-00000002']);
    setSignedIn(true);
    practice.uploader.kick();
    await practice.uploader.settled();
    expect(practice.uploader.pending()).toEqual([]);
    expect(await centreResults()).toHaveLength(1);

    practiceCall('call-real-0001', false);
    const refused = await practice.handlers['practice:finished'](finished('call-real-0001'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
