import { hashToken, issueToken, looksLikeToken, openSqliteStore, startWorkOrderService, type RunningWorkOrderService } from '../../../services/workorder';

export interface EmbeddedService {
  url: string;
  token: string;
  /** The department ids work orders may name, from the next request on (no restart). */
  setDepartmentIds(departmentIds: readonly string[]): void;
  close(): Promise<void>;
}

export interface EmbeddedServiceOptions {
  /** The service's own SQLite file (next to the app database). */
  databasePath: string;
  /** A token issued by an earlier start, if the app kept one. */
  savedToken: string | null;
  agentId: string;
  departmentIds?: readonly string[];
}

/** Team of the embedded service: one desk, one team. */
export const EMBEDDED_TEAM = 'local-desk';

/**
 * The reference work-order service inside the main process, on 127.0.0.1 and a
 * free port, with its own SQLite file: a fresh install syncs to it with no set-up.
 * The app issues itself a token (kept with the SecretStore) the first time.
 */
export async function startEmbeddedService(options: EmbeddedServiceOptions): Promise<EmbeddedService> {
  const store = openSqliteStore(options.databasePath);
  let service: RunningWorkOrderService | null = null;
  try {
    let token = options.savedToken;
    if (!token || !looksLikeToken(token) || !(await store.findToken(hashToken(token)))) {
      token = (await issueToken(store, { agentId: options.agentId, teamId: EMBEDDED_TEAM, label: 'embedded (this desk)' })).token;
    }
    service = await startWorkOrderService({
      port: 0,
      host: '127.0.0.1',
      store,
      ...(options.departmentIds ? { departmentIds: options.departmentIds } : {}),
    });
    const running = service;
    return { url: running.url, token, setDepartmentIds: (ids) => running.setDepartmentIds(ids), close: () => running.close() };
  } catch (error) {
    if (service) await service.close();
    else await store.close();
    throw error;
  }
}
