import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import type { Language } from '../../../../shared/domain/settings';
import { bundledScenario, type PracticeOverview, type ScenarioProgress, type TraineeProgress } from '../../../../shared/practice';
import { formatDayMinute, uiLanguage } from '../../../format/date';
import { loadPracticeOverview, usePracticeReviewStore } from '../practice-review-store';
import '../practice.css';

const percent = (point: { score: number; maxScore: number }) => (point.maxScore <= 0 ? 0 : Math.round((point.score / point.maxScore) * 100));

/** Scores in percent, oldest first, as a small line; the last point stands out. */
function Trend({ points, label }: { points: readonly number[]; label: string }) {
  const width = 56;
  const height = 18;
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const xy = points.map((value, i) => `${Math.round(i * step)},${Math.round(height - 1 - (value / 100) * (height - 2))}`);
  const last = xy.at(-1)?.split(',') ?? ['0', '0'];
  return (
    <svg className="practice-review__trend" width={width} height={height} role="img" aria-label={label}>
      <title>{label}</title>
      {points.length > 1 ? <polyline points={xy.join(' ')} /> : null}
      <circle cx={last[0]} cy={last[1]} r={2.5} />
    </svg>
  );
}

function ScenarioCell({ progress, lang }: { progress: ScenarioProgress; lang: Language }) {
  const { t } = useTranslation('practice');
  const title = bundledScenario(progress.scenarioId)?.title[lang] ?? progress.scenarioId;
  const trend = t('practice.review.trendLabel', { scores: progress.trend.join(' → ') });
  return (
    <li
      className="practice-review__scenario"
      data-scenario={progress.scenarioId}
      data-attempts={progress.attempts}
      data-live={progress.live ?? 0}
      data-latest={progress.latest.score}
      data-best={progress.best.score}
    >
      <span className="practice-review__scenario-title" title={title}>
        {title}
      </span>
      <span className="practice-review__figures">
        {t('practice.review.attempts', { count: progress.attempts })}
        {progress.live ? t('practice.review.liveAttempts', { count: progress.live }) : ''} · {t('practice.review.latest', { score: percent(progress.latest) })} · {t('practice.review.best', { score: percent(progress.best) })}
      </span>
      <Trend points={progress.trend} label={trend} />
    </li>
  );
}

function TraineeRow({ trainee, lang }: { trainee: TraineeProgress; lang: Language }) {
  const { t, i18n } = useTranslation('practice');
  return (
    <tr data-agent={trainee.agent}>
      <th scope="row">
        <span className="practice-review__name">{trainee.name || trainee.agent}</span>
        <span className="practice-review__agent">{trainee.agent}</span>
      </th>
      <td>{trainee.teamId}</td>
      <td className="practice-review__last">{trainee.lastAt === null ? t('practice.review.never') : formatDayMinute(trainee.lastAt, uiLanguage(i18n.language))}</td>
      <td>
        {trainee.scenarios.length === 0 ? (
          <span className="muted">{t('practice.review.noPractice')}</span>
        ) : (
          <ul className="practice-review__scenarios">
            {trainee.scenarios.map((progress) => (
              <ScenarioCell key={progress.scenarioId} progress={progress} lang={lang} />
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/**
 * The trainer's view (issue 14): every trainee of the trainer's teams with,
 * per scenario, the attempts, the latest and best score and the trend, as
 * the centre has them from the trainees' desks.
 */
export function PracticeReview() {
  const loading = usePracticeReviewStore((state) => state.loading);
  const overview = usePracticeReviewStore((state) => state.overview);
  const refused = usePracticeReviewStore((state) => state.refused);
  useEffect(() => {
    void loadPracticeOverview();
  }, []);
  return <PracticeReviewView loading={loading} overview={overview} refused={refused} />;
}

export function PracticeReviewView({ loading, overview, refused }: { loading: boolean; overview: PracticeOverview | null; refused: string | null }) {
  const { t, i18n } = useTranslation('practice');
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <section className="practice-review" data-testid="practice-review" data-state={loading ? 'loading' : refused ? 'refused' : overview ? 'ok' : 'idle'}>
      <header className="practice-review__head">
        <p className="muted">{overview ? t('practice.review.teams', { teams: overview.teamIds.join('、'), count: overview.trainees.length }) : t('practice.review.intro')}</p>
        <Button size="small" variant="outline" loading={loading} onClick={() => void loadPracticeOverview()} data-testid="practice-review-refresh">
          {t('practice.review.refresh')}
        </Button>
      </header>
      {refused ? (
        <p className="practice-review__refused" role="alert" data-reason={refused}>
          {refused === 'signed-out'
            ? t('practice.review.refused.signed-out')
            : refused === 'forbidden'
              ? t('practice.review.refused.forbidden')
              : refused === 'unreachable'
                ? t('practice.review.refused.unreachable')
                : t('practice.review.refused.other', { reason: refused })}
        </p>
      ) : null}
      {overview ? (
        <div className="practice-review__table-wrap">
          <table className="practice-review__table">
            <thead>
              <tr>
                <th scope="col">{t('practice.review.trainee')}</th>
                <th scope="col">{t('practice.review.team')}</th>
                <th scope="col">{t('practice.review.lastAt')}</th>
                <th scope="col">{t('practice.review.scenarios')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.trainees.map((trainee) => (
                <TraineeRow key={`${trainee.teamId}/${trainee.agent}`} trainee={trainee} lang={lang} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
