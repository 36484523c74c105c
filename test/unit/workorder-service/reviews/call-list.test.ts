import { afterEach, describe, expect, it } from 'vitest';
import { CENTRE_CALLS_PATH, type CallSummaryInput, type CentreCall } from '../../../../src/shared/review/centre-review';
import { STORE_KINDS } from '../fixture';
import { reviewCentre } from './review-centre';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 1, 0, 0);
const PROMPTS = [[], ['emergency'], ['abusive-caller', 'dead-air'], ['dead-air'], []] as const;
const OUTCOMES = ['answered', 'answered', 'missed', 'answered', 'declined'] as const;

/** 40 calls of agent 0307 and 10 of agent 0309 (team a), 5 of agent 0501 (team b), varied on every filter. */
function calls(): { token: 'agent' | 'otherAgentA' | 'agentB'; call: CallSummaryInput }[] {
  const out: { token: 'agent' | 'otherAgentA' | 'agentB'; call: CallSummaryInput }[] = [];
  for (let n = 0; n < 55; n++) {
    const token = n < 40 ? 'agent' : n < 50 ? 'otherAgentA' : 'agentB';
    out.push({
      token,
      call: {
        callId: `call-list-${String(n).padStart(4, '0')}`,
        // Two calls at the same moment (n 10 and 11), so paging must order by the id too.
        startedAt: T0 + (n === 11 ? 10 : n) * (DAY / 4),
        durationMs: OUTCOMES[n % 5] === 'answered' ? 30_000 + n * 10_000 : null,
        outcome: OUTCOMES[n % 5]!,
        prompts: [...PROMPTS[n % 5]!],
        // Every 9th call is from one number: repeats within the week after the first.
        callerNumber: n % 9 === 0 ? '138 1234 5678' : `139${String(10_000_000 + n)}`,
        score: n % 3 === 0 ? null : 60 + (n % 40),
        maxScore: n % 3 === 0 ? null : 100,
      },
    });
  }
  return out;
}

describe.each(STORE_KINDS)('the trainer\'s call list on %s', (kind) => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('filters by agent, team, date, duration, outcome, prompts, repeat caller and score, pages by cursor, and keeps an agent to their own calls', { timeout: 90_000 }, async () => {
    const centre = await reviewCentre(kind);
    close = centre.close;
    const { fx, tokens } = centre;
    // Reported newest first, so a repeat is marked when its earlier call arrives later too.
    const all = calls();
    for (const { token, call } of [...all].reverse()) await centre.report(tokens[token], call);
    const list = async (token: string, query: string) => {
      const reply = await fx.as(token)('GET', `${CENTRE_CALLS_PATH}?${query}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body as { calls: CentreCall[]; nextCursor: string | null };
    };
    /** Every page, following the cursor. */
    const everything = async (token: string, query: string, limit = 7) => {
      const seen: CentreCall[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 50; page++) {
        const body = await list(token, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...body.calls);
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      return seen.map((c) => c.callId);
    };
    const teamA = all.filter((c) => c.token !== 'agentB').map((c) => c.call);
    const newestFirst = (xs: CallSummaryInput[]) =>
      [...xs].sort((a, b) => b.startedAt - a.startedAt || (a.callId < b.callId ? 1 : -1)).map((c) => c.callId);

    // Paging: every call of team a once, newest first, same-moment calls by id.
    expect(await everything(tokens.trainerA, 'team=team-a')).toEqual(newestFirst(teamA));
    expect(await everything(tokens.trainerA, '')).toEqual(newestFirst(teamA));
    // Each filter against the same question asked of the reported calls.
    const cases: [string, (c: CallSummaryInput) => boolean][] = [
      ['agent=0309', (c) => Number(c.callId.slice(-4)) >= 40],
      [`from=${T0 + 2 * DAY}&to=${T0 + 5 * DAY}`, (c) => c.startedAt >= T0 + 2 * DAY && c.startedAt < T0 + 5 * DAY],
      ['minDurationMs=100000&maxDurationMs=300000', (c) => c.durationMs !== null && c.durationMs! >= 100_000 && c.durationMs! <= 300_000],
      ['outcome=missed', (c) => c.outcome === 'missed'],
      ['prompts=emergency,abusive-caller', (c) => (c.prompts ?? []).some((p) => p === 'emergency' || p === 'abusive-caller')],
      ['minScore=80&maxScore=95', (c) => c.score != null && c.score >= 80 && c.score <= 95],
      [`agent=0307&prompts=dead-air&from=${T0 + DAY}`, (c) => Number(c.callId.slice(-4)) < 40 && (c.prompts ?? []).includes('dead-air') && c.startedAt >= T0 + DAY],
    ];
    for (const [query, keep] of cases) expect(await everything(tokens.trainerA, query), query).toEqual(newestFirst(teamA.filter(keep)));

    // Repeat callers: the same number within 7 days of an earlier call (calls 0, 9, 18, 27, 36, 45 are 2.25 days apart).
    const repeats = await everything(tokens.trainerA, 'repeat=true');
    expect(repeats).toEqual(['call-list-0045', 'call-list-0036', 'call-list-0027', 'call-list-0018', 'call-list-0009']);
    const shown = (await list(tokens.trainerA, 'repeat=true&limit=1')).calls[0]!;
    expect(shown).toMatchObject({ callerNumber: '138****5678', repeatCaller: true, agentWorkNumber: '0309', teamId: 'team-a', shared: false });

    // The lead of teams a and b gets both, merged newest first; a trainer of team b only b.
    expect(await everything(tokens.lead, '', 10)).toEqual(newestFirst(all.map((c) => c.call)));
    expect(await everything(tokens.trainerB, '')).toEqual(newestFirst(all.filter((c) => c.token === 'agentB').map((c) => c.call)));
    expect((await fx.as(tokens.trainerB)('GET', `${CENTRE_CALLS_PATH}?team=team-a`)).status).toBe(403);

    // An agent sees their own calls only, whatever they ask.
    const own = await everything(tokens.otherAgentA, '');
    expect(own).toEqual(newestFirst(teamA.filter((c) => Number(c.callId.slice(-4)) >= 40)));
    expect(await everything(tokens.otherAgentA, 'team=team-a&outcome=answered')).toEqual(
      newestFirst(teamA.filter((c) => Number(c.callId.slice(-4)) >= 40 && c.outcome === 'answered')),
    );
    expect((await fx.as(tokens.otherAgentA)('GET', `${CENTRE_CALLS_PATH}?agent=0307`)).status).toBe(403);
    expect((await fx.as(tokens.agentB)('GET', `${CENTRE_CALLS_PATH}?team=team-a`)).status).toBe(403);

    // Bad queries are 400; a call id reported by someone else is refused.
    for (const query of ['limit=0', 'cursor=nonsense', 'outcome=lost', 'prompts=BAD!', 'unknown=1']) {
      expect((await fx.as(tokens.trainerA)('GET', `${CENTRE_CALLS_PATH}?${query}`)).status, query).toBe(400);
    }
    expect((await fx.as(tokens.agentB)('POST', CENTRE_CALLS_PATH, { body: all[0]!.call })).status).toBe(409);
    // Reported again by its agent: replaced, not doubled.
    await centre.report(tokens.agent, { ...all[0]!.call, outcome: 'answered', durationMs: 5_000 });
    expect((await fx.rows("SELECT COUNT(*) AS n FROM centre_calls WHERE call_id = 'call-list-0000'")).map((r) => Number((r as { n: unknown }).n))).toEqual([1]);
  });
});
