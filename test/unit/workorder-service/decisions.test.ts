import { describe, expect, it } from 'vitest';
import { refuseEdit, refuseStatusChange } from '../../../services/workorder/store/decisions';
import { firstResponseOf, pruneBoundary } from '../../../services/workorder/store/rows';
import { validFields } from './fixture';

describe('decisions both stores share', () => {
  it('an edit: a stale version is a conflict before anything else; a closed order is not edited', () => {
    expect(refuseEdit({ version: 3, status: 'received' }, 3)).toBeNull();
    expect(refuseEdit({ version: 3, status: 'closed' }, 2)).toBe('conflict');
    expect(refuseEdit({ version: 3, status: 'closed' }, 3)).toBe('closed');
  });

  it('a status change: a given version must match; the transition must be allowed', () => {
    expect(refuseStatusChange({ version: 1, status: 'received' }, null, 'dispatched')).toBeNull();
    expect(refuseStatusChange({ version: 2, status: 'received' }, 1, 'dispatched')).toBe('conflict');
    expect(refuseStatusChange({ version: 2, status: 'closed' }, 2, 'dispatched')).toBe('invalid-transition');
  });

  it('the first response: the stored copy when there is one, else the row as created, in the create answer key order', () => {
    const row = { id: 'i', team_id: 't', agent_id: 'a', idempotency_key: 'k', created_at: 5 };
    const rebuilt = firstResponseOf(row, validFields(), null);
    expect(Object.keys(rebuilt)).toEqual(['id', 'idempotencyKey', 'version', 'status', 'teamId', 'agentId', 'createdAt', 'updatedAt', 'statusChangedAt', 'fields']);
    expect(rebuilt).toMatchObject({ version: 1, status: 'received', createdAt: 5, updatedAt: 5, statusChangedAt: 5 });
    expect(firstResponseOf(row, validFields(), '')).toEqual(rebuilt);
    const stored = { ...rebuilt, fields: validFields({ summary: '原来的' }) };
    expect(firstResponseOf(row, validFields(), JSON.stringify(stored))).toEqual(stored);
    expect(firstResponseOf(row, validFields(), stored)).toEqual(stored);
  });

  it('retention takes only the oldest run of old changes: never a hole below a kept one', () => {
    expect(pruneBoundary([], 100)).toBeNull();
    expect(pruneBoundary([{ seq: 4, at: 150 }], 100)).toBeNull();
    expect(
      pruneBoundary(
        [
          { seq: 4, at: 10 },
          { seq: 7, at: 20 },
          { seq: 9, at: 120 },
          { seq: 12, at: 30 },
        ],
        100,
      ),
    ).toBe(7);
  });
});
