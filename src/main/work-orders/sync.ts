import type Database from 'better-sqlite3';
import { SettingsTable } from '../store/settings-table';
import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import { normalizePhone } from '../../shared/domain/work-order';
import type { SyncOverview, WorkOrderSummary } from '../../shared/domain/work-order-sync';
import type { EventChannel, EventPayloadOf } from '../../shared/ipc/contract';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsRepo } from '../store/settings-repo';
import type { DepartmentsRepo } from './departments';
import { startEmbeddedService, type EmbeddedService } from './embedded-service';
import { OutboxWorker, type OutboxOptions } from './outbox';
import type { WorkOrdersRepo } from './repo';
import { WorkOrderServiceClient } from './service-client';

/** Main → renderer events, as `sendEvent` forwards them to the window. */
export type CoreEventListener = <E extends EventChannel>(event: E, payload: EventPayloadOf<E>) => void;

export class CoreEvents {
  private readonly listeners = new Set<CoreEventListener>();

  on(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  emit<E extends EventChannel>(event: E, payload: EventPayloadOf<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // a closed window must not stop the outbox
      }
    }
  }
}

export const SERVICE_SETTING = 'workOrders.service';
export const SERVICE_TOKEN = 'work-order-service-token';
export const EMBEDDED_TOKEN = 'work-order-service-embedded-token';
export const HISTORY_TIMEOUT_MS = 1_500;

const ServiceSettingSchema = lazySchema(() => z.object({ url: z.string() }));

export interface WorkOrderSyncOptions {
  db: Database.Database;
  repo: WorkOrdersRepo;
  settings: SettingsRepo;
  secrets: SecretStore;
  departments: DepartmentsRepo;
  events: CoreEvents;
  /** The embedded service's SQLite file; null: never run one (sync waits for a configured URL). */
  embeddedDatabasePath: string | null;
  /** Outbox tuning and test hooks (clock, backoff, concurrency, change polling). */
  outbox?: Omit<OutboxOptions, 'repo' | 'onChanged' | 'onConnectivity'>;
  /** Per-request timeout for the outbox (ms). */
  requestTimeoutMs?: number;
  historyTimeoutMs?: number;
  onError?: (error: unknown) => void;
  /** The remote service answered 401 token_revoked/token_expired for `token` (issue 10: the desk signs out). */
  onTokenRefused?: (code: 'token_revoked' | 'token_expired', token: string) => void;
}

/**
 * Where work orders go and how that is going: the outbox worker pointed at the
 * configured service (or at the embedded one), the overall sync line, the
 * caller's history, and the events the window hears about.
 */
export class WorkOrderSync {
  readonly worker: OutboxWorker;
  private embedded: EmbeddedService | null = null;
  private embeddedStarting: Promise<void> | null = null;
  private client: WorkOrderServiceClient | null = null;
  private closed = false;
  private lastOverview = '';

