import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Input, Select, Tag } from 'tdesign-react';
import type { CentreCallSearch } from '../../../../shared/ipc/contract-centre-review';
import { formatDayMinute, uiLanguage } from '../../../format/date';
import { runtimeKey } from '../../../i18n/i18n-key';
import { clock } from '../../scorecard';
import { loadCentreReview } from '../centre-review-store';
import { nextCentrePage, playCentreRecording, previousCentrePage, searchCentre, useCentreCallsStore } from '../centre-calls-store';
import { useProblemText } from './centre-problem-text';
import { SharedWithMe } from './SharedWithMe';

const PROMPT_KINDS = ['emergency', 'abusive', 'silent', 'caller-angry', 'out-of-scope', 'repeat-caller', 'wont-hang-up'] as const;
const OUTCOMES = ['answered', 'missed', 'declined', 'failed', 'busy', 'no-answer'] as const;

const dayStart = (value: string) => (value === '' ? undefined : new Date(`${value}T00:00:00`).getTime());
const num = (value: string) => (value.trim() === '' || Number.isNaN(Number(value)) ? undefined : Number(value));

/**
 * The centre's calls of the trainer's teams (the list; the call chosen plays
 * and is reviewed in the main pane, CentreCallView) (an agent: their own): filters by
 * team, agent, dates, length, outcome, prompts raised, repeat caller and
 * score, paged; a recording not on this desk is fetched from the centre to play.
 */
export function CentreCallList() {
  const { t, i18n } = useTranslation('replay');
  const { page, searching, problem, before, playing } = useCentreCallsStore();
  const [form, setForm] = useState({ team: '', agent: '', from: '', to: '', minDuration: '', maxDuration: '', outcome: '', minScore: '', maxScore: '', repeat: false, prompts: [] as string[] });
  const set = (change: Partial<typeof form>) => setForm((current) => ({ ...current, ...change }));
  const say = useProblemText();

  const build = (): CentreCallSearch => {
    const q: CentreCallSearch = { limit: 25, prompts: form.prompts };
    const to = dayStart(form.to);
    if (form.team.trim() !== '') q.team = form.team.trim();
    if (form.agent.trim() !== '') q.agent = form.agent.trim();
    if (dayStart(form.from) !== undefined) q.from = dayStart(form.from)!;
    if (to !== undefined) q.to = to + 86_400_000;
    if (num(form.minDuration) !== undefined) q.minDurationMs = num(form.minDuration)! * 1000;
    if (num(form.maxDuration) !== undefined) q.maxDurationMs = num(form.maxDuration)! * 1000;
    if (form.outcome !== '') q.outcome = form.outcome as (typeof OUTCOMES)[number];
    if (num(form.minScore) !== undefined) q.minScore = num(form.minScore)!;
    if (num(form.maxScore) !== undefined) q.maxScore = num(form.maxScore)!;
    if (form.repeat) q.repeat = true;
    return q;
  };

  return (
    <section className="replay-list" aria-label={t('centre.title')} data-testid="centre-calls">
      <form
        className="replay-list__filters"
        onSubmit={(event) => {
          event.preventDefault();
          void searchCentre(build());
        }}
      >
        <div className="replay-list__row">
          <Input size="small" placeholder={t('centre.team')} value={form.team} onChange={(value) => set({ team: String(value) })} data-testid="centre-filter-team" />
          <Input size="small" placeholder={t('list.agent')} value={form.agent} onChange={(value) => set({ agent: String(value) })} data-testid="centre-filter-agent" />
        </div>
        <div className="replay-list__row">
          <label>{t('list.from')}<input type="date" value={form.from} onChange={(event) => set({ from: event.target.value })} /></label>
          <label>{t('list.to')}<input type="date" value={form.to} onChange={(event) => set({ to: event.target.value })} /></label>
        </div>
        <div className="replay-list__row">
          <Input size="small" placeholder={t('list.minDuration')} value={form.minDuration} onChange={(value) => set({ minDuration: String(value) })} />
          <Input size="small" placeholder={t('list.maxDuration')} value={form.maxDuration} onChange={(value) => set({ maxDuration: String(value) })} />
        </div>
        <div className="replay-list__row">
          <Input size="small" placeholder={t('list.minScore')} value={form.minScore} onChange={(value) => set({ minScore: String(value) })} />
          <Input size="small" placeholder={t('list.maxScore')} value={form.maxScore} onChange={(value) => set({ maxScore: String(value) })} />
        </div>
        <div className="replay-list__row">
          <Select size="small" value={form.outcome} onChange={(value) => set({ outcome: String(value ?? '') })} options={[{ label: t('list.anyOutcome'), value: '' }, ...OUTCOMES.map((o) => ({ label: t(`outcome.${o}`), value: o }))]} />
          <Checkbox checked={form.repeat} onChange={(checked) => set({ repeat: checked })} data-testid="centre-filter-repeat">{t('centre.repeatOnly')}</Checkbox>
        </div>
        <fieldset className="replay-list__prompts">
          <legend>{t('list.prompts')}</legend>
          {PROMPT_KINDS.map((kind) => (
            <Checkbox key={kind} checked={form.prompts.includes(kind)} onChange={(checked) => set({ prompts: checked ? [...form.prompts, kind] : form.prompts.filter((k) => k !== kind) })}>
              {t(`promptKind.${kind}`)}
            </Checkbox>
          ))}
        </fieldset>
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
                {formatDayMinute(call.startedAt, uiLanguage(i18n.language))}
                {call.shared ? <Tag size="small" theme="success" variant="light">{t('centre.sharedBadge')}</Tag> : null}
              </td>
              <td>{call.agentWorkNumber}</td>
              <td>
                {call.callerNumber ?? ''}
                {call.repeatCaller ? <Tag size="small" theme="warning" variant="light">{t('centre.repeatBadge')}</Tag> : null}
              </td>
              <td>{call.durationMs === null ? t(`outcome.${call.outcome ?? 'missed'}`) : clock(call.durationMs)}</td>
              <td>{call.prompts.map((kind) => ((PROMPT_KINDS as readonly string[]).includes(kind) ? t(runtimeKey(`replay:promptKind.${kind}`)) : kind)).join('、')}</td>
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
