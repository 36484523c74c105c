/**
 * The one migration runner for every SQLite database of the project (the
 * desk's own and the centre service's embedded store): numbered migrations,
 * all pending ones in one transaction, the version in `PRAGMA user_version`,
 * a database from a newer version refused untouched. Pure: it sees the
 * database only through the two calls it needs (better-sqlite3 fits).
 */
export interface MigratableDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction(fn: () => void): () => void;
}

export interface SqliteMigration<Db extends MigratableDatabase = MigratableDatabase> {
  /** Numbered in steps of 10 so a fix can slot in between. */
  version: number;
  name: string;
  up: (db: Db) => void;
}

export function schemaVersion(db: MigratableDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly { version: number }[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Runs the pending migrations; `tooNew` makes the error for a database written by a newer version. Returns the version now. */
export function runSqliteMigrations<Db extends MigratableDatabase>(
  db: Db,
  migrations: readonly SqliteMigration<Db>[],
  tooNew: (found: number, latest: number) => Error,
): number {
  const latest = latestVersion(migrations);
  const current = schemaVersion(db);
  if (current > latest) throw tooNew(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return latest;
}
