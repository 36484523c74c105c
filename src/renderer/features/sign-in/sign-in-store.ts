import { create } from 'zustand';
import {
  CentreSignInRequestSchema,
  type CentreStatus,
  type SignInFailure,
} from '../../../shared/ipc/contract-centre';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';

export type SignInField = 'centreUrl' | 'workNumber' | 'password';

/** Why the last attempt did not sign in: one of main's failures, or the IPC call itself failing. */
export type SignInProblem = { failure: SignInFailure | 'internal'; retryAfterMinutes: number | null };

interface SignInState {
  /** Main's status; null until first read. */
  status: CentreStatus | null;
  loadFailed: boolean;
  form: Record<SignInField, string>;
  /** i18n keys (signIn.errors.*) per field. */
  errors: Partial<Record<SignInField, string>>;
  submitting: boolean;
  problem: SignInProblem | null;
  signingOut: boolean;
  signOutFailed: boolean;
  load(): Promise<void>;
  edit(field: SignInField, value: string): void;
  /** True when signed in. */
  signIn(): Promise<boolean>;
  signOut(): Promise<void>;
  /** A status main pushed (`centre:signedOut`). */
  apply(status: CentreStatus): void;
}

/** What the shell does when the session starts or ends (start the phone with the new account; stop it). */
export interface SignInHooks {
  onSignedIn(status: CentreStatus): void | Promise<void>;
  onSignedOut(status: CentreStatus): void | Promise<void>;
}

let hooks: SignInHooks | null = null;
/** A pushed status is newer than any load still in flight. */
let version = 0;

const EMPTY_FORM: Record<SignInField, string> = { centreUrl: '', workNumber: '', password: '' };

function fieldErrors(form: Record<SignInField, string>): Partial<Record<SignInField, string>> {
  const parsed = CentreSignInRequestSchema.safeParse(form);
  if (parsed.success) return {};
  const errors: Partial<Record<SignInField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field !== 'centreUrl' && field !== 'workNumber' && field !== 'password') continue;
    if (errors[field]) continue;
    if (form[field].trim() === '') errors[field] = 'signIn.errors.required';
    else if (field === 'centreUrl') errors[field] = issue.message === 'signIn.errors.addressInsecure' ? issue.message : 'signIn.errors.address';
    else if (field === 'workNumber') errors[field] = 'signIn.errors.workNumber';
    else errors[field] = 'signIn.errors.required';
  }
  return errors;
}

async function notify(kind: keyof SignInHooks, status: CentreStatus): Promise<void> {
  try {
    await hooks?.[kind](status);
  } catch (error) {
    console.warn(`sign-in: ${kind} failed`, error);
  }
}

export const useSignInStore = create<SignInState>()((set, get) => ({
  status: null,
  loadFailed: false,
  form: EMPTY_FORM,
  errors: {},
  submitting: false,
  problem: null,
  signingOut: false,
  signOutFailed: false,

  load: async () => {
    const mine = ++version;
    try {
      const status = await unwrap(bridge().centre.status({}));
      if (mine !== version) return;
      const { form } = get();
      // The address last signed in to is the form's start; what the agent already typed stays.
      set({ status, loadFailed: false, form: form.centreUrl === '' ? { ...form, centreUrl: status.centreUrl } : form });
      // Signed out by the centre before this window listened (main checks the token at start): the phone must not run.
      if (centralSignOut(status)) await notify('onSignedOut', status);
    } catch {
      if (mine === version) set({ loadFailed: true });
    }
  },

  edit: (field, value) => set((state) => ({ form: { ...state.form, [field]: value }, errors: { ...state.errors, [field]: undefined }, problem: null })),

  signIn: async () => {
    const { form, submitting } = get();
    if (submitting) return false;
    const errors = fieldErrors(form);
    if (Object.keys(errors).length > 0) {
      set({ errors, problem: null });
      return false;
    }
    set({ submitting: true, problem: null, errors: {} });
    try {
      const reply = await unwrap(
        bridge().centre.signIn({ centreUrl: form.centreUrl.trim(), workNumber: form.workNumber.trim(), password: form.password }),
      );
      if (reply.outcome === 'refused') {
        // A wrong password is typed again; the rest of the form stays.
        const password = reply.failure === 'wrong-password' || reply.failure === 'locked-out' ? '' : form.password;
        set({ submitting: false, problem: { failure: reply.failure, retryAfterMinutes: reply.retryAfterMinutes }, form: { ...form, password } });
        return false;
      }
      version++;
      set({ submitting: false, status: reply.status, form: { ...form, password: '' } });
      await notify('onSignedIn', reply.status);
      return true;
    } catch {
      set({ submitting: false, problem: { failure: 'internal', retryAfterMinutes: null } });
      return false;
    }
  },

  signOut: async () => {
    if (get().signingOut) return;
    set({ signingOut: true, signOutFailed: false });
    try {
      const status = await unwrap(bridge().centre.signOut({}));
      version++;
      set({ signingOut: false, status, problem: null });
      await notify('onSignedOut', status);
    } catch {
      set({ signingOut: false, signOutFailed: true });
    }
  },

  apply: (status) => {
    version++;
    set({ status, problem: null });
    // Pushed only when the centre ended the session: the phone must stop whatever the store knew before.
    if (status.state === 'signed-out') void notify('onSignedOut', status);
  },
}));

/**
 * Reads main's status and follows `centre:signedOut`. `onSignedIn` runs after a
 * sign-in here (main has saved the handed-out account: load the settings and
 * start the phone); `onSignedOut` after signing out here or centrally (stop the
 * phone). Returns the unsubscribe.
 */
export function startSignIn(shellHooks: SignInHooks): () => void {
  hooks = shellHooks;
  void useSignInStore.getState().load();
  const unsubscribe = bridge().on('centre:signedOut', (status) => useSignInStore.getState().apply(status));
  return () => {
    unsubscribe();
    if (hooks === shellHooks) hooks = null;
  };
}

/** The desk is signed out by the centre (a token revoked or run out), with the reason to say. */
export function centralSignOut(status: CentreStatus | null): 'revoked' | 'expired' | null {
  if (status?.state !== 'signed-out') return null;
  return status.reason === 'revoked' || status.reason === 'expired' ? status.reason : null;
}
