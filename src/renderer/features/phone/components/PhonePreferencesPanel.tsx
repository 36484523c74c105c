import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutoAnswerMode } from '../auto-answer';
import type { DtmfMode } from '../dtmf';
import { usePhonePreferences } from '../phone-preferences';
import { parseServerList } from '../server-list';
import { CustomCaSection } from './CustomCaSection';
import { runtimeKey } from '../../../i18n/i18n-key';

/** DTMF method, auto-answer and backup servers (kept per workstation). */
export function PhonePreferencesPanel() {
  const { t } = useTranslation('phone');
  const preferences = usePhonePreferences((state) => state.preferences);
  const update = usePhonePreferences((state) => state.update);
  const saveError = usePhonePreferences((state) => state.saveError);
  const [servers, setServers] = useState(preferences.backupServers.join('\n'));
  // The stored list arrives at start-up, possibly after this panel first rendered.
  const [shownServers, setShownServers] = useState(preferences.backupServers);
  if (shownServers !== preferences.backupServers) {
    setShownServers(preferences.backupServers);
    setServers(preferences.backupServers.join('\n'));
  }
  const [invalid, setInvalid] = useState<string[]>([]);

  return (
    <details className="panel panel--prefs" data-testid="phone-preferences">
      <summary className="panel__title">{t('phonePrefs.title')}</summary>
      <label className="field">
        <span>{t('phonePrefs.dtmfMode')}</span>
        <select
          data-testid="pref-dtmf-mode"
          value={preferences.dtmfMode}
          onChange={(event) => update({ dtmfMode: event.target.value as DtmfMode })}
        >
          <option value="rfc4733">{t('phonePrefs.dtmf.rfc4733')}</option>
          <option value="info">{t('phonePrefs.dtmf.info')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('phonePrefs.autoAnswer')}</span>
        <select
          data-testid="pref-auto-answer"
          value={preferences.autoAnswer.mode}
          onChange={(event) => update({ autoAnswer: { ...preferences.autoAnswer, mode: event.target.value as AutoAnswerMode } })}
        >
          <option value="off">{t('phonePrefs.autoAnswerMode.off')}</option>
          <option value="after">{t('phonePrefs.autoAnswerMode.after')}</option>
          <option value="header">{t('phonePrefs.autoAnswerMode.header')}</option>
        </select>
      </label>
      {preferences.autoAnswer.mode === 'after' && (
        <label className="field">
          <span>{t('phonePrefs.autoAnswerSeconds')}</span>
          <input
            type="number"
            min={0}
            max={30}
            data-testid="pref-auto-answer-seconds"
            value={preferences.autoAnswer.seconds}
            onChange={(event) => update({ autoAnswer: { ...preferences.autoAnswer, seconds: Number(event.target.value) } })}
          />
        </label>
      )}
      <label className="field">
        <span>{t('phonePrefs.backupServers')}</span>
        <textarea
          data-testid="pref-backup-servers"
          rows={2}
          value={servers}
          onChange={(event) => setServers(event.target.value)}
          onBlur={() => {
            const parsed = parseServerList(servers);
            setInvalid(parsed.invalid);
            update({ backupServers: parsed.servers });
          }}
        />
      </label>
      {invalid.length > 0 && (
        <p className="field__error" role="alert">
          {t('phonePrefs.invalidServers', { list: invalid.join(', ') })}
        </p>
      )}
      {saveError && (
        <p className="field__error" role="alert">
          {t(runtimeKey(saveError))}
        </p>
      )}
      <CustomCaSection />
    </details>
  );
}
