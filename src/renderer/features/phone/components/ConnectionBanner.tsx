import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhoneStore } from '../phone-store';

/**
 * Shown whenever the link to the server is down and we are retrying: never
 * "Registered" while the server has dropped us. Counts down to the next try.
 */
export function ConnectionBanner() {
  const { t } = useTranslation('phone');
  const registration = usePhoneStore((state) => state.registration);
  const [now, setNow] = useState(() => Date.now());
  const down =
    registration.status === 'failed' &&
    (registration.reason === 'connection-lost' ||
      registration.reason === 'unreachable' ||
      registration.reason === 'timeout' ||
      registration.reason === 'no-binding');
  useEffect(() => {
    if (!down) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [down]);
  if (!down) return null;
  const at = registration.nextRetryAt;
  const seconds = at === undefined ? null : Math.max(0, Math.ceil((at - now) / 1000));
  return (
    <div className="notice notice--error connection-banner" role="alert" data-testid="connection-banner" data-next-retry-at={at ?? ''}>
      <span>{t('connection.down')} </span>
      <span data-testid="connection-countdown">
        {seconds === null || seconds === 0
          ? t('connection.retrying')
          : t('connection.nextTry', { seconds, server: registration.nextServer ?? '' })}
      </span>
    </div>
  );
}
