import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_DESK_SETTINGS, RECOVERY_BREAK_REASON, type AgentStateChange } from '../../shared/domain/agent-state';
import type { HotlineBridge } from '../../shared/ipc/bridge';
import { installBridge } from '../ipc/bridge';
import { agentLogSettled, useAgentStateStore } from '../features/agent-state/agent-state-store';
import { requestRecoveryBreak } from './guidance-wiring';

describe('the recovery after an abusive call', () => {
  it('puts the agent on Break with the recovery reason through the agent-state store, and the state log has it', async () => {
    const logged: AgentStateChange[] = [];
    installBridge({
      agentState: {
        record: (change: AgentStateChange) => {
          logged.push(change);
          return Promise.resolve({ ok: true, value: { done: true } });
        },
      },
    } as unknown as HotlineBridge);
    expect(DEFAULT_AGENT_DESK_SETTINGS.breakReasons).toContain(RECOVERY_BREAK_REASON);
    useAgentStateStore.setState({ state: { status: 'after-call', since: Date.now(), breakReason: null, afterCallEndsAt: Date.now() + 30_000 } });
    expect(requestRecoveryBreak()).toBe(true);
    expect(useAgentStateStore.getState().state).toMatchObject({ status: 'break', breakReason: RECOVERY_BREAK_REASON, afterCallEndsAt: null });
    await agentLogSettled();
    expect(logged).toEqual([expect.objectContaining({ status: 'break', reason: RECOVERY_BREAK_REASON, cause: 'agent' })]);
  });
});
