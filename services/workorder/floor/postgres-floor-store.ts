import pg from 'pg';
import type { AlertPolicy, FloorAgent, FloorAlert, FloorDetail, FloorState } from '../../../src/shared/domain/floor';
import {
  ALERT_COLUMNS,
  FLOOR_CHANNEL,
  alertFromRow,
  type FloorAlertRow,
  eventFromRow,
  stateFromRow,
  type FloorEventRow,
  type FloorListening,
  type FloorStateRow,
  type FloorStore,
  type StoredFloorEvent,
  type StoredFloorState,
} from './floor-store';
import { GroupCommit } from './group-commit';
import { PostgresPartStore } from '../store/rows';

const EVENT_COLUMNS = 'id, team_id, at, kind, body';
/**
 * Serialises floor appends (pg_advisory_xact_lock), so event ids commit in id
 * order: a stream that has sent id n never later meets a smaller id, and
 * resuming from Last-Event-ID misses nothing.
 */
const APPEND_LOCK = 0x776f_0002;
/** Appends per transaction at most (each batch holds the append lock once). */
const MAX_APPEND_BATCH = 200;

interface PendingAppend {
  teamId: string;
  personId: string;
  at: number;
  kind: 'state' | 'alert';
  body: string;
  /** FloorState as JSON for floor_states; null for an alert event. */
  state: string | null;
}

/**
 * The floor on PostgreSQL. Several instances share the database; each
 * instance commits its appends in batches (group commit: one lock hold, one
 * fsync, one connection for all the appends that arrived meanwhile), NOTIFYing
 * the batch's newest id on FLOOR_CHANNEL in the same transaction (delivered on
 * commit); every instance LISTENs on one connection of its own, then reads
 * every row after the last it read.
 */
export class PostgresFloorStore extends PostgresPartStore implements FloorStore {
  /** Appends arriving while a batch commits share the next one (see appendBatch). */
  private readonly appends = new GroupCommit<PendingAppend, number>((batch) => this.appendBatch(batch), MAX_APPEND_BATCH);

  async report(agent: FloorAgent, state: FloorState, at: number): Promise<StoredFloorEvent> {
    const id = await this.appends.add({
      teamId: agent.teamId,
      personId: agent.personId,
      at,
      kind: 'state',
      body: JSON.stringify(agent),
      state: JSON.stringify(state),
    });
    return { id, teamId: agent.teamId, at, kind: 'state', agent };
  }

  async appendAlertEvent(alert: FloorAlert, at: number): Promise<StoredFloorEvent> {
    const id = await this.appends.add({ teamId: alert.teamId, personId: alert.agent.personId, at, kind: 'alert', body: JSON.stringify(alert), state: null });
    return { id, teamId: alert.teamId, at, kind: 'alert', alert };
  }

