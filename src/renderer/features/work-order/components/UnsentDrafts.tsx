import { useTranslation } from 'react-i18next';
import { formatDateMinute } from '../format';
import { useWorkOrderListStore } from '../work-order-list-store';
import { useWorkOrderStore } from '../work-order-store';

/** "N work orders not submitted", each reopening where it was; and a new call-back work order. */
export function UnsentDrafts() {
  const { t } = useTranslation('workOrder');
  const unsent = useWorkOrderListStore((state) => state.unsent);
  const loaded = useWorkOrderListStore((state) => state.unsentLoaded);
  const openId = useWorkOrderStore((state) => state.id);
  // The open work order's row shows its summary as typed, not as it was when the list was last read.
  const openSummary = useWorkOrderStore((state) => state.fields.summary);
  const open = useWorkOrderStore((state) => state.open);
  const create = useWorkOrderStore((state) => state.create);

  return (
    <section className="panel unsent" data-testid="unsent-drafts" data-count={loaded ? unsent.length : undefined}>
      <div className="panel__header">
        <h2 className="panel__title">{unsent.length > 0 ? t('workOrder.unsent.count', { count: unsent.length }) : t('workOrder.unsent.none')}</h2>
        <button type="button" className="button" data-testid="new-work-order" onClick={() => void create()}>
          {t('workOrder.newWorkOrder')}
        </button>
      </div>
      {unsent.length > 0 && (
        <ul className="unsent__list">
          {unsent.map((entry) => (
            <li key={entry.id} className="unsent__item" data-testid="unsent-draft" data-id={entry.id} data-sync-state={entry.syncState ?? ''}>
              <span className="unsent__when">{formatDateMinute(entry.createdAt)}</span>
              <span className="unsent__phone">{entry.callerPhone}</span>
              <span className="unsent__summary">{(entry.id === openId ? openSummary : entry.summary) || t('workOrder.unsent.untitled')}</span>
              {entry.syncState === 'needs-attention' && <span className="sync-badge sync-badge--needs-attention">{t('workOrder.unsent.needsAttention')}</span>}
              <button type="button" className="button" disabled={entry.id === openId} onClick={() => void open(entry.id)}>
                {t('workOrder.unsent.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
