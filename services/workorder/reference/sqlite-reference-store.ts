import type Database from 'better-sqlite3';
import type { ReferenceChange, ReferenceHead, ReferenceItemVersion, ReferenceVersion } from '../../../src/shared/reference-data/protocol';
import { HISTORY_SQL, VERSION_COLUMNS, changeFromRow, historyFromRow, planPublish, versionFromRow, versionRowOf, versionValues } from './reference-store';
import type { HistoryRow, ItemRow, NewReferenceVersion, PublishOutcome, ReferenceStore, VersionRow } from './reference-store';

/** Reference data on SQLite: better-sqlite3 transactions are synchronous, so a publish is atomic and serialised. */
export class SqliteReferenceStore implements ReferenceStore {
  constructor(private readonly db: Database.Database) {}

  async publish(input: NewReferenceVersion): Promise<PublishOutcome> {
    return this.db.transaction((): PublishOutcome => {
      const head = this.db
        .prepare<[{ dataset: string }], { version: number; cursor: number }>(
          `SELECT COALESCE(MAX(version), 0) AS version,
                  (SELECT COALESCE(MAX(cursor), 0) FROM reference_items WHERE dataset = @dataset) AS cursor
             FROM reference_versions WHERE dataset = @dataset`,
        )
        .get({ dataset: input.dataset }) ?? { version: 0, cursor: 0 };
      if (input.baseVersion !== null && input.baseVersion !== head.version) return { kind: 'conflict', currentVersion: head.version };
      const current = new Map(
        this.db
          .prepare<[string], { item_id: string; body: string | null }>('SELECT item_id, body FROM reference_items WHERE dataset = ?')
          .all(input.dataset)
          .map((row) => [row.item_id, row.body]),
      );
      const writes = planPublish(current, input);
      const version = head.version + 1;
      let cursor = head.cursor;
      const upsertItem = this.db.prepare(
        `INSERT INTO reference_items (dataset, item_id, cursor, version, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (dataset, item_id) DO UPDATE SET cursor = excluded.cursor, version = excluded.version, body = excluded.body`,
      );
      const history = this.db.prepare('INSERT INTO reference_item_history (dataset, item_id, version, body) VALUES (?, ?, ?, ?)');
      for (const write of writes) {
        cursor += 1;
        upsertItem.run(input.dataset, write.id, cursor, version, write.body);
        history.run(input.dataset, write.id, version, write.body);
      }
      const row = versionRowOf(input, version, cursor, writes);
      this.db.prepare(`INSERT INTO reference_versions (dataset, ${VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(...versionValues(input.dataset, row));
      return { kind: 'published', version: versionFromRow(row) };
    })();
  }

  async heads(datasets: readonly string[]): Promise<ReferenceHead[]> {
    const read = this.db.prepare<[{ dataset: string }], { version: number; published_at: number | null; cursor: number }>(
      `SELECT COALESCE(MAX(version), 0) AS version, MAX(published_at) AS published_at,
              (SELECT COALESCE(MAX(cursor), 0) FROM reference_items WHERE dataset = @dataset) AS cursor
         FROM reference_versions WHERE dataset = @dataset`,
    );
    return datasets.map((dataset) => {
      const row = read.get({ dataset });
      return { dataset, version: row?.version ?? 0, cursor: String(row?.cursor ?? 0), publishedAt: row?.published_at ?? null };
    });
  }

  async changesAfter(dataset: string, cursor: number, limit: number): Promise<ReferenceChange[]> {
    return this.db
      .prepare<[string, number, number], ItemRow>(
        'SELECT item_id, cursor, version, body FROM reference_items WHERE dataset = ? AND cursor > ? ORDER BY cursor LIMIT ?',
      )
      .all(dataset, cursor, limit)
      .map(changeFromRow);
  }

  async versions(dataset: string, limit: number): Promise<ReferenceVersion[]> {
    return this.db
      .prepare<[string, number], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM reference_versions WHERE dataset = ? ORDER BY version DESC LIMIT ?`)
      .all(dataset, limit)
      .map(versionFromRow);
  }

  async itemHistory(dataset: string, itemId: string): Promise<ReferenceItemVersion[]> {
    return this.db.prepare<[string, string], HistoryRow>(HISTORY_SQL('?', '?')).all(dataset, itemId).map(historyFromRow);
  }
}