  /**
   * One transaction for a batch of appends, under the append lock: the states
   * (the last of each person in the batch), the events in batch order, one
   * NOTIFY of the newest id (the hubs read everything after what they read
   * last), delivered on commit. Taking the lock first orders the states' row
   * locks too, so two instances' batches never deadlock.
   */
  private appendBatch(batch: PendingAppend[]): Promise<number[]> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const latest = new Map<string, PendingAppend>();
      for (const append of batch) if (append.state !== null) latest.set(append.personId, append);
      if (latest.size > 0) {
        const states = [...latest.values()];
        await client.query(
          `INSERT INTO floor_states (person_id, team_id, state, reported_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
           ON CONFLICT (person_id) DO UPDATE SET team_id = excluded.team_id, state = excluded.state, reported_at = excluded.reported_at`,
          [states.map((s) => s.personId), states.map((s) => s.teamId), states.map((s) => s.state), states.map((s) => s.at)],
        );
      }
      // Rows are inserted in ordinality order, so their ids ascend in batch order.
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO floor_events (team_id, person_id, at, kind, body)
         SELECT team_id, person_id, at, kind, body
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS a (team_id, person_id, at, kind, body, n)
         ORDER BY n RETURNING id`,
        [batch.map((a) => a.teamId), batch.map((a) => a.personId), batch.map((a) => a.at), batch.map((a) => a.kind), batch.map((a) => a.body)],
      );
      const ids = inserted.rows.map((row) => Number(row.id)).sort((a, b) => a - b);
      await client.query('SELECT pg_notify($1, $2)', [FLOOR_CHANNEL, String(ids.at(-1))]);
      return ids;
    });
  }

  async insertAlert(alert: FloorAlert): Promise<void> {
    await this.query(
      'INSERT INTO floor_alerts (id, team_id, person_id, body, raised_at, escalate_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [alert.id, alert.teamId, alert.agent.personId, JSON.stringify(alert), alert.raisedAt, alert.escalateAt],
    );
  }

  async alertById(id: string): Promise<FloorAlert | null> {
    const row = (await this.query<FloorAlertRow>(`SELECT ${ALERT_COLUMNS} FROM floor_alerts WHERE id = $1`, [id])).rows[0];
    return row ? alertFromRow(row) : null;
  }

  async openAlertOf(personId: string, callId: string): Promise<FloorAlert | null> {
    const rows = await this.query<FloorAlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM floor_alerts WHERE person_id = $1 ORDER BY raised_at DESC LIMIT 20`,
      [personId],
    );
    return rows.rows.map(alertFromRow).find((alert) => alert.callId === callId) ?? null;
  }

  async acknowledgeAlert(id: string, by: NonNullable<FloorAlert['acknowledgedBy']>, at: number): Promise<boolean> {
    // The row lock makes a second lead's UPDATE re-read the row and find it acknowledged.
    const result = await this.query(
      'UPDATE floor_alerts SET acknowledged_by = $1, acknowledged_at = $2 WHERE id = $3 AND acknowledged_at IS NULL',
      [JSON.stringify(by), at, id],
    );
    return result.rowCount === 1;
  }

  async escalateDue(now: number, limit: number): Promise<FloorAlert[]> {
    // SKIP LOCKED: two instances sweeping at once each take different rows, none twice.
    const result = await this.query<FloorAlertRow>(
      `UPDATE floor_alerts SET escalated_at = $1 WHERE id IN (
         SELECT id FROM floor_alerts WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND escalate_at <= $1
         LIMIT $2 FOR UPDATE SKIP LOCKED
       ) AND acknowledged_at IS NULL AND escalated_at IS NULL RETURNING ${ALERT_COLUMNS}`,
      [now, limit],
    );
    return result.rows.map(alertFromRow);
  }

  async recentAlerts(teamIds: readonly string[], since: number, escalated: boolean, limit: number): Promise<FloorAlert[]> {
    const result = await this.query<FloorAlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM floor_alerts
       WHERE raised_at >= $1 AND (team_id = ANY($2::text[]) OR ($3 AND escalated_at IS NOT NULL))
       ORDER BY raised_at DESC LIMIT $4`,
      [since, teamIds, escalated, limit],
    );
    return result.rows.map(alertFromRow);
  }

  async saveDetail(teamId: string, detail: FloorDetail): Promise<void> {
    await this.query(
      `INSERT INTO floor_details (person_id, team_id, body, reported_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_id) DO UPDATE SET team_id = excluded.team_id, body = excluded.body, reported_at = excluded.reported_at`,
      [detail.personId, teamId, JSON.stringify(detail), detail.reportedAt],
    );
  }

  async detailOf(personId: string): Promise<FloorDetail | null> {
    const row = (await this.query<{ body: string }>('SELECT body FROM floor_details WHERE person_id = $1', [personId])).rows[0];
    return row ? (JSON.parse(row.body) as FloorDetail) : null;
  }

  async alertPolicy(): Promise<AlertPolicy | null> {
    const row = (await this.query<{ body: string }>('SELECT body FROM floor_alert_policy WHERE id = 1')).rows[0];
    return row ? (JSON.parse(row.body) as AlertPolicy) : null;
  }

  async setAlertPolicy(policy: AlertPolicy, at: number): Promise<void> {
    await this.query(
      `INSERT INTO floor_alert_policy (id, body, updated_at) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      [JSON.stringify(policy), at],
    );
  }

  async listStates(teamIds: readonly string[]): Promise<StoredFloorState[]> {
    if (teamIds.length === 0) return [];
    const result = await this.query<FloorStateRow>(
      'SELECT person_id, team_id, state, reported_at FROM floor_states WHERE team_id = ANY($1::text[])',
      [teamIds],
    );
    return result.rows.map(stateFromRow);
  }

  async headEventId(): Promise<number> {
    const result = await this.query<{ head: string }>('SELECT COALESCE(MAX(id), 0) AS head FROM floor_events');
    return Number(result.rows[0]?.head ?? 0);
  }

  async eventsAfter(afterId: number, teamIds: readonly string[] | null, limit: number): Promise<StoredFloorEvent[]> {
    if (teamIds === null) {
      const all = await this.query<FloorEventRow>(`SELECT ${EVENT_COLUMNS} FROM floor_events WHERE id > $1 ORDER BY id LIMIT $2`, [afterId, limit]);
      return all.rows.map(eventFromRow);
    }
    if (teamIds.length === 0) return [];
    const result = await this.query<FloorEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM floor_events WHERE id > $1 AND team_id = ANY($2::text[]) ORDER BY id LIMIT $3`,
      [afterId, teamIds, limit],
    );
    return result.rows.map(eventFromRow);
  }

  async eventById(id: number): Promise<StoredFloorEvent | null> {
    const result = await this.query<FloorEventRow>(`SELECT ${EVENT_COLUMNS} FROM floor_events WHERE id = $1`, [id]);
    const row = result.rows[0];
    return row ? eventFromRow(row) : null;
  }

  async prunedThrough(): Promise<number> {
    const result = await this.query<{ pruned_through: string }>('SELECT pruned_through FROM floor_horizon WHERE id = 1');
    return Number(result.rows[0]?.pruned_through ?? 0);
  }

  async prune(before: number, maxRows: number): Promise<number> {
    const result = await this.query<{ removed: string }>(
      `WITH last AS (SELECT MAX(id) AS id FROM (SELECT id FROM floor_events WHERE at < $1 ORDER BY id LIMIT $2) oldest),
            gone AS (DELETE FROM floor_events WHERE id <= (SELECT id FROM last) RETURNING id),
            horizon AS (
              INSERT INTO floor_horizon (id, pruned_through) SELECT 1, id FROM last WHERE id IS NOT NULL
              ON CONFLICT (id) DO UPDATE SET pruned_through = GREATEST(floor_horizon.pruned_through, excluded.pruned_through)
            )
       SELECT COUNT(*) AS removed FROM gone`,
      [before, maxRows],
    );
    return Number(result.rows[0]?.removed ?? 0);
  }

  /** LISTEN on a connection of its own (not the pool's: it stays open as long as the instance). */
  async listen(onEvent: (id: number) => void, onError: (error: Error) => void): Promise<FloorListening> {
    const client = new pg.Client({ ...this.pool.options, application_name: 'hotline-workorder-floor' } as pg.ClientConfig);
    client.on('notification', (message) => {
      if (message.channel !== FLOOR_CHANNEL) return;
      const id = Number(message.payload);
      if (Number.isSafeInteger(id) && id > 0) onEvent(id);
    });
    client.on('error', onError);
    await client.connect();
    await client.query(`LISTEN ${FLOOR_CHANNEL}`);
    return { close: () => client.end() };
  }
}
