import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Input, Tag } from 'tdesign-react';
import type { CentreCallSearch } from '../../../../shared/ipc/contract-centre-review';
import { uiLanguage } from '../../../format/date';
import { DayMinute } from './DayMinute';
import { clock } from '../../scorecard';
import { loadCentreReview } from '../centre-review-store';
import { nextCentrePage, playCentreRecording, previousCentrePage, searchCentre, useCentreCallsStore } from '../centre-calls-store';
import { useProblemText } from './centre-problem-text';
import { SharedWithMe } from './SharedWithMe';
import { CallRangeFields, callCriteria, EMPTY_CALL_FILTERS, invalidDays, OutcomeSelect, PromptKindFields, promptNames } from './CallFilters';

/**
 * The centre's calls of the trainer's teams (the list; the call chosen plays
 * and is reviewed in the main pane, CentreCallView) (an agent: their own): filters by
 * team, agent, dates, length, outcome, prompts raised, repeat caller and
 * score, paged; a recording not on this desk is fetched from the centre to play.
 */
export function CentreCallList() {
  const { t, i18n } = useTranslation('replay');
  const { page, searching, problem, before, playing } = useCentreCallsStore();
  const [form, setForm] = useState({ ...EMPTY_CALL_FILTERS, team: '', repeat: false });
  const set = (change: Partial<typeof form>) => setForm((current) => ({ ...current, ...change }));
  const say = useProblemText();

  const build = (): CentreCallSearch => ({
    ...callCriteria(form),
    limit: 25,
    ...(form.team.trim() === '' ? {} : { team: form.team.trim() }),
    ...(form.repeat ? { repeat: true } : {}),
  });

  return (
    <section className="replay-list" aria-label={t('centre.title')} data-testid="centre-calls">
      <form
        className="replay-list__filters"
        onSubmit={(event) => {
          event.preventDefault();
          if (invalidDays(form).length === 0) void searchCentre(build());
        }}
      >
        <div className="replay-list__row">
          <Input size="small" placeholder={t('centre.team')} value={form.team} onChange={(value) => set({ team: String(value) })} data-testid="centre-filter-team" />
          <Input size="small" placeholder={t('list.agent')} value={form.agent} onChange={(value) => set({ agent: String(value) })} data-testid="centre-filter-agent" />
        </div>
        <CallRangeFields form={form} set={set} t={t} />
        <div className="replay-list__row">
          <OutcomeSelect form={form} set={set} t={t} />
          <Checkbox checked={form.repeat} onChange={(checked) => set({ repeat: checked })} data-testid="centre-filter-repeat">{t('centre.repeatOnly')}</Checkbox>
        </div>
        <PromptKindFields form={form} set={set} t={t} />
        <Button size="small" type="submit" loading={searching} data-testid="centre-search">{t('list.search')}</Button>
      </form>
      {problem ? <p className="replay__error" role="alert">{say(problem)}</p> : null}
      <table className="replay-list__table">
        <thead>
          <tr>
            <th>{t('list.columns.started')}</th>
            <th>{t('list.columns.agent')}</th>
            <th>{t('list.columns.number')}</th>
            <th>{t('list.columns.duration')}</th>
            <th>{t('list.columns.prompts')}</th>
            <th>{t('list.columns.score')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.calls.map((call) => (
            <tr
              key={call.callId}
              data-call-id={call.callId}
              className={call.recordingId !== null && call.recordingId === playing?.recordingId ? 'replay-list__selected' : undefined}
              onClick={() => {
                void loadCentreReview(call.callId);
                if (call.recordingId) void playCentreRecording(call.recordingId);
              }}
            >
              <td>
                <DayMinute at={call.startedAt} language={uiLanguage(i18n.language)} />
                {call.shared ? <Tag size="small" theme="success" variant="light">{t('centre.sharedBadge')}</Tag> : null}
              </td>
              <td>{call.agentWorkNumber}</td>
              <td>
                {call.callerNumber ?? ''}
                {call.repeatCaller ? <Tag size="small" theme="warning" variant="light">{t('centre.repeatBadge')}</Tag> : null}
              </td>
              <td>{call.durationMs === null ? t(`outcome.${call.outcome ?? 'missed'}`) : clock(call.durationMs)}</td>
              <td>{promptNames(call.prompts, t)}</td>
              <td>{call.score === null ? '' : call.score}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.calls.length === 0 ? <p className="replay__muted">{t('list.empty')}</p> : null}
      <div className="replay-list__pager">
        <Button size="small" variant="outline" disabled={before.length === 0} onClick={() => void previousCentrePage()}>{t('list.prev')}</Button>
        <Button size="small" variant="outline" disabled={!page?.nextCursor} onClick={() => void nextCentrePage()}>{t('list.next')}</Button>
      </div>
      <SharedWithMe />
    </section>
  );
}
