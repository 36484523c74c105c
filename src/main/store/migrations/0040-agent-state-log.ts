import type { Migration } from './migration';

/** Agent state changes (示闲/示忙/小休/话后整理/下线), one row per transition. */
export const migration0040: Migration = {
  version: 40,
  name: 'agent-state-log',
  up: (db) => {
    db.exec(`
      CREATE TABLE agent_state_log (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('ready', 'not-ready', 'break', 'after-call', 'offline')),
        reason TEXT,
        cause TEXT NOT NULL CHECK (cause IN ('agent', 'startup', 'call-ended', 'after-call-expired', 'shortcut')),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX agent_state_log_by_time ON agent_state_log (at DESC, id DESC);
    `);
  },
};
