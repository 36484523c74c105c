import { describe, expect, it } from 'vitest';
import { emptyWorkOrderDraft } from '../../../shared/domain/work-order';
import { createTermMatcher } from '../../../shared/guidance/rules/terms';
import { defaultPack } from '../../../shared/guidance/scripts/default-pack';
import { readWorkOrder } from './work-order-reading';

describe('the work order as guidance reads it', () => {
  it('an out-of-scope reason becomes words the pack knows, for every topic', () => {
    for (const entry of defaultPack().protocols.outOfScope.topics) {
      const fields = { ...emptyWorkOrderDraft(), scope: { decision: 'out-of-scope' as const, reason: entry.topic, reasonDetail: '', channel: '' } };
      const { ticket } = readWorkOrder(fields, (id) => id);
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
    const reading = readWorkOrder(fields, (id) => (id === 'city-lighting' ? '城市照明处' : id));
    expect(reading.ticket).toEqual({ category: '', summary: '路灯不亮', notes: '三栋门口\n三个工作日内回复', department: '城市照明处' });
    expect(reading.facts).toMatchObject({ summary: '路灯不亮', departmentCount: 1, scopeDecided: false, dueDate: '2025-07-01' });
  });
});
