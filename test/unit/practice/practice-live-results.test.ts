import { afterEach, describe, expect, it } from 'vitest';
import { createPracticeDesk, practiceSync } from '../../../src/main/practice';
import type { PracticeFinished } from '../../../src/shared/ipc/contract-practice';
import { PRACTICE_OVERVIEW_PATH, PRACTICE_RESULTS_PATH, type PracticeOverview, type StoredPracticeResult } from '../../../src/shared/practice/result';
import { practiceDeskAtCentre } from './practice-centre';
import { PASSWORDS } from '../workorder-service/people/seed';

const T0 = 1_780_000_000_000;

describe('a live practice call (a trainer played the caller) on the trainee’s desk', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const { fx, db, calls, token, signIn } = await practiceDeskAtCentre(cleanups, 'hotline-practice-live-');
    let agent = '0307';
    let signedIn: string | null = '0307';
    const practice = createPracticeDesk({
      db,
      calls,
      agent: () => agent,
      target: () => (signedIn ? { centreUrl: fx.url, token, agent: signedIn } : null),
      retryEveryMs: 60_000,
    });
    cleanups.push(() => practice.close());
    const call = (id: string, direction: 'inbound' | 'outbound', remote = { number: '1004', name: '张老师' }) => {
      const base = { id, direction, remoteNumber: remote.number, remoteName: remote.name, startedAt: T0, practice: true };
      calls.started(base);
      calls.answered({ ...base, answeredAt: T0 + 2_000 });
      calls.ended({ id, endedAt: T0 + 92_000, outcome: 'answered', endedBy: 'remote', quality: null });
    };
    return {
      fx,
      practice,
      call,
      token,
      signIn,
      setAgent: (value: string) => (agent = value),
      setSignedIn: (value: string | null) => (signedIn = value),
    };
  }

  const liveFinished = (callId: string): PracticeFinished => ({
    callId,
    scenarioId: 'land-compensation',
    scenarioVersion: 'v1-0000abcd',
    endedBy: 'caller',
    lines: [],
    holds: [{ fromMs: 10_000, toMs: 14_000 }],
    live: true,
  });

  it('is scored like a simulated call, marked live with the trainer from the call log, and reaches the centre once; the overview counts it as live', async () => {
    const { fx, practice, call, signIn } = await setUp();
    call('call-live-0001', 'inbound');
    const recorded = await practice.handlers['practice:finished'](liveFinished('call-live-0001'));
    expect(recorded).toMatchObject({
      queued: true,
      result: { scenarioId: 'land-compensation', durationMs: 90_000, endedBy: 'caller', lines: [], live: { trainerNumber: '1004', trainerName: '张老师' } },
    });
    expect((recorded as { result: { maxScore: number } }).result.maxScore).toBe(100);
    // A retry of the report keeps the first.
    expect(await practice.handlers['practice:finished'](liveFinished('call-live-0001'))).toMatchObject({ queued: false });
    await practice.uploader.settled();

    const lead = await signIn('0401', PASSWORDS.lead);
    const results = (await fx.as(lead)('GET', `${PRACTICE_RESULTS_PATH}?agent=0307`)).body.results as StoredPracticeResult[];
    expect(results.map((result) => [result.callId, result.live])).toEqual([['call-live-0001', { trainerNumber: '1004', trainerName: '张老师' }]]);
    const overview = (await fx.as(lead)('GET', PRACTICE_OVERVIEW_PATH)).body as PracticeOverview;
    const trainee = overview.trainees.find((row) => row.agent === '0307');
    expect(trainee?.scenarios).toEqual([expect.objectContaining({ scenarioId: 'land-compensation', attempts: 1, live: 1 })]);
  });

  it("the trainer's own side (a call this desk placed) is no practice result", async () => {
    const { practice, call } = await setUp();
    call('call-trainer-0001', 'outbound', { number: '1001', name: '' });
    const refused = await practice.handlers['practice:finished'](liveFinished('call-trainer-0001'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(practice.uploader.pending()).toEqual([]);
  });

  it("the trainee's history: newest first, theirs and those practised with no 工号, each with where it stands with the centre", async () => {
    const { practice, call, setAgent, setSignedIn } = await setUp();
    // Practised with nobody signed in and no profile on the desk: kept here, never sent.
    setSignedIn(null);
    setAgent('');
    call('call-anon-0001', 'inbound');
    await practice.handlers['practice:finished'](liveFinished('call-anon-0001'));
    // Practised as 0307 while signed out: waits for 0307's sign-in.
    setAgent('0307');
    call('call-wait-0001', 'inbound');
    await practice.handlers['practice:finished'](liveFinished('call-wait-0001'));
    // Another trainee's on a shared desk: not in 0307's history.
    setAgent('0501');
    call('call-other-0001', 'inbound');
    await practice.handlers['practice:finished'](liveFinished('call-other-0001'));
    setAgent('0307');

    const history = () => practice.handlers['practice:history']({ limit: 50 }) as ReturnType<typeof practice.results.history>;
    expect(history().map((entry) => [entry.result.callId, entry.agent, entry.sync])).toEqual([
      ['call-wait-0001', '0307', 'waiting'],
      ['call-anon-0001', '', 'never'],
    ]);

    setSignedIn('0307');
    practice.uploader.kick();
    await practice.uploader.settled();
    expect(history().map((entry) => [entry.result.callId, entry.sync])).toEqual([
      ['call-wait-0001', 'sent'],
      ['call-anon-0001', 'never'],
    ]);
    // The one with no 工号 never goes, whoever signs in.
    expect(practice.uploader.pending().sort()).toEqual(['call-anon-0001', 'call-other-0001']);
  });

  it('where a kept result stands: sent, refused, never without a 工号, going under its own agent only', () => {
    expect(practiceSync('done', '0307', null)).toBe('sent');
    expect(practiceSync('refused', '0307', '0307')).toBe('refused');
    expect(practiceSync('pending', '', '0307')).toBe('never');
    expect(practiceSync('pending', '0307', '0307')).toBe('sending');
    expect(practiceSync('pending', '0307', '0501')).toBe('waiting');
    expect(practiceSync('pending', '0307', null)).toBe('waiting');
  });
});
