import type Database from 'better-sqlite3';
import type { ReferenceChange, ReferenceDataset } from '../../shared/reference-data/protocol';

/** One item change as a dataset's hook sees it: the item parsed by the dataset's schema, or null when deleted. */
export interface ReferenceItemChange<T> {
  id: string;
  version: number;
  item: T | null;
}

/** Where the desk's copy of a dataset stands (null: never synced). */
export interface ReferenceCopyState {
  serviceId: string;
  cursor: string;
  version: number;
  checkedAt: number;
  refused: number;
}

/**
 * A feature's dataset on the desk: its definition and how it keeps its own
 * derived tables (a search index) in step. The hooks run inside the
 * transaction that stores the changes, so derived tables never disagree with the copy.
 */
export interface ReferenceDatasetBinding<T> {
  dataset: ReferenceDataset<T>;
  onChanges?: (db: Database.Database, changes: readonly ReferenceItemChange<T>[]) => void;
  /** The copy is being dropped (the desk now talks to another centre): clear derived tables. */
  onReset?: (db: Database.Database) => void;
}

/** What a feature reads: the desk's local copy, available offline. */
export interface ReferenceDatasetHandle<T> {
  readonly name: string;
  get(id: string): T | null;
  /** Every item, in id order (bounded by the dataset's size). */
  all(): T[];
  count(): number;
  state(): ReferenceCopyState | null;
  /** Called after each stored page of changes (outside the transaction); returns the unsubscribe. */
  onUpdated(listener: (changes: readonly ReferenceItemChange<T>[]) => void): () => void;
}

interface CopyRow {
  service_id: string;
  cursor: number;
  version: number;
  checked_at: number;
  refused: number;
}

/** The desk's copy of one dataset in its SQLite database. */
export class DatasetCopy<T> implements ReferenceDatasetHandle<T> {
  readonly name: string;
  private readonly listeners = new Set<(changes: readonly ReferenceItemChange<T>[]) => void>();

  constructor(
    private readonly db: Database.Database,
    private readonly binding: ReferenceDatasetBinding<T>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.name = binding.dataset.name;
  }

  get(id: string): T | null {
    const body = this.db.prepare('SELECT body FROM reference_items WHERE dataset = ? AND item_id = ?').pluck().get(this.name, id) as string | undefined;
    return body === undefined ? null : (JSON.parse(body) as T);
  }

  all(): T[] {
    return (this.db.prepare('SELECT body FROM reference_items WHERE dataset = ? ORDER BY item_id').pluck().all(this.name) as string[]).map(
      (body) => JSON.parse(body) as T,
    );
  }

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM reference_items WHERE dataset = ?').pluck().get(this.name) as number;
  }

  state(): ReferenceCopyState | null {
    const row = this.db
      .prepare<[string], CopyRow>('SELECT service_id, cursor, version, checked_at, refused FROM reference_datasets WHERE dataset = ?')
      .get(this.name);
    return row ? { serviceId: row.service_id, cursor: String(row.cursor), version: row.version, checkedAt: row.checked_at, refused: row.refused } : null;
  }

  onUpdated(listener: (changes: readonly ReferenceItemChange<T>[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the copy (and the feature's derived tables) in one transaction. */
  reset(): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM reference_items WHERE dataset = ?').run(this.name);
      this.db.prepare('DELETE FROM reference_datasets WHERE dataset = ?').run(this.name);
      this.binding.onReset?.(this.db);
    })();
  }

  /**
   * Stores one page of changes and the cursor after it in one transaction. An
   * item the desk's schema refuses is left out and counted (the cursor still
   * moves on: asking again would only get the same item).
   */
  apply(serviceId: string, version: number, changes: readonly ReferenceChange[], nextCursor: string, at: number): void {
    const parsed: ReferenceItemChange<T>[] = [];
    let refused = 0;
    for (const change of changes) {
      if (change.item === null) {
        parsed.push({ id: change.id, version: change.version, item: null });
        continue;
      }
      const result = this.binding.dataset.itemSchema.safeParse(change.item);
      if (result.success) parsed.push({ id: change.id, version: change.version, item: result.data });
      else {
        refused += 1;
        // A refused item must not leave an older copy of it behind.
        parsed.push({ id: change.id, version: change.version, item: null });
        this.onError(new Error(`reference ${this.name}/${change.id}: refused by the desk's schema: ${result.error.issues[0]?.message ?? ''}`));
      }
    }
    this.db.transaction(() => {
      const upsert = this.db.prepare(
        `INSERT INTO reference_items (dataset, item_id, version, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (dataset, item_id) DO UPDATE SET version = excluded.version, body = excluded.body`,
      );
      const remove = this.db.prepare('DELETE FROM reference_items WHERE dataset = ? AND item_id = ?');
      for (const change of parsed) {
        if (change.item === null) remove.run(this.name, change.id);
        else upsert.run(this.name, change.id, change.version, JSON.stringify(change.item));
      }
      this.binding.onChanges?.(this.db, parsed);
      this.db
        .prepare(
          `INSERT INTO reference_datasets (dataset, service_id, cursor, version, checked_at, refused) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (dataset) DO UPDATE SET service_id = excluded.service_id, cursor = excluded.cursor, version = excluded.version,
             checked_at = excluded.checked_at, refused = reference_datasets.refused + excluded.refused`,
        )
        .run(this.name, serviceId, Number(nextCursor), version, at, refused);
    })();
    if (parsed.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(parsed);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** The copy is known to be up to date at `at`. */
  checked(at: number): void {
    this.db.prepare('UPDATE reference_datasets SET checked_at = ? WHERE dataset = ?').run(at, this.name);
  }
}
