import type { FloorAgent, FloorState } from '../../../src/shared/domain/floor';

/** One row of the floor event log. */
export interface StoredFloorEvent {
  id: number;
  teamId: string;
  at: number;
  agent: FloorAgent;
}

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
  /** Events after `afterId` of these teams, oldest first. */
  eventsAfter(afterId: number, teamIds: readonly string[], limit: number): Promise<StoredFloorEvent[]>;
  eventById(id: number): Promise<StoredFloorEvent | null>;
  /** The newest event id retention deleted (0: none). */
  prunedThrough(): Promise<number>;
  /** Deletes events older than `before` (at most `maxRows`); returns how many. */
  prune(before: number, maxRows: number): Promise<number>;
  /** Calls `onEvent` with the id of every event appended from now on, by any instance on this database. */
  listen(onEvent: (id: number) => void, onError: (error: Error) => void): Promise<FloorListening>;
}

export interface FloorEventRow {
  id: number | string;
  team_id: string;
  at: number | string;
  body: string;
}

export interface FloorStateRow {
  person_id: string;
  team_id: string;
  state: string;
  reported_at: number | string;
}

export const eventFromRow = (row: FloorEventRow): StoredFloorEvent => ({
  id: Number(row.id),
  teamId: row.team_id,
  at: Number(row.at),
  agent: JSON.parse(row.body) as FloorAgent,
});

export const stateFromRow = (row: FloorStateRow): StoredFloorState => ({
  personId: row.person_id,
  teamId: row.team_id,
  state: JSON.parse(row.state) as FloorState,
  reportedAt: Number(row.reported_at),
});

/** The NOTIFY channel (PostgreSQL). */
export const FLOOR_CHANNEL = 'floor_events';
