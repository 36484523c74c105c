import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Input, Select, Tag } from 'tdesign-react';
import type { ReviewQuery } from '../../../../shared/review/review';
import { formatDayMinute, uiLanguage } from '../../../format/date';
import { runtimeKey } from '../../../i18n/i18n-key';
import { clock } from '../../scorecard';
import { openCall, searchCalls, useReplayStore } from '../replay-store';

const PROMPT_KINDS = ['emergency', 'abusive', 'silent', 'caller-angry', 'out-of-scope', 'repeat-caller', 'wont-hang-up'] as const;
const OUTCOMES = ['answered', 'missed', 'declined', 'failed', 'busy', 'no-answer'] as const;

const dayStart = (value: string) => (value === '' ? undefined : new Date(`${value}T00:00:00`).getTime());
const num = (value: string) => (value.trim() === '' || Number.isNaN(Number(value)) ? undefined : Number(value));

/** The trainer's call list: search by agent, dates, length, outcome, prompts raised, score; paged. */
export function CallList() {
  const { t, i18n } = useTranslation('replay');
  const { page, searching, searchError, query } = useReplayStore();
  const openId = useReplayStore((state) => state.open?.call.id ?? null);
  const [form, setForm] = useState({ agent: '', from: '', to: '', minDuration: '', maxDuration: '', outcome: '', minScore: '', maxScore: '', practice: 'any', prompts: [] as string[] });
  const set = (change: Partial<typeof form>) => setForm((current) => ({ ...current, ...change }));

  const build = (pageNo: number): ReviewQuery => {
    const to = dayStart(form.to);
    const q: ReviewQuery = { pageSize: 25, page: pageNo, prompts: form.prompts };
    if (form.agent.trim() !== '') q.agent = form.agent.trim();
    if (dayStart(form.from) !== undefined) q.from = dayStart(form.from)!;
    if (to !== undefined) q.to = to + 86_400_000;
    if (num(form.minDuration) !== undefined) q.minDurationMs = num(form.minDuration)! * 1000;
    if (num(form.maxDuration) !== undefined) q.maxDurationMs = num(form.maxDuration)! * 1000;
    if (form.outcome !== '') q.outcome = form.outcome as (typeof OUTCOMES)[number];
    if (num(form.minScore) !== undefined) q.minScore = num(form.minScore)!;
    if (num(form.maxScore) !== undefined) q.maxScore = num(form.maxScore)!;
    if (form.practice !== 'any') q.practice = form.practice === 'only';
    return q;
  };

  useEffect(() => {
    void searchCalls({ pageSize: 25 });
  }, []);

  const pageNo = query.page ?? 0;
  return (
    <section className="replay-list" aria-label={t('list.title')}>
      <form
        className="replay-list__filters"
        data-testid="replay-filters"
        onSubmit={(event) => {
          event.preventDefault();
          void searchCalls(build(0));
        }}
      >
        <Input size="small" placeholder={t('list.agent')} value={form.agent} onChange={(value) => set({ agent: String(value) })} data-testid="filter-agent" />
        <div className="replay-list__row">
          <label>{t('list.from')}<input type="date" value={form.from} onChange={(event) => set({ from: event.target.value })} data-testid="filter-from" /></label>
          <label>{t('list.to')}<input type="date" value={form.to} onChange={(event) => set({ to: event.target.value })} data-testid="filter-to" /></label>
        </div>
        <div className="replay-list__row">
          <Input size="small" placeholder={t('list.minDuration')} value={form.minDuration} onChange={(value) => set({ minDuration: String(value) })} data-testid="filter-min-duration" />
          <Input size="small" placeholder={t('list.maxDuration')} value={form.maxDuration} onChange={(value) => set({ maxDuration: String(value) })} />
        </div>
        <div className="replay-list__row">
          <Input size="small" placeholder={t('list.minScore')} value={form.minScore} onChange={(value) => set({ minScore: String(value) })} data-testid="filter-min-score" />
          <Input size="small" placeholder={t('list.maxScore')} value={form.maxScore} onChange={(value) => set({ maxScore: String(value) })} />
        </div>
        <div className="replay-list__row">
          <Select size="small" value={form.outcome} onChange={(value) => set({ outcome: String(value ?? '') })} options={[{ label: t('list.anyOutcome'), value: '' }, ...OUTCOMES.map((o) => ({ label: t(`outcome.${o}`), value: o }))]} />
          <Select
            size="small"
            value={form.practice}
            onChange={(value) => set({ practice: String(value) })}
            options={[
              { label: t('list.practiceAny'), value: 'any' },
              { label: t('list.practiceOnly'), value: 'only' },
              { label: t('list.practiceNone'), value: 'none' },
            ]}
          />
        </div>
        <fieldset className="replay-list__prompts">
          <legend>{t('list.prompts')}</legend>
          {PROMPT_KINDS.map((kind) => (
            <Checkbox
              key={kind}
              checked={form.prompts.includes(kind)}
              onChange={(checked) => set({ prompts: checked ? [...form.prompts, kind] : form.prompts.filter((k) => k !== kind) })}
              data-prompt={kind}
            >
              {t(`promptKind.${kind}`)}
            </Checkbox>
          ))}
        </fieldset>
        <Button size="small" type="submit" loading={searching} data-testid="replay-search">{t('list.search')}</Button>
      </form>
      {searchError ? <p className="replay__error" role="alert">{t('list.searchFailed', { error: t(runtimeKey(searchError)) })}</p> : null}
      <table className="replay-list__table" data-testid="replay-calls">
        <thead>
          <tr>
            <th>{t('list.columns.started')}</th>
            <th>{t('list.columns.agent')}</th>
            <th>{t('list.columns.duration')}</th>
            <th>{t('list.columns.prompts')}</th>
            <th>{t('list.columns.score')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.rows.map((row) => (
            <tr key={row.callId} className={row.callId === openId ? 'replay-list__selected' : undefined} data-call-id={row.callId} onClick={() => void openCall(row.callId)}>
              <td>
                {formatDayMinute(row.startedAt, uiLanguage(i18n.language))}
                {row.practice ? <Tag size="small" theme="warning" variant="light">{t('list.practiceBadge')}</Tag> : null}
              </td>
              <td>{row.agent}</td>
              <td>{row.durationMs === null ? t(`outcome.${row.outcome ?? 'missed'}`) : clock(row.durationMs)}</td>
              <td>{row.prompts.map((kind) => (PROMPT_KINDS as readonly string[]).includes(kind) ? t(runtimeKey(`replay:promptKind.${kind}`)) : kind).join('、')}</td>
              <td>{row.score === null ? '' : row.score}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.rows.length === 0 ? <p className="replay__muted">{t('list.empty')}</p> : null}
      <div className="replay-list__pager">
        <Button size="small" variant="outline" disabled={pageNo === 0} onClick={() => void searchCalls({ ...query, page: pageNo - 1 })}>{t('list.prev')}</Button>
        <span>{t('list.page', { page: pageNo + 1 })}</span>
        <Button size="small" variant="outline" disabled={!page?.hasMore} onClick={() => void searchCalls({ ...query, page: pageNo + 1 })}>{t('list.next')}</Button>
      </div>
    </section>
  );
}
