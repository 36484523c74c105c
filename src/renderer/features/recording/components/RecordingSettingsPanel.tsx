import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingPolicy } from '../../../../shared/recording/recording';
import { recordingDesk } from '../recording-desk';
import { useRecordingStore } from '../recording-store';

const POLICIES: RecordingPolicy[] = ['all', 'on-demand', 'none'];

/** Record all / none / on demand, the retention, and whether the files are really protected here. */
export function RecordingSettingsPanel() {
  const { t } = useTranslation('recording');
  const settings = useRecordingStore((state) => state.settings);
  const [days, setDays] = useState(String(settings?.retentionDays ?? ''));
  const [status, setStatus] = useState<{ ok: boolean; reason?: string } | null>(null);
  useEffect(() => {
    if (!settings) void recordingDesk.loadPolicy();
  }, [settings]);
  // The stored value arrives after the first render, and changes when saved.
  const [shownDays, setShownDays] = useState(settings?.retentionDays);
  if (shownDays !== settings?.retentionDays) {
    setShownDays(settings?.retentionDays);
    setDays(String(settings?.retentionDays ?? ''));
  }
  if (!settings) return null;

  const save = (change: { policy?: RecordingPolicy; retentionDays?: number }) => {
    void recordingDesk.saveSettings({ policy: settings.policy, retentionDays: settings.retentionDays, ...change }).then(
      () => setStatus({ ok: true }),
      (error: unknown) => setStatus({ ok: false, reason: error instanceof Error ? error.message : String(error) }),
    );
  };

  return (
    <details className="panel panel--prefs" data-testid="recording-settings">
      <summary className="panel__title">{t('title')}</summary>
      <p className={settings.keyProtection === 'os-keychain' ? 'muted' : 'notice notice--warning'} data-testid="recording-key-protection" data-protection={settings.keyProtection}>
        {settings.keyProtection === 'os-keychain' ? t('keychain') : t('unprotected')}
      </p>
      <label className="field">
        <span>{t('policy')}</span>
        <select data-testid="recording-policy" value={settings.policy} onChange={(event) => save({ policy: event.target.value as RecordingPolicy })}>
          {POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {t(`policies.${policy}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('retentionDays')}</span>
        <input
          type="number"
          min={1}
          max={3650}
          data-testid="recording-retention-days"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          onBlur={() => {
            const value = Number(days);
            if (Number.isInteger(value) && value >= 1 && value <= 3650 && value !== settings.retentionDays) save({ retentionDays: value });
          }}
        />
      </label>
      <p className="muted">{t('retentionHint')}</p>
      {status && <p className={status.ok ? 'muted' : 'field__error'}>{status.ok ? t('saved') : t('saveFailed', { reason: status.reason })}</p>}
    </details>
  );
}
