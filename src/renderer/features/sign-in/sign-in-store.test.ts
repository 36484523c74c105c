import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import type { CentreSignInReply, CentreStatus } from '../../../shared/ipc/contract-centre';
import { fail, ok } from '../../../shared/ipc/envelope';
import { installBridge } from '../../ipc/bridge';
import { i18n } from '../../i18n/i18n';
import { signInEn, signInZhCN } from './locales';
import { centralSignOut, startSignIn, useSignInStore } from './sign-in-store';

const signedIn: CentreStatus = {
  state: 'signed-in',
  centreUrl: 'https://centre.example.cn',
  person: { name: '王芳', workNumber: '0307', roles: ['agent'] },
  expiresAt: 1,
};
const signedOut = (reason: 'signed-out' | 'revoked' | 'expired' | null): CentreStatus => ({
  state: 'signed-out',
  centreUrl: 'https://centre.example.cn',
  reason,
  manualSetup: false,
});

describe('sign-in store', () => {
  let signInReply: unknown;
  let emit: (event: string, payload: unknown) => void;
  const signIn = vi.fn((_request: unknown) => Promise.resolve(signInReply));
  const hooks = { onSignedIn: vi.fn(), onSignedOut: vi.fn() };

  beforeEach(() => {
    vi.clearAllMocks();
    const listeners = new Map<string, (payload: unknown) => void>();
    emit = (event, payload) => listeners.get(event)?.(payload);
    installBridge({
      centre: {
        status: () => Promise.resolve(ok(signedOut(null))),
        signIn,
        signOut: () => Promise.resolve(ok(signedOut('signed-out'))),
      },
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    } as unknown as HotlineBridge);
    useSignInStore.setState({ status: null, form: { centreUrl: '', workNumber: '', password: '' }, errors: {}, problem: null, submitting: false });
  });

  const fill = (centreUrl: string, workNumber: string, password: string) => {
    const { edit } = useSignInStore.getState();
    edit('centreUrl', centreUrl);
    edit('workNumber', workNumber);
    edit('password', password);
  };

  it('starts with the remembered address, signs in, and tells the shell', async () => {
    startSignIn(hooks);
    await vi.waitFor(() => expect(useSignInStore.getState().status).toEqual(signedOut(null)));
    expect(useSignInStore.getState().form.centreUrl).toBe('https://centre.example.cn');
    signInReply = ok({ outcome: 'signed-in', status: signedIn } satisfies CentreSignInReply);
    fill('https://centre.example.cn', ' 0307 ', 'secret');
    expect(await useSignInStore.getState().signIn()).toBe(true);
    expect(signIn).toHaveBeenCalledWith({ centreUrl: 'https://centre.example.cn', workNumber: '0307', password: 'secret' });
    expect(useSignInStore.getState().status).toEqual(signedIn);
    expect(useSignInStore.getState().form.password).toBe('');
    expect(hooks.onSignedIn).toHaveBeenCalledWith(signedIn);
  });

  it('checks the fields before asking main, with words for each', async () => {
    fill('', '03 07', '');
    expect(await useSignInStore.getState().signIn()).toBe(false);
    expect(useSignInStore.getState().errors).toEqual({
      centreUrl: 'signIn.errors.required',
      workNumber: 'signIn.errors.workNumber',
      password: 'signIn.errors.required',
    });
    fill('http://10.0.0.8', '0307', 'x');
    await useSignInStore.getState().signIn();
    expect(useSignInStore.getState().errors).toEqual({ centreUrl: 'signIn.errors.addressInsecure' });
    expect(signIn).not.toHaveBeenCalled();
  });

  it('keeps each refusal as its failure (the password cleared after a wrong one)', async () => {
    fill('https://centre.example.cn', '0307', 'wrong');
    signInReply = ok({ outcome: 'refused', failure: 'wrong-password', retryAfterMinutes: null });
    await useSignInStore.getState().signIn();
    expect(useSignInStore.getState().problem).toEqual({ failure: 'wrong-password', retryAfterMinutes: null });
    expect(useSignInStore.getState().form.password).toBe('');
    fill('https://centre.example.cn', '0307', 'again');
    signInReply = ok({ outcome: 'refused', failure: 'unreachable', retryAfterMinutes: null });
    await useSignInStore.getState().signIn();
    expect(useSignInStore.getState().problem).toEqual({ failure: 'unreachable', retryAfterMinutes: null });
    expect(useSignInStore.getState().form.password).toBe('again');
    signInReply = fail('internal', 'boom');
    await useSignInStore.getState().signIn();
    expect(useSignInStore.getState().problem).toEqual({ failure: 'internal', retryAfterMinutes: null });
    expect(hooks.onSignedIn).not.toHaveBeenCalled();
  });

  it('a central sign-out main found before the window listened is acted on when the status is read', async () => {
    installBridge({
      centre: { status: () => Promise.resolve(ok(signedOut('expired'))) },
      on: () => () => undefined,
    } as unknown as HotlineBridge);
    startSignIn(hooks);
    await vi.waitFor(() => expect(hooks.onSignedOut).toHaveBeenCalledWith(signedOut('expired')));
  });

  it('a central sign-out pushed by main stops the phone and is said', async () => {
    startSignIn(hooks);
    useSignInStore.setState({ status: signedIn });
    emit('centre:signedOut', signedOut('revoked'));
    expect(useSignInStore.getState().status).toEqual(signedOut('revoked'));
    expect(hooks.onSignedOut).toHaveBeenCalledWith(signedOut('revoked'));
    expect(centralSignOut(useSignInStore.getState().status)).toBe('revoked');
    expect(centralSignOut(signedOut('signed-out'))).toBeNull();
    expect(centralSignOut(signedIn)).toBeNull();
  });

  it('has words for every failure in both languages, no technical terms', () => {
    for (const [language, bundle] of [['zh-CN', signInZhCN], ['en', signInEn]] as const) {
      const t = i18n.getFixedT(language, 'signIn');
      for (const failure of Object.keys(bundle.signIn.failure)) {
        const text = t(`signIn.failure.${failure}` as never, { minutes: 5 });
        expect(text).not.toMatch(/signIn\.|WebSocket|SIP|token|HTTP|401|JSON/i);
      }
    }
    expect(i18n.getFixedT('zh-CN', 'signIn')('signIn.failure.lockedOutMinutes', { minutes: 5 })).toBe('多次输错已锁定，请 5 分钟后再试');
  });
});
