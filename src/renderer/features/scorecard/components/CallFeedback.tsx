import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import type { Language } from '../../../../shared/domain/settings';
import { costlyMoments, helpingPhrases, type Scorecard } from '../../../../shared/scorecard';
import type { ScriptPack } from '../../../../shared/guidance/scripts/schema';
import type { ScoreHistoryEntry } from '../../../../shared/review/review';
import { useGuidanceStore } from '../../guidance';
import { runtimeKey } from '../../../i18n/i18n-key';
import { formatDayMinute, uiLanguage } from '../../../format/date';
import { clock } from '../note-text';
import { loadPracticeHistory, scoreFinishedCall, useScorecardStore } from '../scorecard-store';
import { ScorecardView } from './ScorecardView';

/** Scores over time, oldest on the left: one bar per call. */
function ScoreHistory({ history }: { history: readonly ScoreHistoryEntry[] }) {
  const { t, i18n } = useTranslation('scorecard');
  if (history.length === 0) return <p className="scorecard__note">{t('scorecard.historyEmpty')}</p>;
  const shown = [...history].reverse();
  const width = 12;
  return (
    <figure className="scorecard__history" data-testid="score-history">
      <figcaption>{t('scorecard.historyTitle')}</figcaption>
      <svg width={shown.length * (width + 4)} height={48} role="img" aria-label={t('scorecard.historyTitle')}>
        {shown.map((entry, index) => {
          const height = Math.max(2, Math.round((entry.score / Math.max(1, entry.maxScore)) * 44));
          const label = t('scorecard.historyEntry', { date: formatDayMinute(entry.scoredAt, uiLanguage(i18n.language)), score: entry.score });
          return (
            <rect key={entry.callId} x={index * (width + 4)} y={48 - height} width={width} height={height} rx={2} className="scorecard__history-bar" data-score={entry.score}>
              <title>{label}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}

/** Each moment that cost points, with the line that would have helped there. */
export function CostlyMoments({ card, pack, onSeek }: { card: Scorecard; pack: ScriptPack | null; onSeek?: (ms: number) => void }) {
  const { t, i18n } = useTranslation('scorecard');
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const moments = costlyMoments(card);
  const failed = card.items.filter((item) => item.auto !== 'trainer' && item.verdict === 'fail');
  return (
    <section className="scorecard__costly" data-testid="costly-moments">
      <h4 className="scorecard__subhead">{t('scorecard.momentsTitle')}</h4>
      {failed.length === 0 ? <p className="scorecard__note">{t('scorecard.noMoments')}</p> : null}
      <ol className="scorecard__moment-list">
        {failed.map((item) => {
          const at = moments.filter((moment) => moment.itemId === item.id);
          const phrases = pack ? helpingPhrases(pack, item.help) : [];
          return (
            <li key={item.id} data-item={item.id}>
              <div className="scorecard__item-head">
                <span className="scorecard__item-title">{item.title[lang]}</span>
                <span className="scorecard__points">{`-${item.maxPoints - item.points}`}</span>
              </div>
              {at.length > 0 ? (
                <p className="scorecard__moments">
                  {at.map((moment) =>
                    onSeek ? (
                      <Button key={`${moment.startMs}`} size="small" variant="text" theme="primary" onClick={() => onSeek(moment.startMs)}>
                        {t('scorecard.seek', { at: clock(moment.startMs) })}
                      </Button>
                    ) : (
                      <span key={`${moment.startMs}`} className="scorecard__moment">{clock(moment.startMs)}</span>
                    ),
                  )}
                </p>
              ) : null}
              {phrases.length > 0 ? (
                <div className="scorecard__help" data-testid="helping-phrase">
                  <span className="scorecard__help-label">{t('scorecard.helpTitle')}</span>
                  {phrases.map((phrase) => (
                    <p key={phrase.id} className="scorecard__phrase">
                      “{phrase.text[lang]}”{phrase.blunt ? <span className="scorecard__blunt">{t('scorecard.instead', { blunt: phrase.blunt[lang] })}</span> : null}
                    </p>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * The feedback at the end of a practice call: the scorecard's automatic
 * items, the moments that cost points with the phrase that would have
 * helped, and the trainee's scores over time. Scores the call on mount.
 */
export function CallFeedback({ callId, onSeek }: { callId: string; onSeek?: (ms: number) => void }) {
  const { t } = useTranslation('scorecard');
  const state = useScorecardStore((store) => store.cards[callId]);
  const history = useScorecardStore((store) => store.history);
  const pack = useGuidanceStore((store) => store.pack);
  useEffect(() => {
    void scoreFinishedCall(callId);
  }, [callId]);
  useEffect(() => {
    void loadPracticeHistory().catch(() => undefined);
  }, []);
  const card = state?.score?.card ?? null;
  // A practice call never answered has nothing to score.
  if (card && card.figures.handleMs === null) return null;
  return (
    <section className="call-feedback" data-testid="call-feedback" data-call-id={callId} aria-label={t('scorecard.feedbackTitle')}>
      <header className="call-feedback__head">
        <h3>{t('scorecard.feedbackTitle')}</h3>
        <Button size="small" variant="text" disabled={state?.loading ?? true} onClick={() => void scoreFinishedCall(callId)}>
          {t('scorecard.rescore')}
        </Button>
      </header>
      {state?.loading && !card ? <p className="scorecard__note">{t('scorecard.scoring')}</p> : null}
      {state?.error ? <p className="scorecard__error" role="alert">{t('scorecard.failed', { error: t(runtimeKey(state.error)) })}</p> : null}
      {card ? (
        <div className="call-feedback__body">
          <ScorecardView card={card} automaticOnly {...(onSeek ? { onSeek } : {})} />
          <CostlyMoments card={card} pack={pack} {...(onSeek ? { onSeek } : {})} />
        </div>
      ) : null}
      <ScoreHistory history={history} />
    </section>
  );
}
