import { useTranslation } from 'react-i18next';
import { useDevicesStore } from '../devices-store';

/** Says out loud that audio moved to another device (headset unplugged or back). */
export function DeviceSwitchNotice() {
  const { t } = useTranslation('devices');
  const notice = useDevicesStore((state) => state.switchNotice);
  const dismiss = useDevicesStore((state) => state.dismissNotice);
  if (!notice) return null;
  const device = notice.label || t('devices.systemDefault');
  return (
    <div className="notice notice--warning" role="alert" data-testid="device-switch-notice" data-reason={notice.reason}>
      <span>{t(`devices.switched.${notice.reason}`, { role: t(`devices.role.${notice.role}`), device })}</span>
      <button type="button" className="notice__close" onClick={dismiss} aria-label={t('app.dismiss')}>
        ×
      </button>
    </div>
  );
}
