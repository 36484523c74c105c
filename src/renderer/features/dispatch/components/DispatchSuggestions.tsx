import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import type { LearningStats } from '../../../../shared/dispatch/learning';
import { suggestDepartments, type DepartmentSuggestion, type DispatchIndex, type DispatchQuery } from '../../../../shared/dispatch/suggest';
import { bridge } from '../../../ipc/bridge';
import { departmentsOf, sameDepartments, SHOWN_SUGGESTIONS, suggestionKey } from '../dispatch-keys';
import { startDispatch, useDispatchStore } from '../dispatch-store';
import '../dispatch.css';

/** The typing pause after which suggestions are worked out again. */
const TYPING_PAUSE_MS = 250;
/** A choice made by hand in the department field is recorded once the agent stops changing it. */
const RECORD_PAUSE_MS = 1_000;

export interface DispatchSuggestionsProps {
  /** The desk's id of the work order (choices are kept per work order). */
  workOrderId: string;
  query: DispatchQuery;
  /** The departments on the work order now. */
  selected: readonly string[];
  editable: boolean;
  onChoose(departmentIds: string[]): void;
}

/**
 * Suggested departments from the dispatch catalogue while the agent writes the
 * work order, best first, each with its reason (the matter and keywords it
 * matched, the region, and whether outcomes moved it). Ctrl+Shift+1..5 or a
 * click puts one on the work order (a shared matter: lead + helpers).
 */
export function DispatchSuggestions(props: DispatchSuggestionsProps) {
  const index = useDispatchStore((state) => state.index);
  const learning = useDispatchStore((state) => state.learning);
  const version = useDispatchStore((state) => state.version);
  const status = useDispatchStore((state) => state.status);
  useEffect(() => {
    startDispatch();
  }, []);
  return <DispatchSuggestionsView {...props} copy={{ index, learning, version, loaded: status === 'ready' }} />;
}

export interface DispatchCopy {
  index: DispatchIndex | null;
  learning: LearningStats;
  version: number;
  /** The desk answered (with or without a catalogue). */
  loaded: boolean;
}

/** The suggestions for one work order from a given copy of the catalogue (rendered in tests without the store). */
export function DispatchSuggestionsView({ workOrderId, query, selected, editable, onChoose, copy }: DispatchSuggestionsProps & { copy: DispatchCopy }) {
  const { t, i18n } = useTranslation('dispatch');
  const english = i18n.language.startsWith('en');
  const { index, learning, version } = copy;

  const settled = useSettled(query, TYPING_PAUSE_MS);
  const suggestions = useMemo(
    () => (index ? suggestDepartments(index, settled, { limit: SHOWN_SUGGESTIONS, learning }) : []),
    [index, settled, learning],
  );

  // What was suggested when the agent chose is what the centre's accuracy report judges.
  const recorded = useRef<string[]>([]);
  const recordChoice = (chosen: string[]) => {
    if (chosen.length === 0 || sameDepartments(chosen, recorded.current)) return;
    recorded.current = chosen;
    void bridge().dispatch.recordChoice({
      workOrderId,
      category: query.domain,
      suggested: suggestions.map((s) => s.departmentId),
      topMatterId: suggestions[0]?.reason.matter.id ?? null,
      chosen,
      catalogueVersion: version,
    });
  };
  const recordLater = useEffectEvent((chosen: string[]) => recordChoice(chosen));
  const selectedKey = selected.join(',');
  useEffect(() => {
    const chosen = selectedKey === '' ? [] : selectedKey.split(',');
    const timer = setTimeout(() => recordLater(chosen), RECORD_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [selectedKey]);

  const choose = (suggestion: DepartmentSuggestion) => {
    if (!editable) return;
    const ids = departmentsOf(suggestion);
    onChoose(ids);
    recordChoice(ids);
  };
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const n = suggestionKey(event);
    const suggestion = n === null ? undefined : suggestions[n];
    if (!suggestion) return;
    event.preventDefault();
    choose(suggestion);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const name = (d: { nameZh: string; nameEn: string }) => (english ? d.nameEn : d.nameZh);
  const list = (items: string[]) => items.join(english ? ', ' : '、');
  const empty = settled.summary.trim() === '' && settled.description.trim() === '';
  return (
    <div className="field field--wide dispatch" data-testid="dispatch-suggestions" aria-live="polite">
      <span className="field__label">
        {t('dispatch.title')}
        {suggestions.length > 0 && <span className="muted dispatch__hint"> · {t('dispatch.hint')}</span>}
        {version > 0 && <span className="muted dispatch__hint"> · {t('dispatch.catalogueVersion', { version })}</span>}
      </span>
      {copy.loaded && !index && <span className="muted">{t('dispatch.noCatalogue')}</span>}
      {index && empty && <span className="muted">{t('dispatch.none')}</span>}
      {index && !empty && suggestions.length === 0 && <span className="muted" data-testid="dispatch-no-match">{t('dispatch.noMatch')}</span>}
      {suggestions.length > 0 && (
        <ol className="dispatch__list">
          {suggestions.map((s, n) => {
            const ids = departmentsOf(s);
            const chosen = sameDepartments(ids, selected);
            return (
              <li key={s.departmentId} className={`dispatch__item${chosen ? ' dispatch__item--chosen' : ''}`} data-testid={`dispatch-suggestion-${s.departmentId}`}>
                <Button
                  size="small"
                  variant={chosen ? 'base' : 'outline'}
                  theme={chosen ? 'primary' : 'default'}
                  disabled={!editable}
                  aria-keyshortcuts={`Control+Shift+${n + 1}`}
                  onClick={() => choose(s)}
                  data-testid={`dispatch-choose-${s.departmentId}`}
                >
                  {n + 1}. {chosen ? t('dispatch.chosen') : t('dispatch.choose')}
                </Button>
                <span className="dispatch__name">
                  {s.helpers.length > 0 && <span className="dispatch__tag">{t('dispatch.lead')}</span>}
                  {name(s)}
                </span>
                <span className="dispatch__reason muted">
                  {s.reason.matter.shared && <span className="dispatch__tag">{t('dispatch.shared')}</span>}
                  {t('dispatch.matter', { matter: name(s.reason.matter) })}
                  {s.reason.keywords.length > 0 && <> · {t('dispatch.keywords', { keywords: list(s.reason.keywords.slice(0, 4)) })}</>}
                  {' · '}
                  {s.reason.regionMatch === 'covers' && s.reason.region
                    ? t('dispatch.region.covers', { region: name(s.reason.region) })
                    : s.reason.regionMatch === 'region-missing'
                      ? t('dispatch.region.missing')
                      : t('dispatch.region.cityWide')}
                  {s.reason.learned && <> · {t(`dispatch.learned.${s.reason.learned}`)}</>}
                  {s.helpers.length > 0 && <> · {t('dispatch.helpers', { names: list(s.helpers.map(name)) })}</>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/** The value once it has not changed for `ms` (the agent paused typing). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(key) as T), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled;
}
