import { create } from 'zustand';
import {
  SettingsSaveRequestSchema,
  type Language,
  type SettingsView,
} from '../../../shared/domain/settings';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, IpcCallError, unwrap } from '../../ipc/ipc-call-error';
import { applyLanguage, currentLanguage } from '../../i18n/i18n';
import { formErrorsFromIssues, type FieldErrors } from './form-errors';
import { toSaveRequest, type SettingsFormValues } from './settings-form';

interface SettingsState {
  status: 'loading' | 'ready' | 'load-failed';
  view: SettingsView | null;
  /** i18n key. */
  loadError: string | null;
  /** The form is shown over the main screen (always on first start). */
  formOpen: boolean;
  /** The stored password is gone (memory-only storage, app restarted): ask again. */
  passwordNeeded: boolean;
  saving: boolean;
  fieldErrors: FieldErrors;
  /** i18n keys for problems that belong to no single field. */
  formErrors: string[];
  /** i18n key: the language choice could not be stored. */
  languageError: string | null;

  load(): Promise<SettingsView | null>;
  save(values: SettingsFormValues): Promise<boolean>;
  setLanguage(language: Language): Promise<void>;
  openForm(): void;
  closeForm(): void;
  requirePassword(): void;
  /** The stored SIP password, for the phone only; never kept in this store. */
  sipPassword(): Promise<string | null>;
}

const savedListeners = new Set<() => void>();

/** Called after every successful save (the app restarts the phone with the new account). */
export function onSettingsSaved(listener: () => void): () => void {
  savedListeners.add(listener);
  return () => savedListeners.delete(listener);
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  status: 'loading',
  view: null,
  loadError: null,
  formOpen: false,
  passwordNeeded: false,
  saving: false,
  fieldErrors: {},
  formErrors: [],
  languageError: null,

  load: async () => {
    set({ status: 'loading', loadError: null });
    try {
      const view = await unwrap(bridge().settings.get({}));
      await applyLanguage(view.language);
      set({ status: 'ready', view, formOpen: view.settings === null });
      return view;
    } catch (error) {
      set({ status: 'load-failed', loadError: errorKeyOf(error) });
      return null;
    }
  },

  save: async (values) => {
    const request = toSaveRequest(values, currentLanguage());
    const parsed = SettingsSaveRequestSchema.safeParse(request);
    const issues = parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    // Without a stored password an empty field cannot mean "keep it".
    const hasPassword = get().view?.hasPassword === true && !get().passwordNeeded;
    if (request.password === undefined && !hasPassword) issues.push({ path: 'password', message: 'errors.required' });
    if (issues.length > 0) {
      const errors = formErrorsFromIssues(issues);
      set({ fieldErrors: errors.fields, formErrors: errors.other });
      return false;
    }

    set({ saving: true, fieldErrors: {}, formErrors: [] });
    try {
      const view = await unwrap(bridge().settings.save(request));
      set(() => ({
        view,
        saving: false,
        formOpen: false,
        passwordNeeded: false,
      }));
      for (const listener of savedListeners) listener();
      return true;
    } catch (error) {
      if (error instanceof IpcCallError && error.code === 'invalid-payload' && error.issues.length > 0) {
        const errors = formErrorsFromIssues(error.issues);
        set({ saving: false, fieldErrors: errors.fields, formErrors: errors.other });
      } else {
        set({ saving: false, formErrors: [errorKeyOf(error)] });
      }
      return false;
    }
  },

  setLanguage: async (language) => {
    await applyLanguage(language);
    set({ languageError: null });
    try {
      // Main stores the language even before an account exists.
      const view = await unwrap(bridge().settings.setLanguage({ language }));
      set({ view });
    } catch (error) {
      set({ languageError: errorKeyOf(error) });
    }
  },

  openForm: () => set({ formOpen: true, fieldErrors: {}, formErrors: [] }),
  closeForm: () => {
    // The form cannot be dismissed while there is nothing usable to go back to.
    if (!get().view?.settings || get().passwordNeeded) return;
    set({ formOpen: false, fieldErrors: {}, formErrors: [] });
  },
  requirePassword: () => set({ passwordNeeded: true, formOpen: true }),
  sipPassword: async () => (await unwrap(bridge().settings.sipCredentials({}))).password,
}));
