import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { useSignInStore } from '../sign-in-store';
import '../sign-in.css';

/**
 * For the header: who is signed in (name and work number) and 退出登录. Renders nothing when signed out.
 * A bar short of room (its `data-fit="short"`) shows the work number only; the full text stays the
 * tooltip and what a screen reader reads.
 */
export function SignedInBadge() {
  const { t } = useTranslation('signIn');
  const status = useSignInStore((state) => state.status);
  const signingOut = useSignInStore((state) => state.signingOut);
  const signOutFailed = useSignInStore((state) => state.signOutFailed);
  const signOut = useSignInStore((state) => state.signOut);
  if (status?.state !== 'signed-in') return null;
  const who = t('signIn.signedInAs', { name: status.person.name, workNumber: status.person.workNumber });
  return (
    <div className="signed-in-badge" data-testid="signed-in-badge">
      <span className="signed-in-badge__who" title={who}>
        <span className="signed-in-badge__full">{who}</span>
        <span className="signed-in-badge__short" aria-hidden="true">
          {status.person.workNumber}
        </span>
      </span>
      <Button variant="outline" size="small" loading={signingOut} data-testid="sign-out" onClick={() => void signOut()}>
        {signingOut ? t('signIn.signingOut') : t('signIn.signOut')}
      </Button>
      {signOutFailed && (
        <span className="field__error" role="alert">
          {t('signIn.signOutFailed')}
        </span>
      )}
    </div>
  );
}
