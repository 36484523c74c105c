import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tag } from 'tdesign-react';
import type { ReplayAudioInfo } from '../../../../shared/review/review';
import { runtimeKey } from '../../../i18n/i18n-key';
import { clock, ScorecardView } from '../../scorecard';
import { importBundle, loadImported, openImported, useImportedReviews, type ImportedReview } from '../imported-reviews-store';
import { replayEvents } from '../replay-events';
import { workOrderAt } from '../work-order-at';
import { ReplayPlayer, type PlayerHandle } from './ReplayPlayer';

/** Review bundles imported for a case-review session (案例复盘): the list, the import, and the one opened. */
export function ImportedReviewList() {
  const { t } = useTranslation('replay');
  const { list, open, busy, importError } = useImportedReviews();
  useEffect(() => {
    void loadImported();
  }, []);
  return (
    <section className="replay-list" aria-label={t('bundle.imported')} data-testid="imported-reviews">
      <label className="replay-bundle__import">
        {t('bundle.import')}
        <input
          type="file"
          accept=".hlreview,application/json"
          disabled={busy}
          data-testid="bundle-import"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void file.text().then(importBundle);
          }}
        />
      </label>
      {importError ? <p className="replay__error" role="alert">{t('bundle.invalid', { reason: importError.startsWith('ipcErrors.') ? t(runtimeKey(importError)) : importError })}</p> : null}
      {list.length === 0 ? <p className="replay__muted">{t('bundle.none')}</p> : null}
      <ul className="replay-bundle__list">
        {list.map((item) => (
          <li key={item.id} className={item.id === open?.id ? 'replay-list__selected' : undefined}>
            <button type="button" onClick={() => void openImported(item.id)} data-bundle-id={item.id}>
              {item.title}
              {item.masked ? <Tag size="small" variant="light">{t('bundle.masked')}</Tag> : <Tag size="small" theme="warning" variant="light">{t('bundle.unmasked')}</Tag>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An imported review, read-only: the player with the timeline's markers, the events, the annotations, the work order then, the score. */
export function ImportedReviewView({ review, audioUrl }: { review: ImportedReview; audioUrl: string | null }) {
  const { t } = useTranslation('replay');
  const player = useRef<PlayerHandle | null>(null);
  const [now, setNow] = useState(0);
  const events = useMemo(() => replayEvents(review.timeline, review.annotations), [review.timeline, review.annotations]);
  const order = useMemo(() => workOrderAt(review.timeline, now), [review.timeline, now]);
  const audio: ReplayAudioInfo = review.audio
    ? { available: true, holds: review.audio.holds, durationMs: review.audio.durationMs, mime: review.audio.mime, peaks: review.audio.peaks, url: null }
    : { available: false, holds: [], durationMs: 0, mime: '', peaks: null, url: null };
  const seek = (ms: number) => player.current?.seekCall(ms);
  return (
    <section className="replay-view" data-testid="imported-review-view" data-call-id={review.call.id}>
      <p className="replay__muted">{t('bundle.readOnly', { by: review.exportedBy || '—' })}</p>
      <ReplayPlayer callId={review.call.id} audio={audio} audioUrl={audioUrl} events={events} onTime={setNow} handleRef={player} />
      <div className="replay-view__columns">
        <section className="replay-annotations" aria-label={t('annotate.title')}>
          <h3>{t('annotate.title')}</h3>
          {review.annotations.length === 0 ? <p className="replay__muted">{t('annotate.empty')}</p> : null}
          <ul>
            {review.annotations.map((a) => (
              <li key={a.id}>
                <button type="button" className="replay-annotations__at" onClick={() => seek(a.startMs)}>{a.endMs === null ? clock(a.startMs) : `${clock(a.startMs)}–${clock(a.endMs)}`}</button>
                <strong>{t(`tag.${a.tag}`)}</strong>
                <span className="replay-annotations__text">{a.text}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="replay-work-order" aria-label={t('workOrder.title')}>
          <h3>{t('workOrder.title')}</h3>
          {order === null ? (
            <p className="replay__muted">{t('workOrder.none')}</p>
          ) : (
            <dl>
              {Object.entries(order).map(([field, value]) => (
                <div key={field} data-field={field}>
                  <dt>{t(runtimeKey(`replay:workOrder.field.${field}`), { defaultValue: field })}</dt>
                  <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <section className="replay-score" aria-label={t('scorecardTitle')}>
          <h3>{t('scorecardTitle')}</h3>
          {review.score ? <ScorecardView card={review.score.card} onSeek={seek} /> : null}
        </section>
      </div>
    </section>
  );
}
