import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FLOOR_FLAGS,
  FLOOR_SCREEN_COUNTS,
  flagsOf,
  openAlertAgents,
  screenCountOf,
  screenCounts,
  sortFloorForAction,
  type FloorFlag,
  type FloorScreenCount,
} from '../../../../shared/domain/floor-view';
import { setAlertDock } from '../alert-dock';
import { openAgentDrawer, setFilter, useFloorStore } from '../floor-store';
import { clockTime } from '../floor-time';
import { AgentDrawer } from './AgentDrawer';
import { AgentRow } from './AgentRow';
import { useNow } from './use-now';
import '../floor.css';

/** Row height in px: the list draws only the rows in view (1,000 agents stay cheap). */
export const FLOOR_ROW_HEIGHT = 40;
const OVERSCAN = 6;

/**
 * The lead's floor (坐席监控): counts, filters, every agent of the lead's teams
 * sorted for action, and the drawer of the agent opened. Times run on the
 * service's clock (corrected by the offset main measured), so "connection lost"
 * does not depend on this desk's clock being right.
 */
export function FloorScreen() {
  const { t } = useTranslation('floor');
  const now = useNow(1_000);
  const connection = useFloorStore((state) => state.connection);
  const agents = useFloorStore((state) => state.agents);
  const alerts = useFloorStore((state) => state.alerts);
  const teams = useFloorStore((state) => state.teams);
  const filters = useFloorStore((state) => state.filters);
  const offset = useFloorStore((state) => state.clockOffsetMs);
  const openAgent = useFloorStore((state) => state.openAgent);
  const pbx = useFloorStore((state) => state.pbx);
  const serverNow = now + offset;

  const openAlerts = useMemo(() => openAlertAgents(alerts.values()), [alerts]);
  const all = useMemo(() => [...agents.values()], [agents]);
  const counts = screenCounts(all, serverNow);
  const rows = useMemo(
    () =>
      sortFloorForAction(all, serverNow, openAlerts).filter(
        (agent) =>
          (filters.team === null || agent.teamId === filters.team) &&
          (filters.state === null || screenCountOf(agent, serverNow) === filters.state) &&
          (filters.flag === null || flagsOf(agent, serverNow, openAlerts.has(agent.personId)).includes(filters.flag)),
      ),
    // serverNow moves every second: the order (time in state, lost) moves with it.
    [all, serverNow, openAlerts, filters],
  );

  const list = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, []);
  const first = Math.max(0, Math.floor(viewport.top / FLOOR_ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((viewport.top + viewport.height) / FLOOR_ROW_HEIGHT) + OVERSCAN);
  const onOpen = useCallback((personId: string) => openAgentDrawer(personId), []);

  return (
    <section className="floor" data-testid="floor-screen" aria-label={t('title')}>
      <header className="floor__head">
        <h2 className="floor__title">{t('title')}</h2>
        <span className={`floor__connection floor__connection--${connection.state}`} data-testid="floor-connection" data-state={connection.state}>
          {connection.state === 'retrying' ? t('connection.retrying', { time: clockTime(connection.since) }) : t(`connection.${connection.state}`)}
        </span>
        <ul className="floor__counts" data-testid="floor-counts">
          {FLOOR_SCREEN_COUNTS.map((key) => (
            <li key={key} className={`floor__count floor__count--${key}`} data-testid={`floor-count-${key}`} data-value={counts[key]}>
              <button type="button" aria-pressed={filters.state === key} onClick={() => setFilter('state', filters.state === key ? null : key)}>
                <span className="floor__count-value">{counts[key]}</span> {t(`counts.${key}`)}
              </button>
            </li>
          ))}
        </ul>
      </header>
      <div className="floor__filters">
        <label>
          {t('filter.team')}
          <select data-testid="floor-filter-team" value={filters.team ?? ''} onChange={(e) => setFilter('team', e.target.value || null)}>
            <option value="">{t('filter.all')}</option>
            {teams.map((team) => (
              <option key={team} value={team}>
                {team}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.state')}
          <select
            data-testid="floor-filter-state"
            value={filters.state ?? ''}
            onChange={(e) => setFilter('state', (e.target.value || null) as FloorScreenCount | null)}
          >
            <option value="">{t('filter.all')}</option>
            {FLOOR_SCREEN_COUNTS.map((key) => (
              <option key={key} value={key}>
                {t(`counts.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.flag')}
          <select data-testid="floor-filter-flag" value={filters.flag ?? ''} onChange={(e) => setFilter('flag', (e.target.value || null) as FloorFlag | null)}>
            <option value="">{t('filter.all')}</option>
            {FLOOR_FLAGS.map((flag) => (
              <option key={flag} value={flag}>
                {t(`flag.${flag}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="floor-shown">
          {t('filter.shown', { shown: rows.length, total: all.length })}
        </span>
      </div>
      <div className="floor__body">
        {/* The emergency cards dock here (EmergencyAlerts): above the list, or beside it on a wide screen. */}
        <div className="floor__alerts-dock" ref={setAlertDock} data-testid="floor-alerts-dock" />
        <div className="floor__table" role="table">
          <div className="floor-row floor-row--head" role="row">
            {(['agent', 'state', 'call', 'step', 'flags', 'actions'] as const).map((column) => (
              <span key={column} className={`floor-cell floor-cell--${column}`} role="columnheader">
                {t(`column.${column}`)}
              </span>
            ))}
          </div>
          <div className="floor__list" ref={list} data-testid="floor-list">
            {rows.length === 0 ? (
              <p className="muted centered">{t('none')}</p>
            ) : (
              <div className="floor__spacer" style={{ height: rows.length * FLOOR_ROW_HEIGHT }}>
                {rows.slice(first, last).map((agent, i) => (
                  <AgentRow
                    key={agent.personId}
                    agent={agent}
                    serverNow={serverNow}
                    toLocal={offset}
                    openAlert={openAlerts.has(agent.personId)}
                    top={(first + i) * FLOOR_ROW_HEIGHT}
                    selected={openAgent === agent.personId}
                    onOpen={onOpen}
                    pbx={pbx.get(agent.personId)}
                  />
                ))}
              </div>
            )}
          </div>
        </div>
      </div>
      {openAgent && <AgentDrawer personId={openAgent} serverNow={serverNow} toLocal={offset} />}
    </section>
  );
}
