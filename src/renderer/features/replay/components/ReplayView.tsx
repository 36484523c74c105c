import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Select } from 'tdesign-react';
import { ANNOTATION_TAGS, type AnnotationTag, type ReplayOpen } from '../../../../shared/review/review';
import { runtimeKey } from '../../../i18n/i18n-key';
import { clock, overrideItem, ScorecardView, scoreFinishedCall, useScorecardStore } from '../../scorecard';
import { replayEvents, type ReplayEvent } from '../replay-events';
import { annotate, removeAnnotation } from '../replay-store';
import { workOrderAt } from '../work-order-at';
import { ReplayPlayer, type PlayerHandle } from './ReplayPlayer';

function EventLabel({ event }: { event: ReplayEvent }) {
  const { t } = useTranslation('replay');
  const params: Record<string, string> = { ...event.label.params };
  if (params.step) params.stepName = t(runtimeKey(`scorecard:scorecard.steps.${params.step}`));
  if (params.side !== undefined) params.side = t(runtimeKey(`replay:side.${params.side}`));
  if (event.family === 'annotation') return <>{`${t(runtimeKey(`replay:${event.label.key}`))}${params.text ? `：${params.text}` : ''}`}</>;
  return <>{t(runtimeKey(`replay:${event.label.key}`), params)}</>;
}

/** A call opened for review: the player, its events beside, annotations, the work order then, the scorecard. */
export function ReplayView({ open, audioUrl }: { open: ReplayOpen; audioUrl: string | null }) {
  const { t } = useTranslation('replay');
  const callId = open.call.id;
  const player = useRef<PlayerHandle | null>(null);
  const [now, setNow] = useState(0);
  const [tag, setTag] = useState<AnnotationTag>('good-practice');
  const [text, setText] = useState('');
  const [spanStart, setSpanStart] = useState<number | null>(null);
  const events = useMemo(() => replayEvents(open.timeline, open.annotations), [open.timeline, open.annotations]);
  const timelineEvents = useMemo(() => events.filter((event) => event.family !== 'annotation'), [events]);
  const card = useScorecardStore((state) => state.cards[callId]?.score?.card ?? null);
  const order = useMemo(() => workOrderAt(open.timeline, now), [open.timeline, now]);
  const seek = (ms: number) => player.current?.seekCall(ms);
  const current = Math.round(now);

  const save = (startMs: number, endMs: number | null) => {
    void annotate({ callId, startMs, endMs, tag, text });
    setText('');
    setSpanStart(null);
  };

  return (
    <section className="replay-view" data-testid="replay-view" data-call-id={callId}>
      <ReplayPlayer callId={callId} audio={open.audio} audioUrl={audioUrl} events={events} onTime={setNow} handleRef={player} />
      <div className="replay-view__columns">
        <section className="replay-events" aria-label={t('events.title')}>
          <h3>{t('events.title')}</h3>
          {timelineEvents.length === 0 ? <p className="replay__muted">{t('events.empty')}</p> : null}
          <ol data-testid="replay-events">
            {timelineEvents.map((event) => (
              <li key={event.key} data-start-ms={event.startMs} data-family={event.family} className={event.startMs <= current && (event.endMs ?? event.startMs) >= current - 1000 ? 'replay-events__now' : undefined}>
                <button type="button" onClick={() => seek(event.startMs)}>
                  <span className="replay-events__at">{clock(event.startMs)}</span>
                  <span className={`replay-events__dot replay-events__dot--${event.family}`} />
                  <EventLabel event={event} />
                </button>
              </li>
            ))}
          </ol>
        </section>
        <section className="replay-side">
          <section className="replay-annotations" aria-label={t('annotate.title')}>
            <h3>{t('annotate.title')}</h3>
            <div className="replay-annotations__form">
              <Select size="small" style={{ width: 150 }} value={tag} onChange={(value) => setTag(value as AnnotationTag)} options={ANNOTATION_TAGS.map((value) => ({ label: t(`tag.${value}`), value }))} data-testid="annotation-tag" />
              <Input size="small" placeholder={t('annotate.text')} value={text} onChange={(value) => setText(String(value))} data-testid="annotation-text" />
            </div>
            <div className="replay-annotations__form">
              <Button size="small" onClick={() => save(current, null)} data-testid="annotate-moment">{t('annotate.atMoment', { at: clock(current) })}</Button>
              {spanStart === null || spanStart >= current ? (
                <Button size="small" variant="outline" onClick={() => setSpanStart(current)} data-testid="annotate-mark-start">{t('annotate.markStart')}</Button>
              ) : (
                <Button size="small" variant="outline" onClick={() => save(spanStart, current)} data-testid="annotate-span">{t('annotate.span', { from: clock(spanStart), to: clock(current) })}</Button>
              )}
            </div>
            {open.annotations.length === 0 ? <p className="replay__muted">{t('annotate.empty')}</p> : null}
            <ul data-testid="replay-annotations">
              {open.annotations.map((a) => (
                <li key={a.id} data-start-ms={a.startMs} data-end-ms={a.endMs ?? ''} data-tag={a.tag}>
                  <button type="button" className="replay-annotations__at" onClick={() => seek(a.startMs)}>{a.endMs === null ? clock(a.startMs) : `${clock(a.startMs)}–${clock(a.endMs)}`}</button>
                  <strong>{t(`tag.${a.tag}`)}</strong>
                  <span className="replay-annotations__text">{a.text}</span>
                  <Button size="small" variant="text" theme="danger" onClick={() => void removeAnnotation(callId, a.id)}>{t('annotate.delete')}</Button>
                </li>
              ))}
            </ul>
          </section>
          <section className="replay-work-order" aria-label={t('workOrder.title')} data-testid="replay-work-order">
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
            <h3>
              {t('scorecardTitle')}
              <Button size="small" variant="text" onClick={() => void scoreFinishedCall(callId)} data-testid="replay-score">{t('score')}</Button>
            </h3>
            {card ? <ScorecardView card={card} onSeek={seek} onOverride={(change) => void overrideItem(callId, change)} /> : null}
          </section>
        </section>
      </div>
    </section>
  );
}
