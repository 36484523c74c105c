import type Database from 'better-sqlite3';
import { DISPATCH_CATALOGUE_DATASET } from '../../shared/dispatch/dataset';
import type { TokenRefusal } from '../centre/centre-client';
import type { ReferenceDataSync, ReferenceTarget } from '../reference-data/reference-sync';
import type { CoreEvents } from '../work-orders/sync';
import type { DepartmentsRepo } from '../work-orders/departments';
import { DispatchCatalogueSource } from './catalogue-source';
import { DispatchLog } from './dispatch-log';
import type { DispatchHandlerDeps } from './dispatch-handlers';
import { DispatchOutcomeSync } from './outcome-sync';

export { createDispatchHandlers, type DispatchHandlerDeps } from './dispatch-handlers';

export interface DispatchDeskOptions {
  db: Database.Database;
  referenceSync: ReferenceDataSync;
  departments: DepartmentsRepo;
  /** The department list changed (the embedded service accepts the new ids). */
  onDepartmentsChanged: () => void;
  events: CoreEvents;
  target: () => ReferenceTarget | null;
  caPem?: () => string | null;
  onTokenRefused?: (code: TokenRefusal, token: string) => void;
  onError?: (error: unknown) => void;
  outcomesPollMs?: number;
}

/**
 * Dispatch suggestions on the desk (issue 15): the catalogue arrives as centre
 * reference data (registered here, before the sync starts) and becomes the
 * department list; choices and outcomes are kept in the desk's log and
 * exchanged with the centre. The renderer ranks departments from the copy.
 */
export function createDispatchDesk(options: DispatchDeskOptions) {
  const handle = options.referenceSync.register({ dataset: DISPATCH_CATALOGUE_DATASET });
  const source = new DispatchCatalogueSource(handle);
  const log = new DispatchLog(options.db);
  options.departments.useCatalogue(() => source.departments());
  source.onChanged((version) => {
    options.onDepartmentsChanged();
    options.events.emit('dispatch:changed', { version });
  });
  const outcomes = new DispatchOutcomeSync({
    db: options.db,
    log,
    target: options.target,
    ...(options.caPem ? { caPem: options.caPem } : {}),
    ...(options.onTokenRefused ? { onTokenRefused: options.onTokenRefused } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.outcomesPollMs ? { pollMs: options.outcomesPollMs } : {}),
    onOutcomes: () => options.events.emit('dispatch:changed', { version: source.current().version }),
  });
  const handlers: DispatchHandlerDeps = { source, log };
  return {
    source,
    log,
    outcomes,
    handlers,
    start: () => outcomes.start(),
    close: () => outcomes.close(),
  };
}
export type DispatchDesk = ReturnType<typeof createDispatchDesk>;
