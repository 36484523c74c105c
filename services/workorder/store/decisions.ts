import { canChangeStatus, type WorkOrderStatus } from '../../../src/shared/domain/work-order';

/**
 * What both stores decide the same way, as pure functions of the locked row,
 * so only the SQL differs between SQLite and PostgreSQL.
 */

/** Why an edit of the fields is refused, or null when it may go ahead. */
export function refuseEdit(current: { version: number; status: WorkOrderStatus }, expectedVersion: number): 'conflict' | 'closed' | null {
  if (current.version !== expectedVersion) return 'conflict';
  if (current.status === 'closed') return 'closed';
  return null;
}

/** Why a status change is refused, or null when it may go ahead. */
export function refuseStatusChange(
  current: { version: number; status: WorkOrderStatus },
  expectedVersion: number | null,
  next: WorkOrderStatus,
): 'conflict' | 'invalid-transition' | null {
  if (expectedVersion !== null && current.version !== expectedVersion) return 'conflict';
  if (!canChangeStatus(current.status, next)) return 'invalid-transition';
  return null;
}
