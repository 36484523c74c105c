import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_AGENT_DESK_SETTINGS, type AgentDeskSettings, type AgentStateChange } from '../../../shared/domain/agent-state';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import { installBridge } from '../../ipc/bridge';
import { agentLogSettled, incomingCallPolicy, setAgentClock, TICK_MS, useAgentStateStore } from './agent-state-store';

let now = 0;
let logged: AgentStateChange[] = [];

function install(settings: Partial<AgentDeskSettings> = {}) {
  installBridge({
    agentDesk: {
      getSettings: () => Promise.resolve({ ok: true, value: { settings: { ...DEFAULT_AGENT_DESK_SETTINGS, ...settings }, shortcutConflicts: [] } }),
    },
    agentState: {
      record: (change: AgentStateChange) => {
        logged.push(change);
        return Promise.resolve({ ok: true, value: { done: true } });
      },
    },
  } as unknown as HotlineBridge);
}

beforeEach(() => {
  vi.useFakeTimers();
  now = 1_000_000;
  logged = [];
  setAgentClock(() => now);
});
afterEach(() => {
  vi.useRealTimers();
  installBridge(null);
});

describe('agent state store', () => {
  it('starts in the configured state, logged as startup', async () => {
    install({ startStatus: 'not-ready' });
    await useAgentStateStore.getState().load();
    await agentLogSettled();
    expect(useAgentStateStore.getState().state.status).toBe('not-ready');
    expect(logged).toEqual([{ status: 'not-ready', reason: null, cause: 'startup', at: 1_000_000 }]);
    expect(incomingCallPolicy()).toBe('busy');
  });

  it('wraps up after an answered call and returns to ready when the countdown runs out', async () => {
    install({ afterCallSeconds: 5 });
    const store = useAgentStateStore.getState();
    await store.load();
    expect(incomingCallPolicy()).toBe('ring');

    now += 10_000;
    store.send({ type: 'call-ended', answered: true }, 'call-ended');
    expect(useAgentStateStore.getState().state.status).toBe('after-call');
    expect(incomingCallPolicy()).toBe('busy');

    now += 5_000;
    await vi.advanceTimersByTimeAsync(TICK_MS);
    await agentLogSettled();
    expect(useAgentStateStore.getState().state.status).toBe('ready');
    expect(logged.slice(1)).toEqual([
      { status: 'after-call', reason: null, cause: 'call-ended', at: 1_010_000 },
      { status: 'ready', reason: null, cause: 'after-call-expired', at: 1_015_000 },
    ]);
  });

  it('lets calls ring when the PBX is told with feature codes instead', async () => {
    install({ busySignal: 'feature-codes' });
    await useAgentStateStore.getState().load();
    useAgentStateStore.getState().send({ type: 'break', reason: '用餐' });
    expect(incomingCallPolicy()).toBe('ring');
  });
});
