import { bridge } from '../../ipc/bridge';
import { listIsStale } from './unsent-rows';
import { useWorkOrderListStore } from './work-order-list-store';
import { useWorkOrderStore } from './work-order-store';

/**
 * Start-up of the work-order feature: the department list, the unsent drafts
 * and recent orders, and main's change events. Returns the unsubscribe.
 */
export function startWorkOrders(): () => void {
  const list = useWorkOrderListStore.getState();
  void useWorkOrderStore.getState().loadDepartments();
  void list.refresh();

  const offChanged = bridge().on('workOrders:changed', (view) => {
    useWorkOrderStore.getState().applyChanged(view);
    useWorkOrderListStore.getState().refreshSoon();
  });
  // The lists follow what the agent does here too: a new draft, a submit, a resolved conflict.
  const offStore = useWorkOrderStore.subscribe((state, previous) => {
    if (state.id !== previous.id || state.view?.sync.state !== previous.view?.sync.state) {
      useWorkOrderListStore.getState().refreshSoon();
      return;
    }
    // A save of the open work order that the list does not show yet (its summary): read the list again.
    if (state.savedAt !== previous.savedAt && state.id) {
      const open = { id: state.id, summary: state.fields.summary, syncState: state.view?.sync.state ?? null };
      if (listIsStale(useWorkOrderListStore.getState().unsent, open)) useWorkOrderListStore.getState().refreshSoon();
    }
  });
  return () => {
    offChanged();
    offStore();
  };
}
