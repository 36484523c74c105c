export { SignInScreen, type SignInScreenProps } from './components/SignInScreen';
export { SignedInBadge } from './components/SignedInBadge';
export { startSignIn, useSignInStore, centralSignOut, type SignInHooks } from './sign-in-store';
