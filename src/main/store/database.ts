import Database from 'better-sqlite3';
import { latestVersion, runSqliteMigrations } from '../../shared/base/sqlite-migrations';
import type { Migration } from './migrations/migration';
import { recordedDamage } from './integrity-check';
import { MIGRATIONS } from './migrations';

export type StoreOpenErrorKind = 'newer-version' | 'corrupt' | 'cannot-open';

/** A database the app must not use; `kind` decides what the user is told. */
export class StoreOpenError extends Error {
  constructor(
    readonly kind: StoreOpenErrorKind,
    message: string,
    readonly foundVersion?: number,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/**
 * Opens (or creates) the local database and brings its schema up to date.
 *
 * Durability: WAL with synchronous=FULL. In WAL mode FULL syncs the log on every
 * commit, so a write the store has acknowledged survives a crash, kill -9 and
 * power loss; NORMAL would only survive application crashes.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  const damage = recordedDamage(path);
  if (damage) throw new StoreOpenError('corrupt', `The database failed its integrity check while the app ran: ${damage}`);
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw new StoreOpenError('cannot-open', `Cannot open the database at ${path}: ${(error as Error).message}`);
  }
  try {
    // Read the version before anything writes (switching to WAL rewrites the
    // header): a database from a newer app must stay byte-for-byte as it was.
    // This is also the first real read: a file that is not SQLite fails with SQLITE_NOTADB.
    refuseNewer(db.pragma('user_version', { simple: true }) as number, migrations);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 2000');
    // The schema is read here (a damaged one fails as SQLITE_CORRUPT); every other page is checked by
    // store/integrity-check.ts once the app runs: a full check reads the whole file, 0.3 s for a year of one
    // desk's data from the disk cache and 1.5 s from the disk, all of it before the window could open.
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StoreOpenError('corrupt', `The database file is damaged (${code}).`);
    }
    throw error;
  }
}

function newerVersion(found: number, latest: number): StoreOpenError {
  return new StoreOpenError(
    'newer-version',
    `This database was written by a newer version of Hotline Desk (schema ${found}, this app knows up to ${latest}). Update the app to open it.`,
    found,
  );
}

function refuseNewer(current: number, migrations: readonly Migration[]): void {
  const latest = latestVersion(migrations);
  if (current > latest) throw newerVersion(current, latest);
}

/** Runs every pending migration in one transaction and records the version. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  return runSqliteMigrations(db, migrations, newerVersion);
}
