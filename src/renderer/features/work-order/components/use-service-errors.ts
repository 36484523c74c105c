import { useMemo } from 'react';
import { mapIssues, type FieldErrors } from '../work-order-form';
import { useWorkOrderStore } from '../work-order-store';

const NONE: FieldErrors = {};

/** The service's validation issues (when it refused the work order), per field, in its own words. */
export function useServiceErrors(): FieldErrors {
  const attention = useWorkOrderStore((state) => state.view?.sync.attention ?? null);
  return useMemo(
    () => (attention?.reason === 'rejected' ? mapIssues(attention.issues, true).fields : NONE),
    [attention],
  );
}
