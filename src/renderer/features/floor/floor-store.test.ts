import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FloorAgentSchema, type FloorAgent } from '../../../shared/domain/floor';
import { applyFloorPush, STATE_BATCH_MS, useFloorStore } from './floor-store';

const agent = (personId: string, breakReason: string): FloorAgent =>
  FloorAgentSchema.parse({
    agentState: 'break',
    since: 1,
    breakReason,
    callPhase: 'idle',
    personId,
    workNumber: personId,
    name: personId,
    teamId: 'team-a',
    reportedAt: 1,
    sipUri: null,
  });

describe("the floor store applies agents' rows", () => {
  let frames: (() => void)[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    useFloorStore.setState({ agents: new Map(), revision: 0 });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('at the next frame, all rows that came before it in one change, the newest per agent', () => {
    applyFloorPush({ kind: 'state', agent: agent('p1', 'old') });
    applyFloorPush({ kind: 'states', agents: [agent('p1', 'new'), agent('p2', 'x')] });
    expect(useFloorStore.getState().agents.size).toBe(0);
    expect(frames).toHaveLength(1);
    frames[0]?.();
    const state = useFloorStore.getState();
    expect(state.revision).toBe(1);
    expect(state.agents.get('p1')?.breakReason).toBe('new');
    expect(state.agents.get('p2')?.breakReason).toBe('x');
    // The frame took them: the backup timer applies nothing more.
    vi.advanceTimersByTime(STATE_BATCH_MS);
    expect(useFloorStore.getState().revision).toBe(1);
  });

  it('when no frame comes (a hidden window), within the batch bound, holding one row per agent', () => {
    for (let i = 0; i < 500; i += 1) applyFloorPush({ kind: 'state', agent: agent(`p${i % 3}`, `r${i}`) });
    vi.advanceTimersByTime(STATE_BATCH_MS - 1);
    expect(useFloorStore.getState().agents.size).toBe(0);
    vi.advanceTimersByTime(1);
    const state = useFloorStore.getState();
    expect(state.revision).toBe(1);
    expect([...state.agents.keys()].sort()).toEqual(['p0', 'p1', 'p2']);
    expect(state.agents.get('p2')?.breakReason).toBe('r497');
  });
});