  constructor(private readonly options: WorkOrderSyncOptions) {
    this.worker = new OutboxWorker({
      ...options.outbox,
      repo: options.repo,
      onChanged: (ids) => this.changed(ids),
      onConnectivity: () => this.overviewMayHaveChanged(),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  /** Points the outbox at the configured service (starting the embedded one if none is). */
  start(): void {
    this.worker.start();
    this.retarget();
  }

  /** Resolves once the outbox has somewhere to send (the embedded service may take a moment). */
  async ready(): Promise<void> {
    await this.embeddedStarting;
  }

  /** Stops sending at once (synchronously, so the database can close next); the embedded service closes after. */
  close(): Promise<void> {
    this.closed = true;
    this.worker.stop();
    const starting = this.embeddedStarting;
    return (async () => {
      await starting?.catch(() => undefined);
      await this.stopEmbedded();
    })();
  }

  get repo(): WorkOrdersRepo {
    return this.options.repo;
  }

  get target(): 'embedded' | 'remote' {
    return this.serviceUrl() === '' ? 'embedded' : 'remote';
  }

  serviceUrl(): string {
    const parsed = ServiceSettingSchema.safeParse(new SettingsTable(this.options.db).read(SERVICE_SETTING));
    return parsed.success ? parsed.data.url : '';
  }

  serviceView() {
    const url = this.serviceUrl();
    return { url, hasToken: this.options.secrets.has(SERVICE_TOKEN), target: url === '' ? ('embedded' as const) : ('remote' as const) };
  }

  /** Saves the service address (and token); returns false when a remote address has no token. */
  saveService(url: string, token: string | undefined): boolean {
    if (url !== '' && token === undefined && !this.options.secrets.has(SERVICE_TOKEN)) return false;
    new SettingsTable(this.options.db).write(SERVICE_SETTING, { url });
    if (token !== undefined) this.options.secrets.set(SERVICE_TOKEN, token);
    this.retarget();
    return true;
  }

  /** The service token was removed or replaced outside saveService (signing out): point the outbox again. */
  reloadService(): void {
    this.retarget();
  }

  /** The department list in settings was replaced: the embedded service checks against it from now on. */
  departmentsChanged(): void {
    this.embedded?.setDepartmentIds(this.options.departments.ids());
  }

  kick(): void {
    this.worker.kick();
    this.overviewMayHaveChanged();
  }

  overview(): SyncOverview {
    const { waiting, needsAttention } = this.options.repo.counts();
    const offlineSince = this.worker.offlineSince;
    const state: SyncOverview['state'] =
      needsAttention > 0 ? 'needs-attention' : offlineSince !== null ? 'offline' : waiting > 0 ? 'waiting' : 'all-synced';
    return { state, waiting, needsAttention, offlineSince, lastSyncedAt: this.worker.lastSyncedAt, target: this.target };
  }

  /** Local work orders from this number merged with the service's, newest first. */
  async history(phone: string): Promise<{ entries: WorkOrderSummary[]; serviceReachable: boolean }> {
    const local = this.options.repo.history(phone, 50);
    if (normalizePhone(phone.trim()) === '') return { entries: [], serviceReachable: this.client !== null };
    const client = this.client;
    if (!client) return { entries: local.map((l) => l.summary), serviceReachable: false };
    const reply = await client.byPhone(phone.trim(), 50, this.options.historyTimeoutMs ?? HISTORY_TIMEOUT_MS);
    if (reply.kind !== 'ok') return { entries: local.map((l) => l.summary), serviceReachable: false };
    const byServerId = new Map(local.filter((l) => l.serverId !== null).map((l) => [l.serverId as string, l.summary]));
    const entries = local.map((l) => l.summary);
    for (const record of reply.value) {
      const mine = byServerId.get(record.id);
      if (mine) {
        // The service knows the status best.
        mine.serverStatus = record.status;
        mine.statusChangedAt = record.statusChangedAt;
        continue;
      }
      entries.push({
        id: record.id,
        source: 'service',
        callerPhone: record.fields.callerPhone,
        summary: record.fields.summary,
        type: record.fields.type,
        createdAt: record.createdAt,
        syncState: null,
        serverStatus: record.status,
        statusChangedAt: record.statusChangedAt,
      });
    }
    entries.sort((a, b) => b.createdAt - a.createdAt);
    return { entries: entries.slice(0, 50), serviceReachable: true };
  }

  /** Tells the window about work orders whose row changed, and about the overall line. */
  changed(ids: readonly string[]): void {
    if (this.options.events.hasListeners) {
      for (const id of ids) {
        const view = this.options.repo.get(id);
        if (view) this.options.events.emit('workOrders:changed', view);
      }
    }
    this.overviewMayHaveChanged();
  }

  private overviewMayHaveChanged(): void {
    if (this.closed) return;
    let overview: SyncOverview;
    try {
      overview = this.overview();
    } catch {
      return;
    }
    const key = JSON.stringify(overview);
    if (key === this.lastOverview) return;
    this.lastOverview = key;
    this.options.events.emit('sync:changed', overview);
  }

  private retarget(): void {
    if (this.closed) return;
    const url = this.serviceUrl();
    const timeoutMs = this.options.requestTimeoutMs ?? 10_000;
    if (url !== '') {
      void this.stopEmbedded();
      const token = this.options.secrets.get(SERVICE_TOKEN);
      const onTokenRefused = this.options.onTokenRefused;
      this.client = token ? new WorkOrderServiceClient({ url, token, timeoutMs, ...(onTokenRefused ? { onTokenRefused } : {}) }) : null;
      this.worker.setTarget(this.client ? { key: url, client: this.client } : null);
      return;
    }
    if (this.embedded) {
      this.client = new WorkOrderServiceClient({ url: this.embedded.url, token: this.embedded.token, timeoutMs });
      this.worker.setTarget({ key: 'embedded', client: this.client });
      return;
    }
    this.client = null;
    this.worker.setTarget(null);
    const path = this.options.embeddedDatabasePath;
    if (path === null || this.embeddedStarting) return;
    this.embeddedStarting = startEmbeddedService({
      databasePath: path,
      savedToken: this.options.secrets.get(EMBEDDED_TOKEN),
      agentId: this.options.settings.read().settings?.agent.workNumber ?? 'desk',
      departmentIds: this.options.departments.ids(),
    })
      .then((service) => {
        if (this.closed) return service.close();
        this.embedded = service;
        // The list may have been replaced while the service was starting.
        service.setDepartmentIds(this.options.departments.ids());
        this.options.secrets.set(EMBEDDED_TOKEN, service.token);
        this.retarget();
      })
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.embeddedStarting = null;
      });
  }

  private async stopEmbedded(): Promise<void> {
    const service = this.embedded;
    this.embedded = null;
    await service?.close().catch((error: unknown) => this.options.onError?.(error));
  }
}
