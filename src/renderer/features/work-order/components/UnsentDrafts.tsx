import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { formatDateMinute } from '../format';
import { unsentList } from '../unsent-rows';
import { useWorkOrderListStore } from '../work-order-list-store';
import { useWorkOrderStore } from '../work-order-store';
import '../work-order.css';

/**
 * The other work orders not yet submitted (the open one is in the pane, not
 * here), a few lines with "N more"; each reopens where it was. And a new
 * call-back work order.
 */
export function UnsentDrafts() {
  const { t } = useTranslation('workOrder');
  const unsent = useWorkOrderListStore((state) => state.unsent);
  const loaded = useWorkOrderListStore((state) => state.unsentLoaded);
  const openId = useWorkOrderStore((state) => state.id);
  const openSyncState = useWorkOrderStore((state) => state.view?.sync.state ?? null);
  const open = useWorkOrderStore((state) => state.open);
  const create = useWorkOrderStore((state) => state.create);
  const [expanded, setExpanded] = useState(false);
  const list = unsentList(unsent, openId ? { id: openId, summary: '', syncState: openSyncState } : null, undefined, expanded);

  return (
    <section className="panel unsent" data-testid="unsent-drafts" data-count={loaded ? list.total : undefined}>
      <div className="panel__header">
        <h2 className="panel__title unsent__title">{list.total > 0 ? t('workOrder.unsent.count', { count: list.total }) : t('workOrder.unsent.none')}</h2>
        <Button size="small" variant="outline" data-testid="new-work-order" onClick={() => void create()}>
          {t('workOrder.newWorkOrder')}
        </Button>
      </div>
      {list.rows.length > 0 && (
        <ul className={`unsent__list${expanded ? ' unsent__list--all' : ''}`}>
          {list.rows.map((entry) => (
            <li key={entry.id} className="unsent__item" data-testid="unsent-draft" data-id={entry.id} data-sync-state={entry.syncState ?? ''}>
              <span className="unsent__when">{formatDateMinute(entry.createdAt)}</span>
              <span className="unsent__phone">{entry.callerPhone}</span>
              <span className="unsent__summary">{entry.summary || t('workOrder.unsent.untitled')}</span>
              {entry.syncState === 'needs-attention' && <span className="sync-badge sync-badge--needs-attention">{t('workOrder.unsent.needsAttention')}</span>}
              <Button size="small" variant="text" theme="primary" onClick={() => void open(entry.id)}>
                {t('workOrder.unsent.open')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {(list.more > 0 || expanded) && (
        <Button size="small" variant="text" data-testid="unsent-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('workOrder.unsent.less') : t('workOrder.unsent.more', { count: list.more })}
        </Button>
      )}
    </section>
  );
}
