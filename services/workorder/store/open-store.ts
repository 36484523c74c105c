import { openPostgresStore } from './postgres/postgres-store';
import { openSqliteStore } from './sqlite/sqlite-store';
import type { WorkOrderStore } from './store';

export interface StoreEnvironment {
  /** postgres://user:password@host:port/database: PostgreSQL, shared by several service instances. */
  DATABASE_URL?: string | undefined;
  /** SQLite file, used when DATABASE_URL is not set (default ./workorder.sqlite). */
  DATABASE_PATH?: string | undefined;
  /** PostgreSQL connections per instance (default 10). */
  DATABASE_POOL_MAX?: string | undefined;
  /** off: a request waits for a PostgreSQL connection without a forecast refusal (pool-gate.ts). */
  ADMISSION_FORECAST?: string | undefined;
}

/** PostgreSQL when DATABASE_URL is set, otherwise SQLite at DATABASE_PATH; migrated and ready. */
export async function openStoreFromEnvironment(env: StoreEnvironment): Promise<WorkOrderStore> {
  if (env.DATABASE_URL) {
    const poolMax = env.DATABASE_POOL_MAX === undefined ? undefined : Number(env.DATABASE_POOL_MAX);
    if (poolMax !== undefined && (!Number.isInteger(poolMax) || poolMax < 1 || poolMax > 100)) {
      throw new Error(`DATABASE_POOL_MAX must be 1-100, not ${env.DATABASE_POOL_MAX}`);
    }
    return openPostgresStore(env.DATABASE_URL, {
      ...(poolMax === undefined ? {} : { poolMax }),
      ...(env.ADMISSION_FORECAST === 'off' ? { poolForecast: false } : {}),
    });
  }
  return openSqliteStore(env.DATABASE_PATH ?? 'workorder.sqlite');
}

/** Where the store lives, for a log line (never the password). */
export function describeStore(env: StoreEnvironment): string {
  if (!env.DATABASE_URL) return `SQLite ${env.DATABASE_PATH ?? 'workorder.sqlite'}`;
  try {
    const url = new URL(env.DATABASE_URL);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
