import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/settings';
import { bundledScenario } from '../../../../shared/practice';
import { trainerLabel } from '../live-practice';
import { usePracticeHistoryStore } from '../practice-history-store';
import { usePracticeStore, type PracticeCallView } from '../practice-store';
import { PracticeSyncState } from './PracticeSync';
import { PracticeScriptView } from './PracticeScript';
import '../practice.css';

/**
 * The simulated caller's words on screen (subtitles), so a robotic voice
 * never blocks the exercise; on the trainer's desk of a live practice call,
 * the caller's script instead; on the trainee's desk of one, that a trainer
 * plays the caller. After the call, whether its result reached the centre
 * (the trainer sees it) or is kept on this desk only. Shows nothing for a
 * call that is neither, so the shell can mount it beside any call. The
 * trainee's feedback after the call is the shell's to give (`feedback`): the
 * scorecard's code loads apart from the first screen's.
 */
export function PracticeSubtitles({ callId, feedback }: { callId: string | null; feedback?: (callId: string) => ReactNode }) {
  const call = usePracticeStore((state) => (callId ? state.calls[callId] : undefined));
  const scriptId = usePracticeStore((state) => (callId ? state.scripts[callId] : undefined));
  const script = scriptId === undefined ? undefined : bundledScenario(scriptId);
  if (!call) return script ? <PracticeScriptView scenario={script} /> : null;
  return (
    <>
      <PracticeSubtitlesView call={call} />
      {call.ended ? <PracticeResultSync callId={call.callId} /> : null}
      {/* The trainee's feedback (issue 14): the scorecard's automatic items, the moments that cost points, the phrase that would have helped. */}
      {call.ended ? feedback?.(call.callId) : null}
    </>
  );
}

/** Once the finished call's result is kept: whether the trainer will see it (sent, going) or it stays on this desk only. */
function PracticeResultSync({ callId }: { callId: string }) {
  const { t } = useTranslation('practice');
  const entry = usePracticeHistoryStore((state) => state.entries?.find((kept) => kept.result.callId === callId));
  if (!entry) return null;
  return (
    <p className="practice-subtitles__result" data-testid="practice-result-sync">
      {t('practice.sync.resultLine')}
      <PracticeSyncState entry={entry} />
    </p>
  );
}

export function PracticeSubtitlesView({ call }: { call: PracticeCallView }) {
  const { t, i18n } = useTranslation('practice');
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const line = call.line;
  if (call.live) {
    // A trainer plays the caller live: their own words, so no subtitles, only who is calling.
    return (
      <section className="practice-subtitles" aria-label={t('practice.liveBadge')} data-testid="practice-subtitles" data-live="true" data-held="false">
        <header className="practice-subtitles__head">
          <span className="practice-subtitles__badge">{t('practice.liveBadge')}</span>
          <span className="practice-subtitles__title">{call.title[lang]}</span>
        </header>
        <p className="practice-subtitles__line" data-line-id="">
          {call.ended ? t('practice.ended') : t('practice.liveLine', { trainer: trainerLabel(call.live) })}
        </p>
      </section>
    );
  }
  return (
    <section className="practice-subtitles" aria-label={t('practice.subtitlesLabel')} data-testid="practice-subtitles" data-held={call.held && !call.ended ? 'true' : 'false'}>
      <header className="practice-subtitles__head">
        <span className="practice-subtitles__badge">{t('practice.badge')}</span>
        <span className="practice-subtitles__title">{call.title[lang]}</span>
        {line && !call.ended ? <span className={`practice-subtitles__mood practice-subtitles__mood--${line.mood}`}>{t(`practice.mood.${line.mood}`)}</span> : null}
        {call.held && !call.ended ? <span className="practice-subtitles__held">{t('practice.held')}</span> : null}
      </header>
      <p className={line?.speaking ? 'practice-subtitles__line practice-subtitles__line--speaking' : 'practice-subtitles__line'} aria-live="polite" data-line-id={line?.id ?? ''}>
        {call.ended ? t('practice.ended') : line ? `${line.silent ? `${t('practice.stageDirection')} ` : ''}${line.text[lang]}` : t('practice.waiting')}
      </p>
    </section>
  );
}
