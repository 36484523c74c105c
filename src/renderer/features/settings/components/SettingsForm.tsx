import { useId, useState, type FormEvent } from 'react';
import { isCleartextToNetwork } from '../../../../shared/domain/loopback';
import { useTranslation } from 'react-i18next';
import { formValuesFrom, type SettingsField as Field, type SettingsFormValues } from '../settings-form';
import { useSettingsStore } from '../settings-store';
import { SettingsField } from './SettingsField';
import { runtimeKey } from '../../../i18n/i18n-key';

/** SIP account and agent profile. Validation and sending live in the store. */
export function SettingsForm() {
  const { t } = useTranslation();
  const view = useSettingsStore((state) => state.view);
  const fieldErrors = useSettingsStore((state) => state.fieldErrors);
  const formErrors = useSettingsStore((state) => state.formErrors);
  const saving = useSettingsStore((state) => state.saving);
  const passwordNeeded = useSettingsStore((state) => state.passwordNeeded);
  const save = useSettingsStore((state) => state.save);
  const closeForm = useSettingsStore((state) => state.closeForm);
  const [values, setValues] = useState<SettingsFormValues>(() => formValuesFrom(view?.settings ?? null));
  const insecureId = useId();
  const cleartext = isCleartextToNetwork(values.wsServer, 'ws:');

  const firstRun = !view?.settings;
  const keepsPassword = view?.hasPassword === true && !passwordNeeded;
  const bind = (field: Field) => ({
    field,
    value: values[field],
    error: fieldErrors[field],
    onChange: (value: string) => setValues((current) => ({ ...current, [field]: value })),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(values).then((saved) => {
      // The stored password must not linger in the DOM.
      if (saved) setValues((current) => ({ ...current, password: '' }));
    });
  };

  return (
    <form className="panel settings-form" onSubmit={onSubmit} noValidate data-testid="settings-form">
      <h2 className="panel__title">{t('settings.title')}</h2>
      {firstRun && <p className="muted">{t('settings.firstRun')}</p>}
      {passwordNeeded && (
        <p className="notice notice--warning" role="alert">
          {t('settings.passwordNeeded')}
        </p>
      )}

      <fieldset>
        <legend>{t('settings.accountSection')}</legend>
        <SettingsField {...bind('wsServer')} type="url" hint={t('settings.wsServerHint')} />
        {cleartext && (
          <div className="field field--warning" data-testid="settings-insecure-ws">
            <label htmlFor={insecureId}>
              <input
                id={insecureId}
                type="checkbox"
                data-testid="settings-insecure-ws-ack"
                checked={values.insecureWsAcknowledged === true}
                onChange={(event) => setValues((current) => ({ ...current, insecureWsAcknowledged: event.target.checked }))}
              />{' '}
              {t('settings.insecureWsAck')}
            </label>
            <span className="field__hint">{t('settings.insecureWsHint')}</span>
          </div>
        )}
        <SettingsField {...bind('sipUri')} hint={t('settings.sipUriHint')} />
        <SettingsField {...bind('authUser')} autoComplete="username" />
        <SettingsField
          {...bind('password')}
          type="password"
          autoComplete="new-password"
          hint={
            <>
              {keepsPassword && <span className="field__hint-part">{t('settings.passwordKeepHint')}</span>}
              {view && <span className="field__hint-part" data-testid="settings-secret-storage">{t(`settings.passwordStorage.${view.secretStorage}`)}</span>}
            </>
          }
        />
        <SettingsField {...bind('displayName')} />
      </fieldset>

      <fieldset>
        <legend>{t('settings.agentSection')}</legend>
        <SettingsField {...bind('workNumber')} />
        <SettingsField {...bind('city')} />
        <SettingsField
          {...bind('cityEn')}
          hint={
            <>
              <span className="field__hint-part">{t('settings.cityEnHint')}</span>
              {view?.cityInEnglish && (
                <span className="field__hint-part" data-testid="settings-city-in-english">
                  {t('settings.cityEnNow', { city: view.cityInEnglish })}
                </span>
              )}
            </>
          }
        />
      </fieldset>

      {formErrors.length > 0 && (
        <ul className="notice notice--error" role="alert">
          {formErrors.map((key) => (
            <li key={key}>{t('settings.saveFailed', { reason: t(runtimeKey(key)) })}</li>
          ))}
        </ul>
      )}
      {Object.keys(fieldErrors).length > 0 && formErrors.length === 0 && (
        <p className="field__error" role="alert">
          {t('settings.fixErrors')}
        </p>
      )}

      <div className="panel__actions">
        <button type="submit" className="button button--primary" data-testid="settings-save" disabled={saving}>
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
        {!firstRun && !passwordNeeded && (
          <button type="button" className="button" onClick={closeForm} disabled={saving}>
            {t('settings.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
