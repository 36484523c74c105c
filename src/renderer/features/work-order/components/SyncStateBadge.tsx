import { useTranslation } from 'react-i18next';
import type { WorkOrderView } from '../../../../shared/domain/work-order-sync';
import { formatHourMinute } from '../format';

/** Where the open work order stands: draft, queued, sending, synced, needs attention; and the service's status. */
export function SyncStateBadge({ view }: { view: WorkOrderView }) {
  const { t } = useTranslation('workOrder');
  const { sync, server } = view;
  return (
    <div className="wo-sync">
      {view.practice && (
        <span className="sync-badge sync-badge--practice" data-testid="work-order-practice">
          {t('workOrder.practice')}
        </span>
      )}
      <span className={`sync-badge sync-badge--${sync.state}`} data-testid="work-order-sync-state" data-state={sync.state} role="status">
        {t(`workOrder.syncState.${sync.state}`)}
      </span>
      {server && (
        <span className={`status-badge status-badge--${server.status}`} data-testid="work-order-status" data-status={server.status}>
          {t('workOrder.status.label')}: {t(`workOrder.status.${server.status}`)}
        </span>
      )}
      {sync.state === 'queued' && sync.attempts > 0 && sync.nextAttemptAt !== null && (
        // The transport's own words (English, technical) stay out of the text; IT finds them on hover.
        <span className="muted wo-sync__retry" title={sync.lastError ?? undefined} data-last-error={sync.lastError ?? undefined}>
          {t('workOrder.retrying', { attempts: sync.attempts, time: formatHourMinute(sync.nextAttemptAt) })}
        </span>
      )}
    </div>
  );
}
