import { useTranslation } from 'react-i18next';
import { formatDateMinute, typeText } from '../format';
import { useWorkOrderListStore } from '../work-order-list-store';
import { useWorkOrderStore } from '../work-order-store';
import { runtimeKey } from '../../../i18n/i18n-key';

/** The agent's recent work orders with their sync state and where the centre is with them. */
export function WorkOrderList() {
  const { t } = useTranslation('workOrder');
  const recent = useWorkOrderListStore((state) => state.recent);
  const error = useWorkOrderListStore((state) => state.error);
  const open = useWorkOrderStore((state) => state.open);

  return (
    <section className="panel" data-testid="work-order-list">
      <h2 className="panel__title">{t('workOrder.list.title')}</h2>
      {error && <p className="notice notice--error">{t('workOrder.list.loadFailed', { reason: t(runtimeKey(error)) })}</p>}
      {recent.length === 0 ? (
        <p className="muted">{t('workOrder.list.empty')}</p>
      ) : (
        <table className="call-log">
          <thead>
            <tr>
              {(['createdAt', 'phone', 'summary', 'type', 'sync', 'status', 'statusChangedAt'] as const).map((column) => (
                <th key={column} scope="col">
                  {t(`workOrder.list.column.${column}`)}
                </th>
              ))}
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {recent.map((entry) => (
              <tr
                key={`${entry.source}:${entry.id}`}
                data-testid="work-order-row"
                data-id={entry.id}
                data-sync-state={entry.syncState ?? ''}
                data-status={entry.serverStatus ?? ''}
              >
                <td>{formatDateMinute(entry.createdAt)}</td>
                <td>{entry.callerPhone}</td>
                <td>{entry.summary}</td>
                <td>{typeText(t, entry)}</td>
                <td>{entry.syncState ? t(`workOrder.syncState.${entry.syncState}`) : ''}</td>
                <td>{entry.serverStatus ? t(`workOrder.status.${entry.serverStatus}`) : ''}</td>
                <td>{entry.statusChangedAt !== null ? formatDateMinute(entry.statusChangedAt) : ''}</td>
                <td>
                  {entry.source === 'local' && (
                    <button type="button" className="button" onClick={() => void open(entry.id)}>
                      {t('workOrder.list.open')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
