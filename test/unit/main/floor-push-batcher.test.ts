import { afterEach, describe, expect, it, vi } from 'vitest';
import { FloorPushBatcher } from '../../../src/main/floor/push-batcher';
import type { FloorPush } from '../../../src/shared/ipc/contract-floor';
import { FloorPushSchema } from '../../../src/shared/ipc/contract-floor';
import { floorAgent } from '../../support/floor-agent';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const row = (workNumber: string, agentState: 'ready' | 'break' | 'not-ready') => ({ kind: 'state' as const, agent: floorAgent(NOW, workNumber, { agentState }) });
const summary = (push: FloorPush) =>
  push.kind === 'state' ? `state ${push.agent.workNumber}:${push.agent.agentState}` : push.kind === 'states' ? `states ${push.agents.map((a) => `${a.workNumber}:${a.agentState}`).join(',')}` : push.kind;

describe('FloorPushBatcher', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first row at once, then the rows of its window together, newest per agent, in a push the contract accepts', async () => {
    vi.useFakeTimers();
    const sent: FloorPush[] = [];
    const batcher = new FloorPushBatcher((push) => sent.push(push), 50);
    batcher.push(row('0301', 'ready'));
    expect(sent.map(summary)).toEqual(['state 0301:ready']);
    for (let i = 0; i < 100; i++) batcher.push(row(`03${10 + (i % 5)}`, i % 2 ? 'break' : 'ready'));
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(sent).toHaveLength(2);
    const batch = sent[1]!;
    expect(FloorPushSchema.safeParse(batch).success).toBe(true);
    expect(summary(batch)).toBe('states 0310:break,0311:ready,0312:break,0313:ready,0314:break');
    // A quiet window after a batch: the next row goes at once again.
    await vi.advanceTimersByTimeAsync(50);
    batcher.push(row('0301', 'break'));
    expect(sent.map(summary).at(-1)).toBe('state 0301:break');
    batcher.close();
  });

  it('sends the rows it holds before a snapshot, an alert or a connection change, so order holds', async () => {
    vi.useFakeTimers();
    const sent: FloorPush[] = [];
    const batcher = new FloorPushBatcher((push) => sent.push(push), 50);
    batcher.push(row('0301', 'ready'));
    batcher.push(row('0302', 'break'));
    batcher.push({ kind: 'connection', connection: { state: 'connecting', since: NOW } } as FloorPush);
    expect(sent.map(summary)).toEqual(['state 0301:ready', 'states 0302:break', 'connection']);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(3);
    batcher.close();
  });

  it('close drops what it holds and sends nothing later', async () => {
    vi.useFakeTimers();
    const sent: FloorPush[] = [];
    const batcher = new FloorPushBatcher((push) => sent.push(push), 50);
    batcher.push(row('0301', 'ready'));
    batcher.push(row('0302', 'ready'));
    batcher.close();
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(1);
  });
});
