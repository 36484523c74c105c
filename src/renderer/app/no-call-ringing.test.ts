import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { CallPhase } from '../../shared/domain/call';
import { untilNoCallRinging } from './no-call-ringing';

const board = (...phases: CallPhase[]) => createStore(() => ({ calls: phases.map((phase) => ({ phase })) }));

describe('untilNoCallRinging', () => {
  it('resolves at once on a desk with no call ringing', async () => {
    await expect(untilNoCallRinging(board())).resolves.toBeUndefined();
    await expect(untilNoCallRinging(board('active', 'ended'))).resolves.toBeUndefined();
  });

  it('waits while a call rings, through other changes, and resolves when it is answered', async () => {
    const store = board('ringing');
    let done = false;
    const waiting = untilNoCallRinging(store).then(() => (done = true));
    store.setState({ calls: [{ phase: 'ringing' }, { phase: 'active' }] });
    await Promise.resolve();
    expect(done).toBe(false);
    store.setState({ calls: [{ phase: 'active' }, { phase: 'active' }] });
    await waiting;
    expect(done).toBe(true);
  });

  it('stops listening once resolved', async () => {
    const store = board('ringing');
    const waiting = untilNoCallRinging(store);
    store.setState({ calls: [{ phase: 'ended' }] });
    await waiting;
    // zustand keeps its listeners in a Set: none is left behind by the check.
    let listeners = 0;
    const unsubscribe = store.subscribe(() => (listeners += 1));
    store.setState({ calls: [] });
    unsubscribe();
    expect(listeners).toBe(1);
  });
});
