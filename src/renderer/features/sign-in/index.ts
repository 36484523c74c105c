export type { SignInScreenProps } from './components/SignInScreen';
export { SignedInBadge } from './components/SignedInBadge';
export { startSignIn, useSignInStore, centralSignOut, type SignInHooks } from './sign-in-store';
/** Not on a signed-in desk's first screen: its code loads when shown (app/lazy-part). */
export const loadSignInScreen = () => import('./components/SignInScreen').then((m) => m.SignInScreen);
