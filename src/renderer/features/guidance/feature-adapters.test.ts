import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_DESK_SETTINGS, RECOVERY_BREAK_REASON, type AgentStateChange } from '../../../shared/domain/agent-state';
import { emptyWorkOrderDraft } from '../../../shared/domain/work-order';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import { installBridge } from '../../ipc/bridge';
import { agentLogSettled, useAgentStateStore } from '../agent-state/agent-state-store';
import { createTermMatcher } from '../../../shared/guidance/rules/terms';
import { DEFAULT_PACK } from '../../../shared/guidance/scripts/default-pack';
import { readWorkOrder, requestRecoveryBreak } from './feature-adapters';

describe('the work order as guidance reads it', () => {
  it('an out-of-scope reason becomes words the pack knows, for every topic', () => {
    for (const entry of DEFAULT_PACK.protocols.outOfScope.topics) {
      const fields = { ...emptyWorkOrderDraft(), scope: { decision: 'out-of-scope' as const, reason: entry.topic, reasonDetail: '', channel: '' } };
      const { ticket } = readWorkOrder(fields, 'call-1', (id) => id);
      expect(createTermMatcher(entry.terms).find(ticket.category), entry.topic).not.toEqual([]);
    }
  });

  it('notes, summary, departments and the commitment reach the rules and the script', () => {
    const fields = {
      ...emptyWorkOrderDraft(),
      summary: '路灯不亮',
      description: '三栋门口',
      departmentIds: ['city-lighting'],
      commitment: { what: '三个工作日内回复', dueDate: '2025-07-01' },
    };
    const reading = readWorkOrder(fields, 'call-1', (id) => (id === 'city-lighting' ? '城市照明处' : id));
    expect(reading.ticket).toEqual({ category: '', summary: '路灯不亮', notes: '三栋门口\n三个工作日内回复', department: '城市照明处' });
    expect(reading.facts).toMatchObject({ summary: '路灯不亮', departmentCount: 1, scopeDecided: false, dueDate: '2025-07-01' });
  });
});

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
