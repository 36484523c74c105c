import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { startDispatch, useDispatchStore } from '../dispatch-store';

/** True once the desk holds a dispatch catalogue: its departments are then the list, kept by the centre. */
export function useHasDispatchCatalogue(): boolean {
  useEffect(() => {
    startDispatch();
  }, []);
  return useDispatchStore((state) => state.catalogue !== null);
}

/** The department list as the dispatch catalogue gives it: read-only here, kept on the centre. */
export function CatalogueDepartments() {
  const { t, i18n } = useTranslation('dispatch');
  const english = i18n.language.startsWith('en');
  const catalogue = useDispatchStore((state) => state.catalogue);
  const version = useDispatchStore((state) => state.version);
  if (!catalogue) return null;
  return (
    <section className="panel" data-testid="catalogue-departments">
      <h2 className="panel__title">{t('dispatch.departments.title')}</h2>
      <p className="muted">{t('dispatch.departments.fromCatalogue', { version, count: catalogue.departments.length })}</p>
      <ul className="dispatch__departments">
        {catalogue.departments.map((d) => (
          <li key={d.id}>{english ? d.nameEn : d.nameZh}</li>
        ))}
      </ul>
    </section>
  );
}
