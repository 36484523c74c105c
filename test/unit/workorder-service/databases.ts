import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/**
 * A fresh, empty database in the run's test cluster (test/support/postgres-server.ts,
 * started by the unit project's globalSetup). Fails, never skips, when there is no cluster.
 */
export async function createTestDatabase(prefix = 'workorder'): Promise<{ url: string; drop: () => Promise<void> }> {
  const provided = inject('postgres');
  if (!provided) throw new Error('No test PostgreSQL: run through the unit project (vitest.config.ts registers test/support/postgres-server.ts).');
  if ('error' in provided) throw new Error(`The test PostgreSQL did not start: ${provided.error}`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await asAdmin(provided.adminUrl, `CREATE DATABASE ${name} TEMPLATE template0`);
  const url = new URL(provided.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(provided.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
