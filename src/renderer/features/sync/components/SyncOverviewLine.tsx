import { useTranslation } from 'react-i18next';
import { formatHourMinute } from '../../work-order';
import { syncLine, useSyncStore } from '../sync-store';
import { runtimeKey } from '../../../i18n/i18n-key';

/** The always-visible sync line in the status bar: all synced / N waiting / offline since hh:mm / needs attention. */
export function SyncOverviewLine() {
  const { t } = useTranslation('sync');
  const overview = useSyncStore((state) => state.overview);
  const error = useSyncStore((state) => state.error);
  const line = syncLine(overview);

  let text: string;
  switch (line.key) {
    case 'unknown':
      text = error ? t('sync.loadFailed', { reason: t(runtimeKey(error)) }) : t('sync.unknown');
      break;
    case 'allSynced':
      text = t('sync.allSynced');
      break;
    case 'waiting':
      text = t('sync.waiting', { count: line.count });
      break;
    case 'offline':
      text = t('sync.offline', { time: formatHourMinute(line.since), count: line.count });
      break;
    case 'needsAttention':
      text = line.waiting > 0 ? t('sync.needsAttentionWaiting', { count: line.count, waiting: line.waiting }) : t('sync.needsAttention', { count: line.count });
      break;
  }

  return (
    <span
      className={`sync-line sync-line--${overview?.state ?? 'unknown'}`}
      data-testid="sync-overview"
      data-state={overview?.state ?? 'unknown'}
      data-waiting={overview?.waiting ?? ''}
      aria-label={t('sync.label')}
      title={overview ? t(`sync.target.${overview.target}`) : undefined}
      role="status"
    >
      <span className="sync-line__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
