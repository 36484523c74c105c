import { useTranslation } from 'react-i18next';
import { formatDateMinute, typeText } from '../../work-order';
import { useCallerHistoryStore } from '../caller-history-store';
import { runtimeKey } from '../../../i18n/i18n-key';

/** Screen pop: earlier work orders from the ringing number, so a repeat caller is known before hello. */
export function CallerHistoryPanel() {
  const { t } = useTranslation(['history', 'workOrder']);
  const { callId, phone, loading, entries, serviceReachable, error } = useCallerHistoryStore();
  if (!callId || phone.trim() === '') return null;

  return (
    <section
      className="panel caller-history"
      data-testid="caller-history"
      data-count={loading ? undefined : entries.length}
      data-service-reachable={String(serviceReachable)}
      aria-live="polite"
    >
      <div className="panel__header">
        <h2 className="panel__title">{t('history.title')}</h2>
        {entries.length > 0 && (
          <span className="repeat-badge" data-testid="repeat-caller-badge">
            {t('history.repeatCaller')}
          </span>
        )}
      </div>
      {loading && <p className="muted">{t('history.loading')}</p>}
      {error && <p className="notice notice--error">{t('history.loadFailed', { reason: t(runtimeKey(error)) })}</p>}
      {!serviceReachable && (
        <p className="notice notice--warning" data-testid="caller-history-service-unreachable">
          {t('history.serviceUnreachable')}
        </p>
      )}
      {!loading && !error && entries.length === 0 && <p className="muted">{t('history.empty')}</p>}
      {entries.length > 0 && (
        <>
          <p className="muted">{t('history.count', { count: entries.length })}</p>
          <ul className="caller-history__list">
            {entries.map((entry) => (
              <li
                key={`${entry.source}:${entry.id}`}
                className="caller-history__row"
                data-testid="caller-history-row"
                data-id={entry.id}
                data-source={entry.source}
                data-status={entry.serverStatus ?? ''}
              >
                <span className="caller-history__date">{formatDateMinute(entry.createdAt)}</span>
                <span className={`status-badge status-badge--${entry.serverStatus ?? 'none'}`}>
                  {entry.serverStatus
                    ? t(`workOrder:workOrder.status.${entry.serverStatus}`)
                    : entry.syncState
                      ? t(`workOrder:workOrder.syncState.${entry.syncState}`)
                      : t('history.notSynced')}
                </span>
                {entry.type && <span className="caller-history__type">{typeText(t, entry)}</span>}
                <span className="caller-history__summary">{entry.summary || t('history.noSummary')}</span>
                {entry.statusChangedAt !== null && (
                  <span className="muted caller-history__changed">{formatDateMinute(entry.statusChangedAt)}</span>
                )}
                <span className="muted caller-history__source">{t(`history.source.${entry.source}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
