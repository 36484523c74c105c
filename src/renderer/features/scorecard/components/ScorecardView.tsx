import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, InputNumber, Tag } from 'tdesign-react';
import type { Language } from '../../../../shared/domain/settings';
import type { ScoredItem, Scorecard, Verdict } from '../../../../shared/scorecard';
import { clock, noteText } from '../note-text';
import '../scorecard.css';

const THEME: Record<Verdict, 'success' | 'danger' | 'default'> = { pass: 'success', fail: 'danger', trainer: 'default' };

function Figures({ card }: { card: Scorecard }) {
  const { t } = useTranslation('scorecard');
  const f = card.figures;
  const s = (ms: number | null) => (ms === null ? t('scorecard.figures.none') : clock(ms));
  return (
    <dl className="scorecard__figures" data-testid="scorecard-figures">
      <div><dt>{t('scorecard.figures.handle')}</dt><dd>{s(f.handleMs)}</dd></div>
      <div><dt>{t('scorecard.figures.afterCall')}</dt><dd>{s(f.afterCallMs)}</dd></div>
      <div><dt>{t('scorecard.figures.firstWords')}</dt><dd>{f.firstAgentWordsMs === null ? t('scorecard.figures.none') : `${(f.firstAgentWordsMs / 1000).toFixed(1)} s`}</dd></div>
      <div><dt>{t('scorecard.figures.overlaps')}</dt><dd>{`${f.talkOverCount} / ${f.overlapCount}`}</dd></div>
      <div><dt>{t('scorecard.figures.deadAir')}</dt><dd>{`${(f.longestDeadAirMs / 1000).toFixed(1)} s`}</dd></div>
    </dl>
  );
}

function OverrideForm({ item, onSave }: { item: { id: string; maxPoints?: number }; onSave: (change: { id: string; verdict: 'pass' | 'fail'; points: number | null; comment: string }) => void }) {
  const { t } = useTranslation('scorecard');
  const [comment, setComment] = useState('');
  const [points, setPoints] = useState<number | null>(null);
  return (
    <div className="scorecard__override">
      {item.maxPoints !== undefined ? (
        <InputNumber size="small" min={0} max={item.maxPoints} theme="normal" placeholder={t('scorecard.override.points')} value={points ?? undefined} onChange={(value) => setPoints(typeof value === 'number' ? value : null)} />
      ) : null}
      <Input size="small" placeholder={t('scorecard.override.comment')} value={comment} onChange={(value) => setComment(String(value))} data-testid={`override-comment-${item.id}`} />
      <Button size="small" variant="outline" theme="success" onClick={() => onSave({ id: item.id, verdict: 'pass', points, comment })} data-testid={`override-pass-${item.id}`}>
        {t('scorecard.override.pass')}
      </Button>
      <Button size="small" variant="outline" theme="danger" onClick={() => onSave({ id: item.id, verdict: 'fail', points, comment })} data-testid={`override-fail-${item.id}`}>
        {t('scorecard.override.fail')}
      </Button>
    </div>
  );
}

function ItemRow({ item, lang, onSeek, onOverride }: { item: ScoredItem; lang: Language; onSeek?: (ms: number) => void; onOverride?: Parameters<typeof OverrideForm>[0]['onSave'] }) {
  const { t } = useTranslation('scorecard');
  return (
    <li className={`scorecard__item scorecard__item--${item.verdict}`} data-item={item.id} data-verdict={item.verdict}>
      <div className="scorecard__item-head">
        <Tag size="small" theme={THEME[item.verdict]} variant="light">{t(`scorecard.verdict.${item.verdict}`)}</Tag>
        <span className="scorecard__item-title">{item.title[lang]}</span>
        <span className="scorecard__points">{`${item.points}/${item.maxPoints}`}</span>
      </div>
      {item.note ? <p className="scorecard__note">{noteText(t, item.note)}</p> : null}
      {onSeek && item.verdict === 'fail' && item.moments.length > 0 ? (
        <p className="scorecard__moments">
          {item.moments.map((moment) => (
            <Button key={`${moment.startMs}-${moment.endMs}`} size="small" variant="text" theme="primary" onClick={() => onSeek(moment.startMs)}>
              {t('scorecard.seek', { at: clock(moment.startMs) })}
            </Button>
          ))}
        </p>
      ) : null}
      {item.override ? <p className="scorecard__override-note">{t('scorecard.override.by', { by: item.override.by, comment: item.override.comment })}</p> : null}
      {onOverride ? <OverrideForm item={{ id: item.id, maxPoints: item.maxPoints }} onSave={onOverride} /> : null}
    </li>
  );
}

/**
 * A call's scorecard: the total, the call's figures, each item with what the
 * desk saw; a trainer (onOverride given) changes any item or fatal error with
 * a comment. `onSeek` makes each failed item's moments jump the replay.
 */
export function ScorecardView({
  card,
  onSeek,
  onOverride,
  automaticOnly = false,
}: {
  card: Scorecard;
  onSeek?: (ms: number) => void;
  onOverride?: (change: { id: string; verdict: 'pass' | 'fail'; points: number | null; comment: string }) => void;
  /** The practice feedback shows only what the desk judged. */
  automaticOnly?: boolean;
}) {
  const { t, i18n } = useTranslation('scorecard');
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const items = automaticOnly ? card.items.filter((item) => item.auto !== 'trainer') : card.items;
  return (
    <section className="scorecard" data-testid="scorecard" aria-label={t('scorecard.title')}>
      <header className="scorecard__head">
        <strong className="scorecard__total" data-testid="scorecard-total">{t('scorecard.score', { score: card.score, max: card.maxScore })}</strong>
        {card.zeroed ? <Tag theme="danger">{t('scorecard.zeroed')}</Tag> : null}
        {card.pending > 0 && !automaticOnly ? <span className="scorecard__pending">{t('scorecard.pending', { count: card.pending })}</span> : null}
      </header>
      <Figures card={card} />
      <ul className="scorecard__items">
        {items.map((item) => (
          <ItemRow key={item.id} item={item} lang={lang} {...(onSeek ? { onSeek } : {})} {...(onOverride ? { onOverride } : {})} />
        ))}
      </ul>
      {!automaticOnly || card.zeroed ? (
        <>
          <h4 className="scorecard__subhead">{t('scorecard.fatalTitle')}</h4>
          <ul className="scorecard__items">
            {card.fatal
              .filter((entry) => !automaticOnly || entry.verdict === 'fail')
              .map((entry) => (
                <li key={entry.id} className={`scorecard__item scorecard__item--${entry.verdict}`} data-item={entry.id} data-verdict={entry.verdict}>
                  <div className="scorecard__item-head">
                    <Tag size="small" theme={entry.verdict === 'fail' ? 'danger' : entry.verdict === 'pass' ? 'success' : 'default'} variant="light">{t(`scorecard.verdict.${entry.verdict}`)}</Tag>
                    <span className="scorecard__item-title">{entry.title[lang]}</span>
                  </div>
                  {entry.override ? <p className="scorecard__override-note">{t('scorecard.override.by', { by: entry.override.by, comment: entry.override.comment })}</p> : null}
                  {onOverride ? <OverrideForm item={{ id: entry.id }} onSave={onOverride} /> : null}
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
