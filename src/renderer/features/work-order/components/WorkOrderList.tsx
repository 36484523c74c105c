import { useTranslation } from 'react-i18next';
import { formatDateMinute, typeText } from '../format';
import { useWorkOrderListStore } from '../work-order-list-store';
import { useWorkOrderStore } from '../work-order-store';
import { runtimeKey } from '../../../i18n/i18n-key';
import { useRevealedRows } from '../../../base/revealed-rows';
import '../work-order.css';

const COLUMNS = ['createdAt', 'phone', 'summary', 'type', 'sync', 'status', 'statusChangedAt'] as const;

/** The agent's recent work orders with their sync state and where the centre is with them. */
export function WorkOrderList() {
  const { t } = useTranslation('workOrder');
  const recent = useWorkOrderListStore((state) => state.recent);
  const error = useWorkOrderListStore((state) => state.error);
  const open = useWorkOrderStore((state) => state.open);
  const { shown, sentinel } = useRevealedRows(recent.length);

  return (
    <section className="panel panel--wo-list" data-testid="work-order-list">
      <h2 className="panel__title">{t('workOrder.list.title')}</h2>
      {error && <p className="notice notice--error">{t('workOrder.list.loadFailed', { reason: t(runtimeKey(error)) })}</p>}
      {recent.length === 0 ? (
        <p className="muted">{t('workOrder.list.empty')}</p>
      ) : (
        <table className="wo-list">
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className={`wo-list__${column}`}>
                  {t(`workOrder.list.column.${column}`)}
                </th>
              ))}
              <th scope="col" className="wo-list__open" />
            </tr>
          </thead>
          <tbody>
            {recent.slice(0, shown).map((entry) => (
              <tr
                key={`${entry.source}:${entry.id}`}
                data-testid="work-order-row"
                data-id={entry.id}
                data-sync-state={entry.syncState ?? ''}
                data-status={entry.serverStatus ?? ''}
              >
                <td className="wo-list__createdAt">{formatDateMinute(entry.createdAt)}</td>
                <td className="wo-list__phone">{entry.callerPhone}</td>
                <td className="wo-list__summary" title={entry.summary}>
                  {/* Two lines at most: the whole summary is the cell's tooltip and is in the order itself. */}
                  <span className="wo-list__summary-text">{entry.summary}</span>
                </td>
                <td className="wo-list__type">{typeText(t, entry)}</td>
                <td className="wo-list__sync">{entry.syncState ? t(`workOrder.syncState.${entry.syncState}`) : ''}</td>
                <td className="wo-list__status">{entry.serverStatus ? t(`workOrder.status.${entry.serverStatus}`) : ''}</td>
                <td className="wo-list__statusChangedAt">{entry.statusChangedAt !== null ? formatDateMinute(entry.statusChangedAt) : ''}</td>
                <td className="wo-list__open">
                  {entry.source === 'local' && (
                    <button type="button" className="button" onClick={() => void open(entry.id)}>
                      {t('workOrder.list.open')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {shown < recent.length && (
              <tr ref={sentinel} className="list-sentinel" aria-hidden="true">
                <td colSpan={COLUMNS.length + 1} />
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
