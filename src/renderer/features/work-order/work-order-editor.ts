import { emptyWorkOrderDraft, type WorkOrderDraft } from '../../../shared/domain/work-order';
import { canEditWorkOrder } from '../../../shared/domain/work-order-editing';
import type { WorkOrderView } from '../../../shared/domain/work-order-sync';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, IpcCallError, unwrap } from '../../ipc/ipc-call-error';
import { SaveScheduler } from './save-scheduler';
import { draftKeyErrors, mapIssues, submitCheck, withKeyErrors, type DraftKey, type FieldErrors } from './work-order-form';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/** Main accepts edits while a work order is a draft, needs the agent's attention, or is synced (an amendment). */
export function isEditable(view: Pick<WorkOrderView, 'sync'> | null): boolean {
  return view !== null && canEditWorkOrder(view.sync.state);
}

/** One open work order as the form shows it. */
export interface WorkOrderEditorState {
  /** The work order's local id (`data-draft-id`); null until it is open. */
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
  /** Urgency was raised to 紧急 because an emergency prompt fired in the call (null once the agent lowers it again). */
  urgencyRaised: UrgencyRaise | null;
}

/** Why the urgency was raised: the emergency prompt and the words that fired it (none: the agent's emergency key). */
export interface UrgencyRaise {
  promptId: string;
  matchedTerms: string[];
}

export const CLOSED_EDITOR: WorkOrderEditorState = {
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
  urgencyRaised: null,
};

/**
 * One work order being edited: the form, its save-as-you-type to main, submit
 * and conflict resolution. A call's session owns the editor of its draft; a
 * call-back or a work order reopened from the list gets one of its own. Each
 * editor keeps its own unsaved keys and revision, so two open work orders
 * never mix their edits.
 */
export class WorkOrderEditor {
  private current: WorkOrderEditorState;
  /** Keys edited since they were last sent. Only these go into the next save. */
  private readonly dirty = new Set<DraftKey>();
  /** The newest revision main has confirmed; older replies must not move savedAt back. */
  private confirmedRevision = -1;
  private closed = false;
  /** Emergency prompts already answered with a raise (or seen before the draft opened: raised on open). */
  private readonly emergencies = new Set<string>();
  private pendingEmergency: UrgencyRaise | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly scheduler = new SaveScheduler(() => this.saveDirtyKeys());

  constructor(
    callId: string | null,
    /** Department ids the centre accepts (for the submit check); empty = not known. */
    private readonly knownDepartments: () => string[],
  ) {
    this.current = { ...CLOSED_EDITOR, fields: emptyWorkOrderDraft(), callId };
  }

