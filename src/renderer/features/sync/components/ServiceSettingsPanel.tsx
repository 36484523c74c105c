import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useServiceSettingsStore } from '../service-settings-store';
import { runtimeKey } from '../../../i18n/i18n-key';

/** Where work orders go: an address (empty = the service built into this app) and the agent's token. */
export function ServiceSettingsPanel() {
  const { t } = useTranslation('sync');
  const urlId = useId();
  const tokenId = useId();
  const { view, url, token, errors, saving, loadError, saveError, savedAt, load, edit, save } = useServiceSettingsStore();

  useEffect(() => {
    void useServiceSettingsStore.getState().load();
  }, []);

  return (
    <section className="panel service-settings" data-testid="work-order-service-settings">
      <h2 className="panel__title">{t('sync.service.title')}</h2>
      {loadError && (
        <div className="notice notice--error" role="alert">
          <p>{t('sync.service.loadFailed', { reason: t(runtimeKey(loadError)) })}</p>
          <button type="button" className="button" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {view && <p className="muted">{t('sync.service.current', { target: t(`sync.target.${view.target}`) })}</p>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={urlId}>{t('sync.service.url')}</label>
          <input
            id={urlId}
            type="url"
            data-testid="work-order-service-url"
            value={url}
            placeholder="https://"
            aria-invalid={errors.url ? true : undefined}
            onChange={(event) => edit('url', event.target.value)}
          />
          <span className="field__hint">{t('sync.service.urlHint')}</span>
          {errors.url && <span className="field__error">{t(runtimeKey(errors.url))}</span>}
        </div>
        <div className="field">
          <label htmlFor={tokenId}>{t('sync.service.token')}</label>
          <input
            id={tokenId}
            type="password"
            autoComplete="off"
            data-testid="work-order-service-token"
            value={token}
            aria-invalid={errors.token ? true : undefined}
            onChange={(event) => edit('token', event.target.value)}
          />
          <span className="field__hint">{view?.hasToken ? t('sync.service.tokenKeep') : t('sync.service.tokenNone')}</span>
          {errors.token && <span className="field__error">{t(runtimeKey(errors.token))}</span>}
        </div>
        {saveError && (
          <p className="notice notice--error" role="alert">
            {t('sync.service.saveFailed', { reason: t(runtimeKey(saveError)) })}
          </p>
        )}
        {savedAt !== null && !saveError && <p className="muted" role="status">{t('sync.service.saved')}</p>}
        <div className="panel__actions">
          <button type="submit" className="button button--primary" data-testid="work-order-service-save" disabled={saving}>
            {saving ? t('sync.service.saving') : t('sync.service.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
