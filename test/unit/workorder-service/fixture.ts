import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startWorkOrderService } from '../../../services/workorder/service';
import type { WorkOrderServiceOptions } from '../../../services/workorder/service';
import { openSqliteStore } from '../../../services/workorder/store/sqlite/sqlite-store';
import { issueToken } from '../../../services/workorder/tokens';
import type { WorkOrderSubmit } from '../../../src/shared/domain/work-order';
import { makeTempDir } from '../../support/temp-dir';

export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- responses are checked field by field
}

export type Call = (method: string, path: string, init?: { body?: unknown; raw?: string; headers?: Record<string, string> }) => Promise<Reply>;

/** A real service on 127.0.0.1, port 0, with a fresh SQLite file and tokens for two teams. */
export async function startFixture(options: Partial<WorkOrderServiceOptions> = {}) {
  const dir = makeTempDir('workorder-');
  const databasePath = join(dir.path, 'workorder.sqlite');
  // Tokens are issued the way the admin command does it: through the store, before the service starts.
  const admin = openSqliteStore(databasePath);
  const tokens = {
    agentA: (await issueToken(admin, { agentId: '0307', teamId: 'team-a' })).token,
    otherAgentA: (await issueToken(admin, { agentId: '0308', teamId: 'team-a' })).token,
    centreA: (await issueToken(admin, { agentId: 'lead-01', teamId: 'team-a', role: 'centre' })).token,
    agentB: (await issueToken(admin, { agentId: '0999', teamId: 'team-b' })).token,
    centreB: (await issueToken(admin, { agentId: 'lead-02', teamId: 'team-b', role: 'centre' })).token,
  };
  await admin.close();

  const service = await startWorkOrderService({ port: 0, host: '127.0.0.1', databasePath, ...options });
  // A second, read-only connection to check what the service wrote (WAL lets it read alongside).
  const reader = new Database(databasePath, { readonly: true });

  const as =
    (token: string | null): Call =>
    async (method, path, init = {}) => {
      const headers: Record<string, string> = { ...init.headers };
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = init.raw;
      if (init.body !== undefined) body = JSON.stringify(init.body);
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${service.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
    };

  return {
    url: service.url,
    databasePath,
    tokens,
    as,
    /** Rows in a table, read straight from the database file. */
    count: (table: 'work_orders' | 'work_order_changes' | 'api_tokens') =>
      reader.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number,
    /** Everything the service stored, to prove a rejected request changed nothing. */
    snapshot: () => ({
      workOrders: reader.prepare('SELECT * FROM work_orders ORDER BY id').all(),
      changes: reader.prepare('SELECT * FROM work_order_changes ORDER BY seq').all(),
    }),
    close: async () => {
      reader.close();
      await service.close();
      dir.remove();
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
