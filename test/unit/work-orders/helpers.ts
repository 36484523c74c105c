import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../../src/main/app-core';
import { startWorkOrderService, type WorkOrderServiceOptions } from '../../../services/workorder/service';
import { openSqliteStore } from '../../../services/workorder/store/sqlite/sqlite-store';
import { issueToken } from '../../../services/workorder/tokens';
import { emptyWorkOrderDraft, type WorkOrderDraft } from '../../../src/shared/domain/work-order';
import type { Envelope } from '../../../src/shared/ipc/envelope';
import type { InvokeChannel, ReplyOf, RequestOf } from '../../../src/shared/ipc/contract';
import { invokeContract } from '../../../src/shared/ipc/contract';
import { APP_SENDER, TEST_ORIGIN } from '../../support/app-core';
import { createTestCipher } from '../../support/test-cipher';

/** A complete, submittable work order; `n` makes its summary unique. */
export function completeDraft(n: number | string = 1): WorkOrderDraft {
  return {
    ...emptyWorkOrderDraft(),
    callerName: '张女士',
    callerPhone: '138 0013 8000',
    address: '渝中区解放碑街道 12 号',
    district: '渝中区',
    type: 'complaint',
    domain: 'social-management',
    departmentIds: ['labour-inspection'],
    summary: `工地拖欠工资一年，约三万元 #${n}`,
    description: `来电人反映在某工地务工一年，工资约三万元未发放。编号 ${n}`,
    scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' },
    commitment: { what: '转劳动保障监察支队，3 个工作日内联系来电人', dueDate: '2026-12-01' },
  };
}

export type TestService = Awaited<ReturnType<typeof startTestService>>;

/** The real work-order service on 127.0.0.1 (port 0) with tokens for one team. */
export async function startTestService(dir: string, options: Partial<WorkOrderServiceOptions> = {}) {
  const databasePath = join(dir, 'service.sqlite');
  const admin = openSqliteStore(databasePath);
  const tokens = {
    agent: (await issueToken(admin, { agentId: '0307', teamId: 'team-a' })).token,
    otherAgent: (await issueToken(admin, { agentId: '0308', teamId: 'team-a' })).token,
    centre: (await issueToken(admin, { agentId: 'lead-01', teamId: 'team-a', role: 'centre' })).token,
  };
  await admin.close();
  const service = await startWorkOrderService({ port: 0, host: '127.0.0.1', databasePath, ...options });
  const reader = new Database(databasePath, { readonly: true });
  return {
    url: service.url,
    tokens,
    databasePath,
    /** The service's rows, read straight from its database file. */
    rows: () =>
      reader.prepare('SELECT id, idempotency_key, fields, version, status FROM work_orders').all() as {
        id: string;
        idempotency_key: string;
        fields: string;
        version: number;
        status: string;
      }[],
    async call(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked field by field in tests
      return { status: response.status, body: (text ? JSON.parse(text) : null) as any };
    },
    close: async () => {
      reader.close();
      await service.close();
    },
  };
}

/** The real core (router, store, outbox) on a database in `dir`. */
export function openCore(dir: string, workOrders: AppCoreOptions['workOrders'] = {}): AppCore {
  return createAppCore({
    databasePath: join(dir, 'hotline-desk.sqlite'),
    cipher: createTestCipher(),
    trustedOrigins: [TEST_ORIGIN],
    workOrders,
  });
}

/** Calls a channel through the router; returns the envelope, checking an ok reply against the contract. */
export async function invoke<C extends InvokeChannel>(core: AppCore, channel: C, request: RequestOf<C>): Promise<Envelope<ReplyOf<C>>> {
  const envelope = (await core.router.handle(APP_SENDER, channel, request)) as Envelope<ReplyOf<C>>;
  if (envelope.ok) invokeContract[channel].reply.parse(envelope.value);
  return envelope;
}

/** Like invoke, but the reply must be ok. */
export async function value<C extends InvokeChannel>(core: AppCore, channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
  const envelope = await invoke(core, channel, request);
  if (!envelope.ok) throw new Error(`${channel} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

/** Resolves when `check` holds, re-checked on each `subscribe` notification; rejects after `ms`. */
export function until(check: () => boolean, subscribe: (notify: () => void) => () => void, ms: number, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const unsubscribe = subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** Rejects after `ms` (bounds a wait on a promise). */
export function within<T>(promise: Promise<T>, ms: number, what = 'promise'): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}
