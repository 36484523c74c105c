import { create } from 'zustand';
import { emptyWorkOrderDraft, type WorkOrderDraft } from '../../../shared/domain/work-order';
import type { Department, WorkOrderView } from '../../../shared/domain/work-order-sync';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, IpcCallError, unwrap } from '../../ipc/ipc-call-error';
import { SaveScheduler } from './save-scheduler';
import { draftKeyErrors, mapIssues, submitCheck, withKeyErrors, type DraftKey, type FieldErrors } from './work-order-form';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/** Main accepts edits only while the work order is a draft or needs the agent's attention. */
export function isEditable(view: Pick<WorkOrderView, 'sync'> | null): boolean {
  return view !== null && (view.sync.state === 'draft' || view.sync.state === 'needs-attention');
}

interface WorkOrderState {
  /** The open work order's local id (`data-draft-id`). */
  id: string | null;
  /** The call it belongs to; null for a call-back draft or one reopened from the list. */
  callId: string | null;
  opening: boolean;
  /** i18n key when opening failed. */
  openError: string | null;
  /** The form as typed (never replaced by main's trimmed copy, so the cursor does not jump). */
  fields: WorkOrderDraft;
  /** Main's last word on it: sync state, attention, service status. */
  view: WorkOrderView | null;
  /** Draft rules (format, length), live while typing; a field with one is not saved. */
  fieldErrors: FieldErrors;
  /** Submit rules, from the last submit attempt (local check or main's invalid-payload). */
  submitErrors: FieldErrors;
  /** i18n key for what blocks the submit as a whole. */
  submitError: string | null;
  submitting: boolean;
  resolving: boolean;
  /** i18n key when resolving a conflict failed. */
  resolveError: string | null;
  saveState: SaveState;
  savedAt: number | null;
  saveError: string | null;

  departments: Department[];
  departmentsError: string | null;

  openForCall(call: { callId: string; callerNumber: string; callerName: string }): Promise<void>;
  /** A new draft without a call (a call-back). */
  create(callerPhone?: string): Promise<void>;
  /** Reopens a work order where it was (from the unsent list or the recent list). */
  open(id: string): Promise<void>;
  edit<K extends DraftKey>(key: K, value: WorkOrderDraft[K]): void;
  /** Saves pending edits now (blur, hang-up, window closing). */
  flush(): Promise<void>;
  /** Checks completeness, then moves it to the outbox. True when main accepted it. */
  submit(): Promise<boolean>;
  resolveConflict(choice: 'keep-mine' | 'take-theirs'): Promise<void>;
  /** `workOrders:changed`: the sync state or the service status moved. */
  applyChanged(view: WorkOrderView): void;
  loadDepartments(): Promise<void>;
  close(): Promise<void>;
}

/** Keys edited since they were last sent. Only these go into the next save. */
const dirty = new Set<DraftKey>();
/** The newest revision main has confirmed; older replies must not move savedAt back. */
let confirmedRevision = -1;
/** Bumped on every open/close, so a late reply for a work order no longer shown is dropped. */
let generation = 0;

const get = () => useWorkOrderStore.getState();
const set = (partial: Partial<WorkOrderState>) => useWorkOrderStore.setState(partial);

async function saveDirtyKeys(): Promise<void> {
  const { id, fields } = get();
  if (!id) return;
  const sendable = [...dirty].filter((key) => Object.keys(draftKeyErrors(key, fields[key])).length === 0);
  if (sendable.length === 0) {
    // Nothing valid to send (e.g. a field is too long): stay "pending", the error shows.
    if (dirty.size === 0 && get().saveState === 'pending') set({ saveState: 'saved' });
    return;
  }
  const changes: Partial<WorkOrderDraft> = {};
  for (const key of sendable) {
    (changes as Record<string, unknown>)[key] = fields[key];
    dirty.delete(key);
  }
  const mine = generation;
  set({ saveState: 'saving' });
  try {
    const saved = await unwrap(bridge().workOrders.save({ id, fields: changes }));
    if (generation !== mine) return;
    if (saved.revision > confirmedRevision) {
      confirmedRevision = saved.revision;
      set({ savedAt: saved.updatedAt });
    }
    set({ saveState: dirty.size > 0 || scheduler.hasPending ? 'pending' : 'saved', saveError: null });
  } catch (error) {
    if (generation !== mine) return;
    // Put the keys back, unless edited again meanwhile (then they are dirty anyway).
    for (const key of sendable) dirty.add(key);
    set({ saveState: 'error', saveError: errorKeyOf(error) });
  }
}

const scheduler = new SaveScheduler(saveDirtyKeys);

const CLOSED = {
  id: null,
  callId: null,
  opening: false,
  openError: null,
  fields: emptyWorkOrderDraft(),
  view: null,
  fieldErrors: {},
  submitErrors: {},
  submitError: null,
  submitting: false,
  resolving: false,
  resolveError: null,
  saveState: 'idle',
  savedAt: null,
  saveError: null,
} satisfies Partial<WorkOrderState>;

