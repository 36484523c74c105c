import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Select, Tag } from 'tdesign-react';
import type { ReviewQuery } from '../../../../shared/review/review';
import { uiLanguage } from '../../../format/date';
import { DayMinute } from './DayMinute';
import { runtimeKey } from '../../../i18n/i18n-key';
import { clock } from '../../scorecard';
import { openCall, searchCalls, useReplayStore } from '../replay-store';
import { CallRangeFields, callCriteria, EMPTY_CALL_FILTERS, invalidDays, OutcomeSelect, PromptKindFields, promptNames } from './CallFilters';

/** The trainer's call list: search by agent, dates, length, outcome, prompts raised, score; paged. */
export function CallList() {
  const { t, i18n } = useTranslation('replay');
  const { page, searching, searchError, query } = useReplayStore();
  const openId = useReplayStore((state) => state.open?.call.id ?? null);
  const [form, setForm] = useState({ ...EMPTY_CALL_FILTERS, practice: 'any' });
  const set = (change: Partial<typeof form>) => setForm((current) => ({ ...current, ...change }));

  const build = (pageNo: number): ReviewQuery => ({
    ...callCriteria(form),
    pageSize: 25,
    page: pageNo,
    ...(form.practice === 'any' ? {} : { practice: form.practice === 'only' }),
  });

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
          if (invalidDays(form).length === 0) void searchCalls(build(0));
        }}
      >
        <Input size="small" placeholder={t('list.agent')} value={form.agent} onChange={(value) => set({ agent: String(value) })} data-testid="filter-agent" />
        <CallRangeFields form={form} set={set} t={t} testIds="filter-" />
        <div className="replay-list__row">
          <OutcomeSelect form={form} set={set} t={t} />
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
        <PromptKindFields form={form} set={set} t={t} />
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
                <DayMinute at={row.startedAt} language={uiLanguage(i18n.language)} />
                {row.practice ? <Tag size="small" theme="warning" variant="light">{t('list.practiceBadge')}</Tag> : null}
              </td>
              <td>{row.agent}</td>
              <td>{row.durationMs === null ? t(`outcome.${row.outcome ?? 'missed'}`) : clock(row.durationMs)}</td>
              <td>{promptNames(row.prompts, t)}</td>
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
