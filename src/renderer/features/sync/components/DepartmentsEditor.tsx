import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartmentsEditorStore } from '../departments-editor-store';
import { runtimeKey } from '../../../i18n/i18n-key';
import { CatalogueDepartments, useHasDispatchCatalogue } from '../../dispatch';

/** The centre's department list (the work-order form's dispatch choices), one per line; in effect on save. */
export function DepartmentsEditor() {
  const { t } = useTranslation('sync');
  const textId = useId();
  const hintId = useId();
  const { text, saving, errors, loadError, saveError, savedAt, load, edit, save } = useDepartmentsEditorStore();

  useEffect(() => {
    void useDepartmentsEditorStore.getState().load();
  }, []);
  // Once the centre's dispatch catalogue is on the desk, it is the list (src/main/dispatch): shown, not edited here.
  const fromCatalogue = useHasDispatchCatalogue();
  if (fromCatalogue) return <CatalogueDepartments />;

  return (
    <section className="panel departments-editor" data-testid="departments-editor">
      <h2 className="panel__title">{t('sync.departments.title')}</h2>
      {loadError && (
        <div className="notice notice--error" role="alert">
          <p>{t('sync.departments.loadFailed', { reason: t(runtimeKey(loadError)) })}</p>
          <button type="button" className="button" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        </div>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="field field--wide">
          <label htmlFor={textId}>{t('sync.departments.title')}</label>
          <textarea
            id={textId}
            rows={8}
            spellCheck={false}
            data-testid="departments-text"
            value={text}
            aria-invalid={errors.length > 0 ? true : undefined}
            aria-describedby={hintId}
            onChange={(event) => edit(event.target.value)}
          />
          <span className="field__hint" id={hintId}>
            {t('sync.departments.hint')}
          </span>
          {errors.length > 0 && (
            <ul className="field__error" data-testid="departments-errors">
              {errors.slice(0, 20).map((error, index) => (
                <li key={index} data-line={error.line}>
                  {error.line > 0
                    ? t('sync.departments.line', { line: error.line, message: t(runtimeKey(error.message)) })
                    : t('sync.departments.list', { message: t(runtimeKey(error.message)) })}
                </li>
              ))}
            </ul>
          )}
        </div>
        {saveError && (
          <p className="notice notice--error" role="alert">
            {t('sync.departments.saveFailed', { reason: t(runtimeKey(saveError)) })}
          </p>
        )}
        {savedAt !== null && !saveError && (
          <p className="muted" role="status" data-testid="departments-saved">
            {t('sync.departments.saved')}
          </p>
        )}
        <div className="panel__actions">
          <button type="submit" className="button button--primary" data-testid="departments-save" disabled={saving}>
            {saving ? t('sync.departments.saving') : t('sync.departments.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
