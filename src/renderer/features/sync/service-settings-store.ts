import { create } from 'zustand';
import type { z } from 'zod';
import { WorkOrderServiceSettingsSchema, type WorkOrderServiceViewSchema } from '../../../shared/domain/work-order-sync';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, IpcCallError, unwrap } from '../../ipc/ipc-call-error';

export type ServiceView = z.infer<typeof WorkOrderServiceViewSchema>;
export type ServiceField = 'url' | 'token';

interface ServiceSettingsState {
  view: ServiceView | null;
  url: string;
  /** Empty keeps the stored token. */
  token: string;
  errors: Partial<Record<ServiceField, string>>;
  saving: boolean;
  /** i18n keys. */
  loadError: string | null;
  saveError: string | null;
  savedAt: number | null;
  load(): Promise<void>;
  edit(field: ServiceField, value: string): void;
  save(): Promise<boolean>;
}

function errorsOf(issues: readonly { path: readonly PropertyKey[] | string; message: string }[]) {
  const errors: Partial<Record<ServiceField, string>> = {};
  for (const issue of issues) {
    const field = (typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.')).split('.')[0];
    if (field === 'url' || field === 'token') {
      errors[field] ??= /^errors\.[A-Za-z]+$/.test(issue.message) ? issue.message : 'errors.invalid';
    }
  }
  return errors;
}

export const useServiceSettingsStore = create<ServiceSettingsState>()((set, get) => ({
  view: null,
  url: '',
  token: '',
  errors: {},
  saving: false,
  loadError: null,
  saveError: null,
  savedAt: null,

  load: async () => {
    try {
      const view = await unwrap(bridge().workOrderService.get({}));
      set({ view, url: view.url, token: '', errors: {}, loadError: null });
    } catch (error) {
      set({ loadError: errorKeyOf(error) });
    }
  },

  edit: (field, value) =>
    set((state) => ({ [field]: value, errors: { ...state.errors, [field]: undefined }, saveError: null }) as Partial<ServiceSettingsState>),

  save: async () => {
    const { url, token, saving } = get();
    if (saving) return false;
    const request = { url: url.trim(), ...(token !== '' ? { token } : {}) };
    const parsed = WorkOrderServiceSettingsSchema.safeParse(request);
    if (!parsed.success) {
      set({ errors: errorsOf(parsed.error.issues) });
      return false;
    }
    set({ saving: true, saveError: null });
    try {
      const view = await unwrap(bridge().workOrderService.save(parsed.data));
      set({ view, url: view.url, token: '', saving: false, errors: {}, savedAt: Date.now() });
      return true;
    } catch (error) {
      const errors = error instanceof IpcCallError ? errorsOf(error.issues) : {};
      set({ saving: false, errors, saveError: errorKeyOf(error) });
      return false;
    }
  },
}));
