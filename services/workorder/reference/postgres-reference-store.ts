import type { ReferenceChange, ReferenceHead, ReferenceItemVersion, ReferenceVersion } from '../../../src/shared/reference-data/protocol';
import { HISTORY_SQL, VERSION_COLUMNS, changeFromRow, historyFromRow, planPublish, versionFromRow, versionRowOf, versionValues } from './reference-store';
import type { HistoryRow, ItemRow, NewReferenceVersion, PublishOutcome, ReferenceStore, VersionRow } from './reference-store';
import { PostgresPartStore } from '../store/rows';

/** Serialises publishes (pg_advisory_xact_lock): versions and cursors are numbered without gaps or races between instances. */
const PUBLISH_LOCK = 0x776f_0003;
/** Item rows written per INSERT statement. */
const WRITE_CHUNK = 500;

/** Reference data on PostgreSQL, shared by every instance on the database. */
export class PostgresReferenceStore extends PostgresPartStore implements ReferenceStore {
  publish(input: NewReferenceVersion): Promise<PublishOutcome> {
    return this.transaction(async (client): Promise<PublishOutcome> => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      const head = (
        await client.query<{ version: string; cursor: string }>(
          `SELECT COALESCE(MAX(version), 0) AS version,
                  (SELECT COALESCE(MAX(cursor), 0) FROM reference_items WHERE dataset = $1) AS cursor
             FROM reference_versions WHERE dataset = $1`,
          [input.dataset],
        )
      ).rows[0];
      const headVersion = Number(head?.version ?? 0);
      // Nothing written yet: committing only lets go of the publish lock.
      if (input.baseVersion !== null && input.baseVersion !== headVersion) return { kind: 'conflict', currentVersion: headVersion };
      const current = new Map(
        (await client.query<{ item_id: string; body: string | null }>('SELECT item_id, body FROM reference_items WHERE dataset = $1', [input.dataset])).rows.map(
          (row) => [row.item_id, row.body],
        ),
      );
      const writes = planPublish(current, input);
      const version = headVersion + 1;
      let cursor = Number(head?.cursor ?? 0);
      for (let start = 0; start < writes.length; start += WRITE_CHUNK) {
        const chunk = writes.slice(start, start + WRITE_CHUNK);
        const ids = chunk.map((w) => w.id);
        const bodies = chunk.map((w) => w.body);
        const cursors = chunk.map(() => (cursor += 1));
        await client.query(
          `INSERT INTO reference_items (dataset, item_id, cursor, version, body)
           SELECT $1, id, c, $2, body FROM unnest($3::text[], $4::bigint[], $5::text[]) AS t (id, c, body)
           ON CONFLICT (dataset, item_id) DO UPDATE SET cursor = excluded.cursor, version = excluded.version, body = excluded.body`,
          [input.dataset, version, ids, cursors, bodies],
        );
        await client.query(
          `INSERT INTO reference_item_history (dataset, item_id, version, body)
           SELECT $1, id, $2, body FROM unnest($3::text[], $4::text[]) AS t (id, body)`,
          [input.dataset, version, ids, bodies],
        );
      }
      const row = versionRowOf(input, version, cursor, writes);
      await client.query(`INSERT INTO reference_versions (dataset, ${VERSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, versionValues(input.dataset, row));
      return { kind: 'published', version: versionFromRow(row) };
    });
  }

  async heads(datasets: readonly string[]): Promise<ReferenceHead[]> {
    if (datasets.length === 0) return [];
    const { rows } = await this.query<{ dataset: string; version: string; published_at: string | null; cursor: string }>(
      `SELECT d AS dataset,
              (SELECT COALESCE(MAX(version), 0) FROM reference_versions WHERE dataset = d) AS version,
              (SELECT MAX(published_at) FROM reference_versions WHERE dataset = d) AS published_at,
              (SELECT COALESCE(MAX(cursor), 0) FROM reference_items WHERE dataset = d) AS cursor
         FROM unnest($1::text[]) AS d`,
      [datasets],
    );
    const byName = new Map(rows.map((row) => [row.dataset, row]));
    return datasets.map((dataset) => {
      const row = byName.get(dataset);
      return {
        dataset,
        version: Number(row?.version ?? 0),
        cursor: String(row?.cursor ?? 0),
        publishedAt: row?.published_at == null ? null : Number(row.published_at),
      };
    });
  }

  async changesAfter(dataset: string, cursor: number, limit: number): Promise<ReferenceChange[]> {
    const { rows } = await this.query<ItemRow>(
      'SELECT item_id, cursor, version, body FROM reference_items WHERE dataset = $1 AND cursor > $2 ORDER BY cursor LIMIT $3',
      [dataset, cursor, limit],
    );
    return rows.map(changeFromRow);
  }

  async versions(dataset: string, limit: number): Promise<ReferenceVersion[]> {
    const { rows } = await this.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM reference_versions WHERE dataset = $1 ORDER BY version DESC LIMIT $2`,
      [dataset, limit],
    );
    return rows.map(versionFromRow);
  }

  async itemHistory(dataset: string, itemId: string): Promise<ReferenceItemVersion[]> {
    return (await this.query<HistoryRow>(HISTORY_SQL('$1', '$2'), [dataset, itemId])).rows.map(historyFromRow);
  }
}
