import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { formatDayMinute, uiLanguage } from '../../../format/date';
import { loadCentreReview, loadSharedWithMe, useCentreReview } from '../centre-review-store';

/** The reviews trainers have shared with the signed-in agent: one opens its call's review in the main pane. */
export function SharedWithMe() {
  const { t, i18n } = useTranslation('replay');
  const shared = useCentreReview((state) => state.shared);
  return (
    <div className="replay-shared" data-testid="centre-shared">
      <Button size="small" variant="outline" onClick={() => void loadSharedWithMe()} data-testid="shared-with-me">
        {t('review.sharedWithMe')}
      </Button>
      {shared ? (
        <ul>
          {shared.length === 0 ? <li className="replay__muted">{t('review.noneShared')}</li> : null}
          {shared.map((r) => (
            <li key={r.callId}>
              <button type="button" data-call-id={r.callId} onClick={() => void loadCentreReview(r.callId)}>
                {`${formatDayMinute(r.sharedAt ?? r.updatedAt, uiLanguage(i18n.language))} · ${r.updatedBy}`}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
