import type { AlertPolicy, FloorAgent, FloorAlert, FloorDetail, FloorState } from '../../../src/shared/domain/floor';

/** One row of the floor event log: an agent's new state, or an emergency as it is now. */
export type StoredFloorEvent =
  | { id: number; teamId: string; at: number; kind: 'state'; agent: FloorAgent }
  | { id: number; teamId: string; at: number; kind: 'alert'; alert: FloorAlert };

export interface StoredFloorState {
  personId: string;
  teamId: string;
  state: FloorState;
  reportedAt: number;
}

/** Stops listening; resolves when the listener's connection is closed. */
export interface FloorListening {
  close(): Promise<void>;
}

/**
 * The floor in the service's database (SQLite or PostgreSQL). `report` keeps
 * the latest state per person and appends an event in one transaction, then
 * tells every listener of this database the event id: SQLite (one embedded
 * instance) through an in-process emitter, PostgreSQL through NOTIFY, so an
 * instance other than the one that wrote it hears of it too.
 */
export interface FloorStore {
  report(agent: FloorAgent, state: FloorState, at: number): Promise<StoredFloorEvent>;
  listStates(teamIds: readonly string[]): Promise<StoredFloorState[]>;
  /** The newest event id (0: none yet). */
  headEventId(): Promise<number>;
  /** Events after `afterId` of these teams (null: every team), oldest first. */
  eventsAfter(afterId: number, teamIds: readonly string[] | null, limit: number): Promise<StoredFloorEvent[]>;
  eventById(id: number): Promise<StoredFloorEvent | null>;
  /** The newest event id retention deleted (0: none). */
  prunedThrough(): Promise<number>;
  /** Deletes events older than `before` (at most `maxRows`); returns how many. */
  prune(before: number, maxRows: number): Promise<number>;
  /** Appends an alert event (raised, acknowledged, escalated) and tells the listeners. */
  appendAlertEvent(alert: FloorAlert, at: number): Promise<StoredFloorEvent>;
  insertAlert(alert: FloorAlert): Promise<void>;
  alertById(id: string): Promise<FloorAlert | null>;
  /** The open alert this person raised on this call, if any (raising twice gives the same one). */
  openAlertOf(personId: string, callId: string): Promise<FloorAlert | null>;
  /** Records `by` as the one who acknowledged it unless someone did already; true when `by` was first. */
  acknowledgeAlert(id: string, by: FloorAlert['acknowledgedBy'] & object, at: number): Promise<boolean>;
  /** Marks escalated every alert unacknowledged at `now` past its escalate time (each by one instance only); returns them. */
  escalateDue(now: number, limit: number): Promise<FloorAlert[]>;
  /** Alerts of these teams raised since `since` (newest first), and every escalated one when `escalated` is set. */
  recentAlerts(teamIds: readonly string[], since: number, escalated: boolean, limit: number): Promise<FloorAlert[]>;
  saveDetail(teamId: string, detail: FloorDetail): Promise<void>;
  detailOf(personId: string): Promise<FloorDetail | null>;
  alertPolicy(): Promise<AlertPolicy | null>;
  setAlertPolicy(policy: AlertPolicy, at: number): Promise<void>;
  /** Calls `onEvent` with the id of every event appended from now on, by any instance on this database. */
  listen(onEvent: (id: number) => void, onError: (error: Error) => void): Promise<FloorListening>;
}

export interface FloorEventRow {
  id: number | string;
  team_id: string;
  at: number | string;
  kind: string;
  body: string;
}

export interface FloorAlertRow {
  body: string;
  acknowledged_by: string | null;
  acknowledged_at: number | string | null;
  escalated_at: number | string | null;
}

/** The alert with its columns (who acknowledged, when escalated) laid over the body. */
export const alertFromRow = (row: FloorAlertRow): FloorAlert => {
  const alert = JSON.parse(row.body) as FloorAlert;
  return {
    ...alert,
    acknowledgedBy: row.acknowledged_by === null ? null : (JSON.parse(row.acknowledged_by) as FloorAlert['acknowledgedBy']),
    acknowledgedAt: row.acknowledged_at === null ? null : Number(row.acknowledged_at),
    escalatedAt: row.escalated_at === null ? null : Number(row.escalated_at),
  };
};

export const ALERT_COLUMNS = 'body, acknowledged_by, acknowledged_at, escalated_at';

export interface FloorStateRow {
  person_id: string;
  team_id: string;
  state: string;
  reported_at: number | string;
}

export const eventFromRow = (row: FloorEventRow): StoredFloorEvent => {
  const base = { id: Number(row.id), teamId: row.team_id, at: Number(row.at) };
  return row.kind === 'alert'
    ? { ...base, kind: 'alert', alert: JSON.parse(row.body) as FloorAlert }
    : { ...base, kind: 'state', agent: JSON.parse(row.body) as FloorAgent };
};

export const stateFromRow = (row: FloorStateRow): StoredFloorState => ({
  personId: row.person_id,
  teamId: row.team_id,
  state: JSON.parse(row.state) as FloorState,
  reportedAt: Number(row.reported_at),
});

/** The NOTIFY channel (PostgreSQL). */
export const FLOOR_CHANNEL = 'floor_events';
