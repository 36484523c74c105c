import { afterEach, describe, expect, it } from 'vitest';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import type { CentreCallSearch } from '../../../shared/ipc/contract-centre-review';
import type { CentreCall } from '../../../shared/review/centre-review';
import { installBridge } from '../../ipc/bridge';
import { nextCentrePage, playCentreRecording, previousCentrePage, searchCentre, useCentreCallsStore } from './centre-calls-store';

const call = (n: number): CentreCall => ({
  callId: `call-store-${String(n).padStart(4, '0')}`,
  teamId: 'team-a',
  agentPersonId: 'p1',
  agentWorkNumber: '0307',
  recordingId: null,
  startedAt: 1_000 - n,
  durationMs: 60_000,
  outcome: 'answered',
  prompts: [],
  callerNumber: '138****5678',
  repeatCaller: false,
  score: null,
  maxScore: null,
  shared: false,
});

/** A centre of 5 calls, 2 a page, reached through a fake bridge that records what the store asked. */
function fakeCentre(reply: 'ok' | 'forbidden' = 'ok') {
  const asked: CentreCallSearch[] = [];
  installBridge({
    replay: {
      centreCalls: (query: CentreCallSearch) => {
        asked.push(query);
        if (reply === 'forbidden') return Promise.resolve({ ok: true, value: { state: 'refused', status: 403, code: 'forbidden' } });
        const start = query.cursor ? Number(query.cursor) : 0;
        const calls = [0, 1, 2, 3, 4].slice(start, start + 2).map(call);
        return Promise.resolve({ ok: true, value: { state: 'ok', page: { calls, nextCursor: start + 2 < 5 ? String(start + 2) : null } } });
      },
      centreAudio: () => Promise.resolve({ ok: true, value: { state: 'unreachable', message: 'ECONNREFUSED' } }),
    },
  } as unknown as HotlineBridge);
  return asked;
}

describe('the centre\'s call list in the replay', () => {
  afterEach(() => {
    installBridge(null);
    useCentreCallsStore.setState({ page: null, before: [], cursor: undefined, problem: null, playing: null });
  });

  it('pages forward by the centre\'s cursor and back through the cursors it came by, keeping the filters', async () => {
    const asked = fakeCentre();
    await searchCentre({ limit: 2, repeat: true });
    await nextCentrePage();
    await nextCentrePage();
    expect(useCentreCallsStore.getState().page?.calls.map((c) => c.callId)).toEqual(['call-store-0004']);
    expect(useCentreCallsStore.getState().page?.nextCursor).toBeNull();
    await previousCentrePage();
    expect(useCentreCallsStore.getState().page?.calls.map((c) => c.callId)).toEqual(['call-store-0002', 'call-store-0003']);
    await previousCentrePage();
    expect(useCentreCallsStore.getState().before).toEqual([]);
    expect(asked).toEqual([
      { limit: 2, repeat: true },
      { limit: 2, repeat: true, cursor: '2' },
      { limit: 2, repeat: true, cursor: '4' },
      { limit: 2, repeat: true, cursor: '2' },
      { limit: 2, repeat: true },
    ]);
  });

  it('says why when the centre refuses or cannot be reached', async () => {
    fakeCentre('forbidden');
    await searchCentre({ team: 'team-b' });
    expect(useCentreCallsStore.getState().problem).toEqual({ key: 'centre.forbidden' });
    await playCentreRecording('rec-00000000000000000000000000000001');
    expect(useCentreCallsStore.getState().playing).toEqual({ recordingId: 'rec-00000000000000000000000000000001', url: null, problem: { key: 'centre.unreachable' } });
  });
});
