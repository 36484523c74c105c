import { useTranslation } from 'react-i18next';
import { usePhoneStore } from '../phone-store';

/** Things the agent should know about the phone that are not its registration state. */
export function PhoneNotice() {
  const { t } = useTranslation('phone');
  const notice = usePhoneStore((state) => state.notice);
  const dismiss = usePhoneStore((state) => state.dismissNotice);
  if (!notice) return null;
  return (
    <div className="notice notice--warning" role="alert" data-testid="phone-notice" data-notice={notice}>
      <span>{t(notice === 'ringtoneBlocked' || notice === 'answerFailed' ? `call.${notice}` : `callControl.notice.${notice}`)}</span>
      <button type="button" className="notice__close" onClick={dismiss} aria-label={t('app.dismiss')}>
        ×
      </button>
    </div>
  );
}
