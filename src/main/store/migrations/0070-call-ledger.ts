import { normalizePhone } from '../../../shared/domain/work-order';
import type { Migration } from './migration';

/**
 * The call ledger looks a caller up by the same normalised number as the work
 * orders (`caller_phone_norm`), so "来电 N 次" and the earlier work orders
 * always agree. Practice calls are kept apart from real statistics.
 */
export const migration0070: Migration = {
  version: 70,
  name: 'call-ledger',
  up: (db) => {
    db.exec(`
      ALTER TABLE calls ADD COLUMN remote_number_norm TEXT NOT NULL DEFAULT '';
      ALTER TABLE calls ADD COLUMN practice INTEGER NOT NULL DEFAULT 0 CHECK (practice IN (0, 1));
      CREATE INDEX calls_by_number ON calls (remote_number_norm, started_at DESC) WHERE remote_number_norm != '';
    `);
    const update = db.prepare('UPDATE calls SET remote_number_norm = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, remote_number FROM calls').all() as { id: string; remote_number: string }[]) {
      update.run(normalizePhone(row.remote_number.trim()), row.id);
    }
  },
};
