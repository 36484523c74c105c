import { create } from 'zustand';
import { DepartmentListSchema, type Department } from '../../../shared/domain/work-order-sync';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, IpcCallError, unwrap } from '../../ipc/ipc-call-error';
import { useWorkOrderStore } from '../work-order';

/** One problem of the edited list, by line (1-based; 0 for the list as a whole) and i18n key. */
export interface LineError {
  line: number;
  message: string;
}

interface DepartmentsEditorState {
  /** One department per line: `id | 中文名称 | English name`. */
  text: string;
  saving: boolean;
  errors: LineError[];
  /** i18n keys. */
  loadError: string | null;
  saveError: string | null;
  savedAt: number | null;
  load(): Promise<void>;
  edit(text: string): void;
  save(): Promise<boolean>;
}

export function departmentsToText(departments: readonly Department[]): string {
  return departments.map((d) => `${d.id} | ${d.nameZh} | ${d.nameEn}`).join('\n');
}

/** The text as a list (blank lines skipped), with the line each entry came from. */
export function parseDepartmentsText(text: string): { departments: Department[]; lines: number[]; errors: LineError[] } {
  const departments: Department[] = [];
  const lines: number[] = [];
  const errors: LineError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const parts = raw.split('|').map((part) => part.trim());
    if (parts.length !== 3) {
      errors.push({ line: index + 1, message: 'errors.departmentLine' });
      return;
    }
    const [id, nameZh, nameEn] = parts as [string, string, string];
    departments.push({ id, nameZh, nameEn });
    lines.push(index + 1);
  });
  return { departments, lines, errors };
}

function issueLines(issues: readonly { path: readonly PropertyKey[] | string; message: string }[], lines: number[]): LineError[] {
  return issues.map((issue) => {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : issue.path.map(String);
    // From the IPC reply the path starts with `departments`.
    const index = Number(path[0] === 'departments' ? path[1] : path[0]);
    const message = /^errors\.[A-Za-z]+$/.test(issue.message) ? issue.message : 'errors.invalid';
    return { line: Number.isInteger(index) ? (lines[index] ?? 0) : 0, message };
  });
}

export const useDepartmentsEditorStore = create<DepartmentsEditorState>()((set, get) => ({
  text: '',
  saving: false,
  errors: [],
  loadError: null,
  saveError: null,
  savedAt: null,

  load: async () => {
    try {
      const departments = await unwrap(bridge().workOrders.departments({}));
      set({ text: departmentsToText(departments), errors: [], loadError: null });
    } catch (error) {
      set({ loadError: errorKeyOf(error) });
    }
  },

  edit: (text) => set({ text, errors: [], saveError: null, savedAt: null }),

  save: async () => {
    if (get().saving) return false;
    const { departments, lines, errors } = parseDepartmentsText(get().text);
    const parsed = DepartmentListSchema.safeParse(departments);
    if (errors.length > 0 || !parsed.success) {
      set({ errors: [...errors, ...(parsed.success ? [] : issueLines(parsed.error.issues, lines))] });
      return false;
    }
    set({ saving: true, saveError: null });
    try {
      const saved = await unwrap(bridge().workOrders.setDepartments({ departments: parsed.data }));
      set({ text: departmentsToText(saved), saving: false, errors: [], savedAt: Date.now() });
      // The work-order form offers the new list at once.
      void useWorkOrderStore.getState().loadDepartments();
      return true;
    } catch (error) {
      set({
        saving: false,
        errors: error instanceof IpcCallError ? issueLines(error.issues, lines) : [],
        saveError: errorKeyOf(error),
      });
      return false;
    }
  },
}));
