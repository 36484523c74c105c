import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type { AlertPolicy, FloorAgent, FloorAlert, FloorDetail, FloorState } from '../../../src/shared/domain/floor';
import {
  ALERT_COLUMNS,
  alertFromRow,
  eventFromRow,
  type FloorAlertRow,
  stateFromRow,
  type FloorEventRow,
  type FloorListening,
  type FloorStateRow,
  type FloorStore,
  type StoredFloorEvent,
  type StoredFloorState,
} from './floor-store';

const EVENT_COLUMNS = 'id, team_id, at, kind, body';

/** The floor on SQLite: one embedded instance, so listeners are told in-process. */
export class SqliteFloorStore implements FloorStore {
  private readonly emitter = new EventEmitter();

  constructor(private readonly db: Database.Database) {
    this.emitter.setMaxListeners(0);
  }

  async report(agent: FloorAgent, state: FloorState, at: number): Promise<StoredFloorEvent> {
    const event = this.db.transaction((): StoredFloorEvent => {
      this.db
        .prepare(
          `INSERT INTO floor_states (person_id, team_id, state, reported_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (person_id) DO UPDATE SET team_id = excluded.team_id, state = excluded.state, reported_at = excluded.reported_at`,
        )
        .run(agent.personId, agent.teamId, JSON.stringify(state), at);
      const id = this.db
        .prepare('INSERT INTO floor_events (team_id, person_id, at, body) VALUES (?, ?, ?, ?) RETURNING id')
        .pluck()
        .get(agent.teamId, agent.personId, at, JSON.stringify(agent)) as number;
      return { id, teamId: agent.teamId, at, kind: 'state' as const, agent };
    })();
    this.emitter.emit('event', event.id);
    return event;
  }

  async listStates(teamIds: readonly string[]): Promise<StoredFloorState[]> {
    if (teamIds.length === 0) return [];
    return this.db
      .prepare<string[], FloorStateRow>(
        `SELECT person_id, team_id, state, reported_at FROM floor_states WHERE team_id IN (${teamIds.map(() => '?').join(', ')})`,
      )
      .all(...teamIds)
      .map(stateFromRow);
  }

  async headEventId(): Promise<number> {
    return (this.db.prepare('SELECT COALESCE(MAX(id), 0) FROM floor_events').pluck().get() as number) ?? 0;
  }

  async eventsAfter(afterId: number, teamIds: readonly string[] | null, limit: number): Promise<StoredFloorEvent[]> {
    if (teamIds === null) {
      return this.db
        .prepare<[number, number], FloorEventRow>(`SELECT ${EVENT_COLUMNS} FROM floor_events WHERE id > ? ORDER BY id LIMIT ?`)
        .all(afterId, limit)
        .map(eventFromRow);
    }
    if (teamIds.length === 0) return [];
    return this.db
      .prepare<unknown[], FloorEventRow>(
        `SELECT ${EVENT_COLUMNS} FROM floor_events WHERE id > ? AND team_id IN (${teamIds.map(() => '?').join(', ')}) ORDER BY id LIMIT ?`,
      )
      .all(afterId, ...teamIds, limit)
      .map(eventFromRow);
  }

  async eventById(id: number): Promise<StoredFloorEvent | null> {
    const row = this.db.prepare<[number], FloorEventRow>(`SELECT ${EVENT_COLUMNS} FROM floor_events WHERE id = ?`).get(id);
    return row ? eventFromRow(row) : null;
  }