/** Flushes the open work order, forgets it, and returns the new generation. */
async function leaveCurrent(): Promise<number> {
  await get().flush();
  scheduler.cancel();
  dirty.clear();
  confirmedRevision = -1;
  return ++generation;
}

async function openWith(callId: string | null, load: () => Promise<WorkOrderView>): Promise<void> {
  const mine = await leaveCurrent();
  set({ ...CLOSED, fields: emptyWorkOrderDraft(), callId, opening: true });
  try {
    const view = await load();
    if (generation !== mine) return; // another work order took over meanwhile
    confirmedRevision = view.revision;
    set({ id: view.id, callId: view.callId ?? callId, opening: false, fields: view.fields, view, savedAt: view.updatedAt });
  } catch (error) {
    if (generation !== mine) return;
    set({ opening: false, openError: errorKeyOf(error) });
  }
}

export const useWorkOrderStore = create<WorkOrderState>()(() => ({
  ...CLOSED,
  departments: [],
  departmentsError: null,

  openForCall: (call) => openWith(call.callId, () => unwrap(bridge().workOrders.openForCall(call))),

  create: (callerPhone = '') => openWith(null, () => unwrap(bridge().workOrders.create({ callerPhone }))),

  open: async (id) => {
    if (get().id === id) return;
    await openWith(null, () => unwrap(bridge().workOrders.get({ id })));
  },

  edit: (key, value) => {
    const { id, view } = get();
    if (!id || !isEditable(view)) return;
    const errors = draftKeyErrors(key, value);
    useWorkOrderStore.setState((state) => ({
      fields: { ...state.fields, [key]: value },
      fieldErrors: withKeyErrors(state.fieldErrors, key, errors),
      // An edit answers the submit complaint about that field; the rest stay until the next attempt.
      submitErrors: withKeyErrors(state.submitErrors, key, {}),
      submitError: null,
      saveState: state.saveState === 'saving' ? 'saving' : 'pending',
    }));
    dirty.add(key);
    scheduler.touch();
  },

  flush: () => {
    // Also retries keys whose last save failed (no timer is pending for those).
    if (dirty.size > 0) scheduler.touch();
    return scheduler.flush();
  },

  submit: async () => {
    const { id, submitting } = get();
    if (!id || submitting) return false;
    const mine = generation;
    set({ submitting: true, submitError: null });
    await get().flush();
    if (generation !== mine) return false;
    const state = get();
    if (Object.keys(state.fieldErrors).length > 0 || dirty.size > 0) {
      // Main would check its stored copy, which misses the edits it has not got.
      set({ submitting: false, submitError: dirty.size > 0 ? 'workOrder.submitUnsaved' : 'workOrder.fixErrors' });
      return false;
    }
    const known = state.departments.length > 0 ? state.departments.map((d) => d.id) : undefined;
    const local = submitCheck(state.fields, known);
    if (Object.keys(local.fields).length > 0 || local.other.length > 0) {
      set({ submitting: false, submitErrors: local.fields, submitError: local.other[0] ?? 'workOrder.fixErrors' });
      return false;
    }
    try {
      const view = await unwrap(bridge().workOrders.submit({ id }));
      if (generation !== mine) return true;
      set({ submitting: false, view, submitErrors: {}, submitError: null });
      return true;
    } catch (error) {
      if (generation !== mine) return false;
      if (error instanceof IpcCallError && error.code === 'invalid-payload' && error.issues.length > 0) {
        const mapped = mapIssues(error.issues);
        set({ submitting: false, submitErrors: mapped.fields, submitError: mapped.other[0] ?? 'workOrder.fixErrors' });
      } else {
        set({ submitting: false, submitError: errorKeyOf(error) });
      }
      return false;
    }
  },

  resolveConflict: async (choice) => {
    const { id, resolving } = get();
    if (!id || resolving) return;
    const mine = generation;
    set({ resolving: true, resolveError: null });
    await get().flush();
    try {
      const view = await unwrap(bridge().workOrders.resolveConflict({ id, choice }));
      if (generation !== mine) return;
      if (choice === 'take-theirs') {
        // The service's copy replaces the form; nothing of ours is pending any more.
        scheduler.cancel();
        dirty.clear();
        confirmedRevision = view.revision;
        set({ resolving: false, view, fields: view.fields, fieldErrors: {}, submitErrors: {}, savedAt: view.updatedAt, saveState: 'saved' });
      } else {
        set({ resolving: false, view });
      }
    } catch (error) {
      if (generation !== mine) return;
      set({ resolving: false, resolveError: errorKeyOf(error) });
    }
  },

  applyChanged: (view) => {
    const current = get();
    if (current.id !== view.id) return;
    // Sync state and service status only: the form keeps what the agent typed.
    set({ view });
  },

  loadDepartments: async () => {
    try {
      const departments = await unwrap(bridge().workOrders.departments({}));
      set({ departments, departmentsError: null });
    } catch (error) {
      set({ departmentsError: errorKeyOf(error) });
    }
  },

  close: async () => {
    await leaveCurrent();
    set({ ...CLOSED, fields: emptyWorkOrderDraft() });
  },
}));