  get state(): WorkOrderEditorState {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens from main's reply (`load`), showing "opening" until then. */
  async open(load: () => Promise<WorkOrderView>): Promise<void> {
    this.set({ opening: true, openError: null });
    try {
      this.adopt(await load());
    } catch (error) {
      if (!this.closed) this.set({ opening: false, openError: errorKeyOf(error) });
    }
  }

  /** Takes main's copy of the work order (e.g. the draft main opened when the call was answered). */
  adopt(view: WorkOrderView): void {
    if (this.closed) return;
    this.confirmedRevision = view.revision;
    this.set({ id: view.id, callId: view.callId ?? this.current.callId, opening: false, openError: null, fields: view.fields, view, savedAt: view.updatedAt });
    const pending = this.pendingEmergency;
    this.pendingEmergency = null;
    if (pending) this.raiseUrgency(pending);
  }

  /**
   * An emergency prompt fired in this call: urgency goes up to 紧急 (once per
   * prompt; the agent can lower it again, and the same prompt does not raise
   * it twice). Only a draft is changed: a work order already submitted is not
   * turned into an amendment behind the agent's back. Before the draft is
   * open, the raise waits for it.
   */
  raiseUrgency(emergency: UrgencyRaise): void {
    if (this.closed || this.emergencies.has(emergency.promptId)) return;
    const { id, view, fields } = this.current;
    if (!id || !view) {
      this.pendingEmergency = emergency;
      return;
    }
    this.emergencies.add(emergency.promptId);
    if (view.sync.state !== 'draft' || fields.urgency !== 'normal') return;
    this.edit('urgency', 'urgent');
    this.set({ urgencyRaised: { promptId: emergency.promptId, matchedTerms: [...emergency.matchedTerms] } });
  }

  edit<K extends DraftKey>(key: K, value: WorkOrderDraft[K]): void {
    const { id, view } = this.current;
    if (!id || !isEditable(view) || this.closed) return;
    const errors = draftKeyErrors(key, value);
    // The agent chose the urgency: the raise note goes (the raise was the desk's, this is the agent's).
    const lowered = key === 'urgency' && value === 'normal' && this.current.urgencyRaised !== null;
    this.set({
      ...(lowered ? { urgencyRaised: null } : {}),
      fields: { ...this.current.fields, [key]: value },
      fieldErrors: withKeyErrors(this.current.fieldErrors, key, errors),
      // An edit answers the submit complaint about that field; the rest stay until the next attempt.
      submitErrors: withKeyErrors(this.current.submitErrors, key, {}),
      submitError: null,
      saveState: this.current.saveState === 'saving' ? 'saving' : 'pending',
    });
    this.dirty.add(key);
    this.scheduler.touch();
  }

  /** Saves pending edits now (blur, hang-up, window closing). Also retries keys whose last save failed. */
  flush(): Promise<void> {
    if (this.dirty.size > 0) this.scheduler.touch();
    return this.scheduler.flush();
  }

  /** Checks completeness, then moves it to the outbox. True when main accepted it. */
  async submit(): Promise<boolean> {
    const { id, submitting } = this.current;
    if (!id || submitting || this.closed) return false;
    this.set({ submitting: true, submitError: null });
    await this.flush();
    if (this.closed) return false;
    const state = this.current;
    if (Object.keys(state.fieldErrors).length > 0 || this.dirty.size > 0) {
      // Main would check its stored copy, which misses the edits it has not got.
      this.set({ submitting: false, submitError: this.dirty.size > 0 ? 'workOrder.submitUnsaved' : 'workOrder.fixErrors' });
      return false;
    }
    const known = this.knownDepartments();
    const local = submitCheck(state.fields, known.length > 0 ? known : undefined);
    if (Object.keys(local.fields).length > 0 || local.other.length > 0) {
      this.set({ submitting: false, submitErrors: local.fields, submitError: local.other[0] ?? 'workOrder.fixErrors' });
      return false;
    }
    try {
      const view = await unwrap(bridge().workOrders.submit({ id }));
      if (!this.closed) this.set({ submitting: false, view, submitErrors: {}, submitError: null });
      return true;
    } catch (error) {
      if (this.closed) return false;
      if (error instanceof IpcCallError && error.code === 'invalid-payload' && error.issues.length > 0) {
        const mapped = mapIssues(error.issues);
        this.set({ submitting: false, submitErrors: mapped.fields, submitError: mapped.other[0] ?? 'workOrder.fixErrors' });
      } else {
        this.set({ submitting: false, submitError: errorKeyOf(error) });
      }
      return false;
    }
  }

  async resolveConflict(choice: 'keep-mine' | 'take-theirs'): Promise<void> {
    const { id, resolving } = this.current;
    if (!id || resolving || this.closed) return;
    this.set({ resolving: true, resolveError: null });
    await this.flush();
    try {
      const view = await unwrap(bridge().workOrders.resolveConflict({ id, choice }));
      if (this.closed) return;
      if (choice === 'take-theirs') {
        // The service's copy replaces the form; nothing of ours is pending any more.
        this.scheduler.cancel();
        this.dirty.clear();
        this.confirmedRevision = view.revision;
        this.set({ resolving: false, view, fields: view.fields, fieldErrors: {}, submitErrors: {}, savedAt: view.updatedAt, saveState: 'saved' });
      } else {
        this.set({ resolving: false, view });
      }
    } catch (error) {
      if (!this.closed) this.set({ resolving: false, resolveError: errorKeyOf(error) });
    }
  }

  /** `workOrders:changed`: the sync state or the service status moved. The form keeps what the agent typed. */
  applyChanged(view: WorkOrderView): void {
    if (this.current.id === view.id && !this.closed) this.set({ view });
  }

  /**
   * Saves what is pending and stops; the editor shows nothing more. Main then drops the draft if
   * nobody touched it (every field as pre-filled), so it never sits in the unsent list; anything typed stays.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.scheduler.cancel();
    this.dirty.clear();
    this.listeners.clear();
    const id = this.current.id;
    if (!id || (this.current.view?.sync.state ?? 'draft') !== 'draft') return;
    try {
      await unwrap(bridge().workOrders.close({ id }));
    } catch {
      // Main keeps the draft as it is: nothing is lost, it only stays listed.
    }
  }

  private set(change: Partial<WorkOrderEditorState>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener();
  }

  private async saveDirtyKeys(): Promise<void> {
    const { id, fields } = this.current;
    if (!id) return;
    const sendable = [...this.dirty].filter((key) => Object.keys(draftKeyErrors(key, fields[key])).length === 0);
    if (sendable.length === 0) {
      // Nothing valid to send (e.g. a field is too long): stay "pending", the error shows.
      if (this.dirty.size === 0 && this.current.saveState === 'pending') this.set({ saveState: 'saved' });
      return;
    }
    const changes: Partial<WorkOrderDraft> = {};
    for (const key of sendable) {
      (changes as Record<string, unknown>)[key] = fields[key];
      this.dirty.delete(key);
    }
    this.set({ saveState: 'saving' });
    try {
      const saved = await unwrap(bridge().workOrders.save({ id, fields: changes }));
      if (this.closed) return;
      if (saved.revision > this.confirmedRevision) {
        this.confirmedRevision = saved.revision;
        this.set({ savedAt: saved.updatedAt });
      }
      // Main made an edited synced work order a draft again (an amendment to submit).
      const view = this.current.view;
      if (view?.sync.state === 'synced') this.set({ view: { ...view, sync: { ...view.sync, state: 'draft' } } });
      this.set({ saveState: this.dirty.size > 0 || this.scheduler.hasPending ? 'pending' : 'saved', saveError: null });
    } catch (error) {
      if (this.closed) return;
      // Put the keys back, unless edited again meanwhile (then they are dirty anyway).
      for (const key of sendable) this.dirty.add(key);
      this.set({ saveState: 'error', saveError: errorKeyOf(error) });
    }
  }
}
