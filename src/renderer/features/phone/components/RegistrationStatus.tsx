import { useTranslation } from 'react-i18next';
import { usePhoneStore } from '../phone-store';

/** The always-visible status bar: is this desk able to take calls, and if not, why. */
export function RegistrationStatus() {
  const { t } = useTranslation();
  const registration = usePhoneStore((state) => state.registration);
  const text =
    registration.status === 'failed' && registration.reason
      ? t(`registration.reason.${registration.reason}`, { code: registration.statusCode ?? '' })
      : t(`registration.state.${registration.status}`);

  return (
    <footer className="status-bar" aria-label={t('registration.label')}>
      <span
        data-testid="registration-status"
        data-state={registration.status}
        data-reason={registration.reason ?? ''}
        className={`registration registration--${registration.status}`}
        role="status"
      >
        <span className="registration__dot" aria-hidden="true" />
        {text}
      </span>
    </footer>
  );
}
