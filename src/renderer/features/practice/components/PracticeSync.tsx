import { useTranslation } from 'react-i18next';
import type { PracticeHistoryEntry, PracticeSync } from '../../../../shared/ipc/contract-practice';
import '../practice.css';

/** Results the trainer cannot see: not at the centre, and not on their way there now. */
export const keptOnThisDesk = (sync: PracticeSync): boolean => sync === 'waiting' || sync === 'never' || sync === 'refused';

/**
 * Where one kept practice result stands with the centre: sent, going, or kept
 * on this desk only (未同步到中心) and why: waiting for its 工号 to sign in,
 * practised with nobody signed in (never sent), or refused by the centre.
 */
export function PracticeSyncState({ entry }: { entry: Pick<PracticeHistoryEntry, 'sync' | 'agent' | 'error'> }) {
  const { t } = useTranslation('practice');
  const kept = keptOnThisDesk(entry.sync);
  const detail =
    entry.sync === 'waiting'
      ? t('practice.sync.waiting', { agent: entry.agent })
      : entry.sync === 'never'
        ? t('practice.sync.never')
        : entry.sync === 'refused'
          ? t('practice.sync.refused', { error: entry.error ?? '' })
          : null;
  return (
    <span className={`practice-sync practice-sync--${kept ? 'kept' : entry.sync}`} data-sync={entry.sync}>
      <span className="practice-sync__tag">{kept ? t('practice.sync.keptOnly') : entry.sync === 'sent' ? t('practice.sync.sent') : t('practice.sync.sending')}</span>
      {detail ? <span className="practice-sync__detail">{detail}</span> : null}
    </span>
  );
}
