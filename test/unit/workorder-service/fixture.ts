import Database from 'better-sqlite3';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startWorkOrderService } from '../../../services/workorder/service';
import type { RunningWorkOrderService, WorkOrderServiceOptions } from '../../../services/workorder/service';
import { openPostgresStore } from '../../../services/workorder/store/postgres/postgres-store';
import { openSqliteStore } from '../../../services/workorder/store/sqlite/sqlite-store';
import type { WorkOrderStore } from '../../../services/workorder/store/store';
import { issueToken } from '../../../services/workorder/tokens';
import type { WorkOrderSubmit } from '../../../src/shared/domain/work-order';
import { makeTempDir } from '../../support/temp-dir';
import { createTestDatabase } from './databases';

export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- responses are checked field by field
}

export type Call = (method: string, path: string, init?: { body?: unknown; raw?: string; headers?: Record<string, string> }) => Promise<Reply>;

/** Every contract suite runs once per store. */
export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

type Table = 'work_orders' | 'work_order_changes' | 'api_tokens';

/** Where a fixture's data lives: opens stores on it and reads it directly, behind the service's back. */
interface Backing {
  openStore(): Promise<WorkOrderStore>;
  count(table: Table): Promise<number>;
  rows(sql: string): Promise<unknown[]>;
  remove(): Promise<void>;
}

async function sqliteBacking(): Promise<Backing & { databasePath: string }> {
  const dir = makeTempDir('workorder-');
  const databasePath = join(dir.path, 'workorder.sqlite');
  await openSqliteStore(databasePath).close(); // creates the schema, so the reader can open it
  // A second, read-only connection to check what the service wrote (WAL lets it read alongside).
  const reader = new Database(databasePath, { readonly: true });
  return {
    databasePath,
    openStore: async () => openSqliteStore(databasePath),
    count: async (table) => reader.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number,
    rows: async (sql) => reader.prepare(sql).all(),
    remove: async () => {
      reader.close();
      dir.remove();
    },
  };
}

async function postgresBacking(): Promise<Backing & { databaseUrl: string }> {
  const database = await createTestDatabase();
  await (await openPostgresStore(database.url)).close(); // migrates
  const reader = new pg.Client({ connectionString: database.url });
  await reader.connect();
  return {
    databaseUrl: database.url,
    openStore: () => openPostgresStore(database.url, { poolMax: 5 }),
    count: async (table) => Number((await reader.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n),
    rows: async (sql) => (await reader.query(sql)).rows,
    remove: async () => {
      await reader.end();
      await database.drop();
    },
  };
}

/**
 * A real service on 127.0.0.1, port 0, on a fresh database of the given kind
 * (a SQLite file, or a database of its own in the test PostgreSQL), with tokens
 * for two teams. `instances` > 1 starts more services on the same database
 * (PostgreSQL: what several instances behind a load balancer do).
 */
export async function startFixture(options: Partial<WorkOrderServiceOptions> = {}, kind: StoreKind = 'sqlite', instances = 1) {
  const backing = kind === 'sqlite' ? await sqliteBacking() : await postgresBacking();
  // Tokens are issued the way the admin command does it: through the store, before the service starts.
  const admin = await backing.openStore();
  const tokens = {
    agentA: (await issueToken(admin, { agentId: '0307', teamId: 'team-a' })).token,
    otherAgentA: (await issueToken(admin, { agentId: '0308', teamId: 'team-a' })).token,
    centreA: (await issueToken(admin, { agentId: 'lead-01', teamId: 'team-a', role: 'centre' })).token,
    agentB: (await issueToken(admin, { agentId: '0999', teamId: 'team-b' })).token,
    centreB: (await issueToken(admin, { agentId: 'lead-02', teamId: 'team-b', role: 'centre' })).token,
  };
  await admin.close();

  const services: RunningWorkOrderService[] = [];
  for (let i = 0; i < instances; i += 1) {
    services.push(await startWorkOrderService({ port: 0, host: '127.0.0.1', store: await backing.openStore(), ...options }));
  }
  const urls = services.map((s) => s.url);

  /** Requests as `token` (null: none) to instance `instance` (default the first). */
  const as =
    (token: string | null, instance = 0): Call =>
    async (method, path, init = {}) => {
      const headers: Record<string, string> = { ...init.headers };
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = init.raw;
      if (init.body !== undefined) body = JSON.stringify(init.body);
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${urls[instance]}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
    };

  return {
    kind,
    /** The PostgreSQL database's URL (null for SQLite), to reach behind the service's back. */
    databaseUrl: 'databaseUrl' in backing ? backing.databaseUrl : null,
    url: urls[0] as string,
    urls,
    tokens,
    as,
    /** Rows of a query, read straight from the database. */
    rows: (sql: string) => backing.rows(sql),
    /** Another store on the same database, behind the service's back (close it). */
    openStore: () => backing.openStore(),
    /** Rows in a table, read straight from the database. */
    count: (table: Table) => backing.count(table),
    /** Everything the service stored, to prove a rejected request changed nothing. */
    snapshot: async () => ({
      workOrders: await backing.rows('SELECT * FROM work_orders ORDER BY id'),
      changes: await backing.rows('SELECT * FROM work_order_changes ORDER BY seq'),
    }),
    close: async () => {
      await Promise.all(services.map((s) => s.close()));
      await backing.remove();
    },
  };
}

export type Fixture = Awaited<ReturnType<typeof startFixture>>;

/** A complete, in-scope work order (an unpaid-wages help request). */
export function validFields(overrides: Partial<WorkOrderSubmit> = {}): WorkOrderSubmit {
  return {
    callerName: '王先生',
    callerPhone: '0871-6312 3456',
    callbackNumber: '',
    address: '盘龙区 北京路 100 号 工地',
    district: '盘龙区',
    type: 'help-request',
    domain: 'social-management',
    departmentIds: ['labour-inspection'],
    urgency: 'urgent',
    summary: '工地拖欠工资约三万元，已一年多',
    description: '来电人反映在某工地务工，工资约三万元被拖欠一年多，多次讨要未果。',
    scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' },
    followUpWanted: true,
    commitment: { what: '转人社局劳动监察大队核查处理，5 个工作日内答复', dueDate: '2026-12-01' },
    ...overrides,
  };
}

export const newKey = () => randomUUID();
