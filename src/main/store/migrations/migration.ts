import type Database from 'better-sqlite3';
import type { SqliteMigration } from '../../../shared/base/sqlite-migrations';

/** A migration of the desk's database (the runner is shared with the centre service's SQLite store). */
export type Migration = SqliteMigration<Database.Database>;
