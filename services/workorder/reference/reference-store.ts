import type { ReferenceChange, ReferenceHead, ReferenceItemVersion, ReferenceVersion } from '../../../src/shared/reference-data/protocol';

/** One version to publish: items already checked against the dataset's schema and serialised. */
export interface NewReferenceVersion {
  dataset: string;
  upserts: { id: string; body: string }[];
  deletes: string[];
  /** Every item not in `upserts` is deleted. */
  replace: boolean;
  /** Null: publish on top of whatever is current. */
  baseVersion: number | null;
  publishedBy: string | null;
  note: string;
  at: number;
}

export type PublishOutcome =
  | { kind: 'published'; version: ReferenceVersion }
  | { kind: 'conflict'; currentVersion: number };

/**
 * Reference data in the service's database (SQLite or PostgreSQL). A publish is
 * one transaction: the version row, each changed item with the dataset's next
 * cursor, and its history row. An upsert equal to the current item changes
 * nothing, so re-publishing a whole dataset sends desks only what differs.
 */
export interface ReferenceStore {
  publish(input: NewReferenceVersion): Promise<PublishOutcome>;
  heads(datasets: readonly string[]): Promise<ReferenceHead[]>;
  /** Changes after `cursor`, oldest first, at most `limit` (the body parsed). */
  changesAfter(dataset: string, cursor: number, limit: number): Promise<ReferenceChange[]>;
  versions(dataset: string, limit: number): Promise<ReferenceVersion[]>;
  itemHistory(dataset: string, itemId: string): Promise<ReferenceItemVersion[]>;
}

export interface VersionRow {
  version: number | string;
  cursor: number | string;
  published_at: number | string;
  published_by: string | null;
  note: string;
  upserted: number | string;
  deleted: number | string;
}

export interface ItemRow {
  item_id: string;
  cursor: number | string;
  version: number | string;
  body: string | null;
}

export const versionFromRow = (row: VersionRow): ReferenceVersion => ({
  version: Number(row.version),
  cursor: String(row.cursor),
  publishedAt: Number(row.published_at),
  publishedBy: row.published_by,
  note: row.note,
  upserted: Number(row.upserted),
  deleted: Number(row.deleted),
});

export const VERSION_COLUMNS = 'version, cursor, published_at, published_by, note, upserted, deleted';

/** The reference_versions row a publish writes: `version`, the dataset's cursor after its writes, what they upserted and deleted. */
export function versionRowOf(input: Pick<NewReferenceVersion, 'at' | 'publishedBy' | 'note'>, version: number, cursor: number, writes: readonly { body: string | null }[]): VersionRow {
  const upserted = writes.filter((w) => w.body !== null).length;
  return { version, cursor, published_at: input.at, published_by: input.publishedBy, note: input.note, upserted, deleted: writes.length - upserted };
}

/** The values of `INSERT INTO reference_versions (dataset, VERSION_COLUMNS)`. */
export const versionValues = (dataset: string, row: VersionRow): unknown[] => [
  dataset,
  row.version,
  row.cursor,
  row.published_at,
  row.published_by,
  row.note,
  row.upserted,
  row.deleted,
];

export interface HistoryRow {
  version: number | string;
  body: string | null;
  published_at: number | string;
}

/** An item's versions, newest first, with when each was published. */
export const HISTORY_SQL = (dataset: string, itemId: string) => `SELECT h.version, h.body, v.published_at FROM reference_item_history h
     JOIN reference_versions v ON v.dataset = h.dataset AND v.version = h.version
    WHERE h.dataset = ${dataset} AND h.item_id = ${itemId} ORDER BY h.version DESC`;

export const historyFromRow = (row: HistoryRow): ReferenceItemVersion => ({
  version: Number(row.version),
  item: row.body === null ? null : (JSON.parse(row.body) as unknown),
  publishedAt: Number(row.published_at),
});

export const changeFromRow = (row: ItemRow): ReferenceChange => ({
  id: row.item_id,
  cursor: String(row.cursor),
  version: Number(row.version),
  item: row.body === null ? null : (JSON.parse(row.body) as unknown),
});

/**
 * What a publish writes, worked out from the current items (id → body, null
 * for a tombstone): the changed upserts and the deletions of live items.
 */
export function planPublish(
  current: ReadonlyMap<string, string | null>,
  input: Pick<NewReferenceVersion, 'upserts' | 'deletes' | 'replace'>,
): { id: string; body: string | null }[] {
  const writes = new Map<string, string | null>();
  for (const { id, body } of input.upserts) {
    if (current.get(id) !== body) writes.set(id, body);
    else writes.delete(id);
  }
  const upserted = new Set(input.upserts.map((u) => u.id));
  const deletes = input.replace ? [...current.keys()].filter((id) => !upserted.has(id)) : input.deletes;
  for (const id of deletes) {
    if (upserted.has(id)) continue;
    if ((current.get(id) ?? null) !== null) writes.set(id, null);
  }
  return [...writes.entries()].map(([id, body]) => ({ id, body }));
}
