import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Select } from 'tdesign-react';
import { ANNOTATION_TAGS, type AnnotationTag } from '../../../../shared/review/review';
import { formatDayMinute, uiLanguage } from '../../../format/date';
import { runtimeKey } from '../../../i18n/i18n-key';
import { clock, ScorecardView } from '../../scorecard';
import { addCentreAnnotation, overrideCentreScore, removeCentreAnnotation, shareCentreReview, useCentreReview } from '../centre-review-store';

/**
 * The review of a centre call kept at the centre: the trainer's notes (added
 * at the moment the recording is at), the score, sharing with the agent; the
 * agent sees it once shared (read only; SharedWithMe lists those).
 */
export function CentreReviewPanel({ callId, at }: { callId: string | null; at: () => number }) {
  const { t, i18n } = useTranslation('replay');
  const { review, problem, reviewer, draftCard } = useCentreReview();
  const card = review?.scorecard ?? (reviewer ? draftCard : null);
  const [tag, setTag] = useState<AnnotationTag>('good-practice');
  const [text, setText] = useState('');
  return (
    <section className="replay-centre-review" data-testid="centre-review">
      {problem ? <p className="replay__error" role="alert">{t(runtimeKey(`replay:${problem.key}`), problem.values ?? {})}</p> : null}
      {callId ? (
        <>
          <h3>
            {t('review.title')}
            {review && reviewer ? <Button size="small" variant="text" onClick={() => void shareCentreReview(callId, review.sharedAt === null)} data-testid="centre-share">{t(review.sharedAt === null ? 'review.share' : 'review.unshare')}</Button> : null}
            {review?.sharedAt ? <span className="replay__muted" data-testid="centre-shared-at">{t('review.sharedOn', { at: formatDayMinute(review.sharedAt, uiLanguage(i18n.language)), by: review.sharedBy ?? '' })}</span> : null}
          </h3>
          {reviewer ? (
          <div className="replay-annotations__form">
            <Select size="small" style={{ width: 150 }} value={tag} onChange={(value) => setTag(value as AnnotationTag)} options={ANNOTATION_TAGS.map((value) => ({ label: t(`tag.${value}`), value }))} />
            <Input size="small" placeholder={t('annotate.text')} value={text} onChange={(value) => setText(String(value))} data-testid="centre-annotation-text" />
            <Button
              size="small"
              onClick={() => {
                void addCentreAnnotation(callId, { startMs: at(), tag, text, author: '' });
                setText('');
              }}
              data-testid="centre-annotate"
            >
              {t('annotate.atMoment', { at: clock(at()) })}
            </Button>
          </div>
          ) : null}
          <ul data-testid="centre-annotations">
            {(review?.annotations ?? []).map((a) => (
              <li key={a.id}>
                <span className="replay-annotations__at">{clock(a.startMs)}</span>
                <strong>{t(`tag.${a.tag}`)}</strong>
                <span className="replay-annotations__text">{a.text}</span>
                {reviewer ? <Button size="small" variant="text" theme="danger" onClick={() => void removeCentreAnnotation(callId, a.id)}>{t('annotate.delete')}</Button> : null}
              </li>
            ))}
          </ul>
          {card ? <ScorecardView card={card} {...(reviewer ? { onOverride: (change: Parameters<typeof overrideCentreScore>[1]) => void overrideCentreScore(callId, change) } : {})} /> : null}
        </>
      ) : null}
    </section>
  );
}
