import { CatalogueItemSchema, DISPATCH_DATASET_NAME } from '../../../src/shared/dispatch/dataset';
import { EventEmitter } from 'node:events';
import type { WorkOrderStore } from '../store/store';

// A catalogue published through this process: its department list followers read again at once
// (other instances on the same database read it at their next refresh).
const published = new EventEmitter();
published.setMaxListeners(0);

export function onCataloguePublished(listener: () => void): () => void {
  published.on('published', listener);
  return () => published.off('published', listener);
}

export function cataloguePublished(): void {
  published.emit('published');
}

/** Items read per page (a catalogue has at most a few thousand). */
const PAGE = 1_000;

/**
 * The departments of the published dispatch catalogue (empty when none is
 * published): desks offer these once they have the catalogue, so work orders
 * naming them must be accepted.
 */
export async function catalogueDepartmentIds(store: WorkOrderStore): Promise<string[]> {
  const ids: string[] = [];
  let cursor = 0;
  for (let page = 0; page < 100; page += 1) {
    const changes = await store.reference.changesAfter(DISPATCH_DATASET_NAME, cursor, PAGE);
    for (const change of changes) {
      if (change.item === null || !change.id.startsWith('department:')) continue;
      const item = CatalogueItemSchema.safeParse(change.item);
      if (item.success && item.data.kind === 'department') ids.push(item.data.department.id);
    }
    if (changes.length < PAGE) break;
    cursor = Number(changes.at(-1)?.cursor ?? cursor);
  }
  return ids;
}
