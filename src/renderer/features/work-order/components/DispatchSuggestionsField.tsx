import { useMemo } from 'react';
import { DispatchSuggestions } from '../../dispatch';
import { isEditable, useWorkOrderStore } from '../work-order-store';

/** The dispatch suggestions for the open work order: its text and region in, the chosen departments out. */
export function DispatchSuggestionsField() {
  const id = useWorkOrderStore((state) => state.id);
  const view = useWorkOrderStore((state) => state.view);
  const summary = useWorkOrderStore((state) => state.fields.summary);
  const description = useWorkOrderStore((state) => state.fields.description);
  const domain = useWorkOrderStore((state) => state.fields.domain);
  const district = useWorkOrderStore((state) => state.fields.district);
  const address = useWorkOrderStore((state) => state.fields.address);
  const selected = useWorkOrderStore((state) => state.fields.departmentIds);
  const edit = useWorkOrderStore((state) => state.edit);
  const query = useMemo(() => ({ summary, description, domain, district, address }), [summary, description, domain, district, address]);
  if (!id) return null;
  return <DispatchSuggestions workOrderId={id} query={query} selected={selected} editable={isEditable(view)} onChoose={(ids) => edit('departmentIds', ids)} />;
}
