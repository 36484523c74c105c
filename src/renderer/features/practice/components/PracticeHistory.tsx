import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import type { PracticeHistoryEntry } from '../../../../shared/ipc/contract-practice';
import { bundledScenario } from '../../../../shared/practice';
import { formatDayMinute, uiLanguage } from '../../../format/date';
import { trainerLabel } from '../live-practice';
import { loadPracticeResults, usePracticeHistoryStore } from '../practice-history-store';
import { keptOnThisDesk, PracticeSyncState } from './PracticeSync';
import '../practice.css';

/** The trainee's practice on this desk, loaded when shown. */
export function PracticeHistory() {
  const loading = usePracticeHistoryStore((state) => state.loading);
  const entries = usePracticeHistoryStore((state) => state.entries);
  const failed = usePracticeHistoryStore((state) => state.failed);
  useEffect(() => {
    void loadPracticeResults();
  }, []);
  return <PracticeHistoryView loading={loading} entries={entries} failed={failed} />;
}

/**
 * The trainee's own practice history (issue 14): each result kept on this
 * desk, newest first, with its scenario, who played the caller, the score and
 * whether it reached the centre, where the trainer sees it; those kept on this
 * desk only are marked and counted.
 */
export function PracticeHistoryView({ loading, entries, failed }: { loading: boolean; entries: readonly PracticeHistoryEntry[] | null; failed: boolean }) {
  const { t, i18n } = useTranslation('practice');
  const lang = uiLanguage(i18n.language);
  const kept = entries?.filter((entry) => keptOnThisDesk(entry.sync)).length ?? 0;
  return (
    <section className="practice-review practice-history" data-testid="practice-history" data-state={loading ? 'loading' : failed ? 'failed' : entries ? 'ok' : 'idle'}>
      <header className="practice-review__head">
        <div>
          <p className="muted">{t('practice.history.intro')}</p>
          {kept > 0 ? (
            <p className="practice-history__kept" data-testid="practice-history-kept" data-count={kept}>
              {t('practice.history.keptSummary', { count: kept })}
            </p>
          ) : null}
        </div>
        <Button size="small" variant="outline" loading={loading} onClick={() => void loadPracticeResults()} data-testid="practice-history-refresh">
          {t('practice.history.refresh')}
        </Button>
      </header>
      {failed ? (
        <p className="practice-review__refused" role="alert">
          {t('practice.history.failed')}
        </p>
      ) : null}
      {entries && entries.length === 0 ? <p className="muted">{t('practice.history.empty')}</p> : null}
      {entries && entries.length > 0 ? (
        <div className="practice-review__table-wrap">
          <table className="practice-review__table">
            <thead>
              <tr>
                <th scope="col">{t('practice.history.when')}</th>
                <th scope="col">{t('practice.history.scenario')}</th>
                <th scope="col">{t('practice.history.caller')}</th>
                <th scope="col">{t('practice.history.score')}</th>
                <th scope="col">{t('practice.history.centre')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map(({ result, agent, sync, error }) => (
                <tr key={result.callId} data-call-id={result.callId} data-scenario={result.scenarioId} data-live={result.live ? 'true' : 'false'}>
                  <td className="practice-history__when">{formatDayMinute(result.endedAt, lang)}</td>
                  <td>{bundledScenario(result.scenarioId)?.title[lang] ?? result.scenarioId}</td>
                  <td>{result.live ? t('practice.history.live', { trainer: trainerLabel(result.live) }) : t('practice.history.simulated')}</td>
                  <td className="practice-history__score">{t('practice.history.scoreValue', { score: result.score, max: result.maxScore })}</td>
                  <td>
                    <PracticeSyncState entry={{ sync, agent, error }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
