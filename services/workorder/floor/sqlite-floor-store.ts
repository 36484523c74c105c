import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type { FloorAgent, FloorState } from '../../../src/shared/domain/floor';
import {
  eventFromRow,
  stateFromRow,
  type FloorEventRow,
  type FloorListening,
  type FloorStateRow,
  type FloorStore,
  type StoredFloorEvent,
  type StoredFloorState,
} from './floor-store';

const EVENT_COLUMNS = 'id, team_id, at, body';

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
      return { id, teamId: agent.teamId, at, agent };
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

  async eventsAfter(afterId: number, teamIds: readonly string[], limit: number): Promise<StoredFloorEvent[]> {
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

  async listen(onEvent: (id: number) => void): Promise<FloorListening> {
    this.emitter.on('event', onEvent);
    return {
      close: async () => {
        this.emitter.off('event', onEvent);
      },
    };
  }
}