  async prunedThrough(): Promise<number> {
    return (this.db.prepare('SELECT pruned_through FROM floor_horizon WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  }

  async prune(before: number, maxRows: number): Promise<number> {
    return this.db.transaction((): number => {
      const last = this.db
        .prepare('SELECT MAX(id) FROM (SELECT id FROM floor_events WHERE at < ? ORDER BY id LIMIT ?)')
        .pluck()
        .get(before, maxRows) as number | null;
      if (last === null) return 0;
      const removed = this.db.prepare('DELETE FROM floor_events WHERE id <= ?').run(last).changes;
      this.db
        .prepare(
          `INSERT INTO floor_horizon (id, pruned_through) VALUES (1, ?)
           ON CONFLICT (id) DO UPDATE SET pruned_through = MAX(pruned_through, excluded.pruned_through)`,
        )
        .run(last);
      return removed;
    })();
  }

  async appendAlertEvent(alert: FloorAlert, at: number): Promise<StoredFloorEvent> {
    const id = this.db
      .prepare("INSERT INTO floor_events (team_id, person_id, at, kind, body) VALUES (?, ?, ?, 'alert', ?) RETURNING id")
      .pluck()
      .get(alert.teamId, alert.agent.personId, at, JSON.stringify(alert)) as number;
    this.emitter.emit('event', id);
    return { id, teamId: alert.teamId, at, kind: 'alert', alert };
  }

  async insertAlert(alert: FloorAlert): Promise<void> {
    this.db
      .prepare('INSERT INTO floor_alerts (id, team_id, person_id, body, raised_at, escalate_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(alert.id, alert.teamId, alert.agent.personId, JSON.stringify(alert), alert.raisedAt, alert.escalateAt);
  }

  async alertById(id: string): Promise<FloorAlert | null> {
    const row = this.db.prepare<[string], FloorAlertRow>(`SELECT ${ALERT_COLUMNS} FROM floor_alerts WHERE id = ?`).get(id);
    return row ? alertFromRow(row) : null;
  }

  async openAlertOf(personId: string, callId: string): Promise<FloorAlert | null> {
    const rows = this.db
      .prepare<[string], FloorAlertRow>(`SELECT ${ALERT_COLUMNS} FROM floor_alerts WHERE person_id = ? ORDER BY raised_at DESC LIMIT 20`)
      .all(personId)
      .map(alertFromRow);
    return rows.find((alert) => alert.callId === callId) ?? null;
  }

  async acknowledgeAlert(id: string, by: NonNullable<FloorAlert['acknowledgedBy']>, at: number): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE floor_alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL')
        .run(JSON.stringify(by), at, id).changes === 1
    );
  }

  async escalateDue(now: number, limit: number): Promise<FloorAlert[]> {
    return this.db
      .prepare<[number, number, number], FloorAlertRow>(
        `UPDATE floor_alerts SET escalated_at = ? WHERE id IN (
           SELECT id FROM floor_alerts WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND escalate_at <= ? LIMIT ?
         ) RETURNING ${ALERT_COLUMNS}`,
      )
      .all(now, now, limit)
      .map(alertFromRow);
  }

  async recentAlerts(teamIds: readonly string[], since: number, escalated: boolean, limit: number): Promise<FloorAlert[]> {
    const teams = teamIds.length === 0 ? "''" : teamIds.map(() => '?').join(', ');
    return this.db
      .prepare<unknown[], FloorAlertRow>(
        `SELECT ${ALERT_COLUMNS} FROM floor_alerts
         WHERE raised_at >= ? AND (team_id IN (${teams}) OR (? = 1 AND escalated_at IS NOT NULL))
         ORDER BY raised_at DESC LIMIT ?`,
      )
      .all(since, ...teamIds, escalated ? 1 : 0, limit)
      .map(alertFromRow);
  }

  async saveDetail(teamId: string, detail: FloorDetail): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO floor_details (person_id, team_id, body, reported_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET team_id = excluded.team_id, body = excluded.body, reported_at = excluded.reported_at`,
      )
      .run(detail.personId, teamId, JSON.stringify(detail), detail.reportedAt);
  }

  async detailOf(personId: string): Promise<FloorDetail | null> {
    const body = this.db.prepare('SELECT body FROM floor_details WHERE person_id = ?').pluck().get(personId) as string | undefined;
    return body === undefined ? null : (JSON.parse(body) as FloorDetail);
  }

  async alertPolicy(): Promise<AlertPolicy | null> {
    const body = this.db.prepare('SELECT body FROM floor_alert_policy WHERE id = 1').pluck().get() as string | undefined;
    return body === undefined ? null : (JSON.parse(body) as AlertPolicy);
  }

  async setAlertPolicy(policy: AlertPolicy, at: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO floor_alert_policy (id, body, updated_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(JSON.stringify(policy), at);
  }

  async listen(onEvent: (id: number) => void): Promise<FloorListening> {
    this.emitter.on('event', onEvent);
    return {
      close: async () => {
        this.emitter.off('event', onEvent);
      },
    };
  }
}
