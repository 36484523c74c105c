import { vi } from 'vitest';
import { emptyWorkOrderDraft, type WorkOrderDraft } from '../../../shared/domain/work-order';
import type { WorkOrderView } from '../../../shared/domain/work-order-sync';
import type { HotlineBridge } from '../../../shared/ipc/bridge';

/** Test helpers (no `.test` suffix, so vitest does not run it as a suite). */
export function viewOf(overrides: Partial<Omit<WorkOrderView, 'fields'>> & { fields?: Partial<WorkOrderDraft> } = {}): WorkOrderView {
  const { fields, ...rest } = overrides;
  return {
    id: 'wo-0001-abcd',
    callId: 'call-1234-abcd',
    idempotencyKey: '6f1c1a5e-2b7d-4c1e-9a3f-0d2b8e7c5a11',
    fields: { ...emptyWorkOrderDraft(), ...fields },
    revision: 0,
    createdAt: 1,
    updatedAt: 1,
    sync: { state: 'draft', attempts: 0, nextAttemptAt: null, lastError: null, attention: null },
    server: null,
    ...rest,
  };
}

type Listener = (payload: unknown) => void;

/** A bridge with the given namespaces, plus `on`/`emit` for main's events. */
export function fakeBridge(namespaces: Record<string, Record<string, unknown>>) {
  const listeners = new Map<string, Set<Listener>>();
  const on = vi.fn((event: string, listener: Listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  });
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  return { bridge: { ...namespaces, on } as unknown as HotlineBridge, emit };
}
