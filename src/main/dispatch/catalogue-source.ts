import { catalogueDepartmentList, type DispatchCatalogue } from '../../shared/dispatch/catalogue';
import { catalogueFromItems, type CatalogueItem } from '../../shared/dispatch/dataset';
import type { Department } from '../../shared/domain/work-order-sync';
import type { ReferenceDatasetHandle } from '../reference-data/dataset-copy';

/**
 * The dispatch catalogue as the desk's copy of the centre's reference data
 * holds it, put together once per change (not on every read). While a copy
 * exists it is the desk's department list: the work-order form offers its
 * departments and submits are checked against them.
 */
export class DispatchCatalogueSource {
  private cached: { version: number; catalogue: DispatchCatalogue | null } | null = null;
  private readonly listeners = new Set<(version: number) => void>();

  constructor(private readonly handle: ReferenceDatasetHandle<CatalogueItem>) {
    handle.onUpdated(() => {
      this.cached = null;
      const { version } = this.current();
      for (const listener of this.listeners) listener(version);
    });
  }

  current(): { version: number; catalogue: DispatchCatalogue | null } {
    this.cached ??= { version: this.handle.state()?.version ?? 0, catalogue: catalogueFromItems(this.handle.all()) };
    return this.cached;
  }

  /** The catalogue's departments as the work-order form's list; null without a catalogue. */
  departments(): Department[] | null {
    const { catalogue } = this.current();
    return catalogue ? catalogueDepartmentList(catalogue) : null;
  }

  /** Called after each change that reached the desk, with the version now held. */
  onChanged(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
