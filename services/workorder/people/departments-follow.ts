import type { WorkOrderStore } from '../store/store';
import { catalogueDepartmentIds, onCataloguePublished } from '../dispatch/catalogue-departments';

/** How often a running service reads the department list again (set-departments runs in another process). */
export const DEPARTMENTS_REFRESH_MS = 60_000;

/**
 * Work orders may name only the centre's departments, the ones the desks got
 * at sign-in: the list in the database (admin set-departments) and the
 * departments of the published dispatch catalogue (desks offer those once
 * synced), read now and every `everyMs`. An empty list lets any well-formed id through, as before.
 */
export async function followDepartments(
  store: WorkOrderStore,
  apply: (departmentIds: readonly string[] | undefined) => void,
  options: { everyMs?: number; log?: (line: string) => void } = {},
): Promise<{ refresh: () => Promise<void>; stop: () => void }> {
  let last = '';
  const read = async () => {
    const listed = (await store.people.listDepartments()).map((department) => department.id);
    const ids = [...new Set([...listed, ...(await catalogueDepartmentIds(store))])];
    const key = ids.join(',');
    if (key === last) return;
    last = key;
    apply(ids.length > 0 ? ids : undefined);
    options.log?.(ids.length > 0 ? `departments: ${ids.length} from the database` : 'departments: none set, any id accepted');
  };
  await read();
  const timer = setInterval(() => {
    read().catch((error: unknown) => options.log?.(`departments: reading failed: ${(error as Error)?.message ?? error}`));
  }, options.everyMs ?? DEPARTMENTS_REFRESH_MS);
  timer.unref();
  const offPublished = onCataloguePublished(() => {
    read().catch((error: unknown) => options.log?.(`departments: reading failed: ${(error as Error)?.message ?? error}`));
  });
  return {
    refresh: read,
    stop: () => {
      clearInterval(timer);
      offPublished();
    },
  };
}
