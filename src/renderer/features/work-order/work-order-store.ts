import { create } from 'zustand';
import type { WorkOrderDraft } from '../../../shared/domain/work-order';
import type { Department, WorkOrderView } from '../../../shared/domain/work-order-sync';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';
import { CLOSED_EDITOR, WorkOrderEditor, type WorkOrderEditorState } from './work-order-editor';
import type { DraftKey } from './work-order-form';

export { isEditable, type SaveState } from './work-order-editor';

interface WorkOrderState extends WorkOrderEditorState {
  departments: Department[];
  departmentsError: string | null;

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
  /** The agent closes the work order pane. */
  close(): Promise<void>;
}

/**
 * The work order on screen: a read-only projection of one editor (the call in
 * front's draft, or a call-back / reopened work order), plus the department
 * list. The store's actions act on the editor shown.
 */
class WorkOrderDesk {
  private shown: WorkOrderEditor | null = null;
  /** The editor the agent opened by hand (call-back, from a list); it belongs to no call. */
  private standalone: WorkOrderEditor | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly editors = new Set<WorkOrderEditor>();
  /** Called when the agent closes the work order of a call (the call's panel goes too). */
  onCallWorkOrderClosed: (callId: string) => void = () => undefined;

  /** A new editor for a call's draft, owned by that call's session. */
  createEditor(callId: string | null): WorkOrderEditor {
    const editor = new WorkOrderEditor(callId, () => useWorkOrderStore.getState().departments.map((d) => d.id));
    this.editors.add(editor);
    return editor;
  }

  async release(editor: WorkOrderEditor): Promise<void> {
    this.editors.delete(editor);
    if (this.shown === editor) this.show(null);
    await editor.close();
  }

  /** The store shows this editor (null: no work order open). */
  show(editor: WorkOrderEditor | null): void {
    if (this.shown === editor) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.shown = editor;
    // Another work order on screen: the one opened by hand is done with (saved, then closed).
    if (this.standalone && this.standalone !== editor) {
      const previous = this.standalone;
      this.standalone = null;
      void this.release(previous);
    }
    if (!editor) {
      useWorkOrderStore.setState({ ...CLOSED_EDITOR });
      return;
    }
    const project = () => useWorkOrderStore.setState({ ...editor.state });
    project();
    this.unsubscribe = editor.subscribe(project);
  }

  /** Opens a work order that belongs to no call (a call-back, or one reopened from a list). */
  async openStandalone(load: () => Promise<WorkOrderView>): Promise<void> {
    await this.shown?.flush();
    const editor = this.createEditor(null);
    this.show(editor);
    this.standalone = editor;
    await editor.open(load);
  }

  current(): WorkOrderEditor | null {
    return this.shown;
  }

  /** Every open editor (each call's draft and any opened by hand): main's change events reach all. */
  all(): WorkOrderEditor[] {
    return [...this.editors];
  }

  async closeShown(): Promise<void> {
    const editor = this.shown;
    if (!editor) return;
    const callId = editor.state.callId;
    await editor.flush();
    if (editor === this.standalone) {
      this.standalone = null;
      await this.release(editor);
    } else {
      this.show(null);
    }
    if (callId) this.onCallWorkOrderClosed(callId);
  }
}

/** The one work-order desk of this window. */
export const workOrderDesk = new WorkOrderDesk();

const shown = () => workOrderDesk.current();

export const useWorkOrderStore = create<WorkOrderState>()((set) => ({
  ...CLOSED_EDITOR,
  departments: [],
  departmentsError: null,

  create: (callerPhone = '') => workOrderDesk.openStandalone(() => unwrap(bridge().workOrders.create({ callerPhone }))),
  open: async (id) => {
    if (shown()?.state.id === id) return;
    await workOrderDesk.openStandalone(() => unwrap(bridge().workOrders.get({ id })));
  },
  edit: (key, value) => shown()?.edit(key, value),
  flush: async () => {
    await Promise.all(workOrderDesk.all().map((editor) => editor.flush()));
  },
  submit: () => shown()?.submit() ?? Promise.resolve(false),
  resolveConflict: (choice) => shown()?.resolveConflict(choice) ?? Promise.resolve(),
  applyChanged: (view) => {
    for (const editor of workOrderDesk.all()) editor.applyChanged(view);
  },
  loadDepartments: async () => {
    try {
      const departments = await unwrap(bridge().workOrders.departments({}));
      set({ departments, departmentsError: null });
    } catch (error) {
      set({ departmentsError: errorKeyOf(error) });
    }
  },
  close: () => workOrderDesk.closeShown(),
}));
