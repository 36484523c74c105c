import type Database from 'better-sqlite3';
import type { AgentStateChange, AgentStateLogEntry } from '../../shared/domain/agent-state';

interface Row {
  id: number;
  status: AgentStateLogEntry['status'];
  reason: string | null;
  cause: AgentStateLogEntry['cause'];
  at: number;
}

/** Every agent state transition with its time: the record a team lead reviews. */
export class AgentStateLogRepo {
  constructor(private readonly db: Database.Database) {}

  record(change: AgentStateChange): void {
    this.db
      .prepare('INSERT INTO agent_state_log (status, reason, cause, at) VALUES (@status, @reason, @cause, @at)')
      .run(change);
  }

  /** Newest first. */
  list(limit: number): AgentStateLogEntry[] {
    return (this.db.prepare('SELECT * FROM agent_state_log ORDER BY at DESC, id DESC LIMIT ?').all(limit) as Row[]).map(
      (row) => ({ id: row.id, status: row.status, reason: row.reason, cause: row.cause, at: row.at }),
    );
  }
}
