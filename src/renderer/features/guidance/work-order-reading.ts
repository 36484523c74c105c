import type { WorkOrderDraft } from '../../../shared/domain/work-order';
import type { TicketSnapshot } from '../../../shared/guidance/rules/types';
import type { WorkOrderFacts } from './script-progress';

/** What guidance reads from a call's work order. */
export interface WorkOrderReading {
  /** What the rule engine reads (danger words, out-of-scope topics, the summary for the four-part card). */
  ticket: TicketSnapshot;
  /** What the script steps read. */
  facts: WorkOrderFacts;
  address: string;
}

export const EMPTY_TICKET: TicketSnapshot = { category: '', summary: '', notes: '', department: '' };

/** Out-of-scope reasons as words the pack's term lists know ("discipline-inspection" → "discipline inspection"). */
const reasonWords = (reason: string | null): string => (reason ? reason.replace(/-/g, ' ') : '');

export function readWorkOrder(fields: WorkOrderDraft, departmentName: (id: string) => string): WorkOrderReading {
  const scope = fields.scope;
  const outOfScope = scope.decision === 'out-of-scope';
  const category = [fields.type ?? '', fields.domain ?? '', outOfScope ? reasonWords(scope.reason) : ''].filter(Boolean).join(' ');
  const notes = [fields.description, outOfScope ? scope.reasonDetail : '', fields.commitment.what].filter((text) => text.trim() !== '').join('\n');
  return {
    ticket: {
      category,
      summary: fields.summary,
      notes,
      department: fields.departmentIds.map(departmentName).join('、'),
    },
    facts: {
      summary: fields.summary,
      description: fields.description,
      scopeDecided: scope.decision !== 'undecided',
      outOfScope,
      channel: scope.channel,
      departmentCount: fields.departmentIds.length,
      typeChosen: fields.type !== null,
      commitment: fields.commitment.what,
      dueDate: fields.commitment.dueDate,
    },
    address: fields.address,
  };
}
