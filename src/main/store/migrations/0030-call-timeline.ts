import type { Migration } from './migration';

/**
 * The call timeline (issue 4): everything live guidance saw and did during a
 * call, for trainers to replay. One row per thing that happened, in call time:
 * offsets in ms from answer (negative while ringing), so a replay needs no
 * wall clock. Append-only; the renderer sends rows in batches and may resend a
 * batch after a failed reply, so (call_id, seq) is unique and a resend is a
 * no-op.
 *
 * kind     what happened: prompt-shown, prompt-acknowledged, prompt-used,
 *          prompt-dismissed, prompt-expired, prompt-resolved, prompt-pre-empted,
 *          prompt-call-ended, step-ticked, step-unticked, signal, hotkey,
 *          lead-alert, recovery-offered, recovery-accepted, recovery-declined
 * subject  what it was about: the prompt key ("out-of-scope:litigation"), the
 *          step id ("restate"), the signal ("silence", "raised-voice",
 *          "overlap", "speech", "interruption", "monologue"), the hotkey
 * start_ms / end_ms  offsets from answer; end_ms is set for spans, NULL for instants
 * payload  JSON with the details (prompt id, side, dB above baseline, ...)
 *
 * No foreign key to calls: a batch may arrive before the call's own report.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'call-timeline',
  up: (db) => {
    db.exec(`
      CREATE TABLE call_timeline (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        kind TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        start_ms INTEGER NOT NULL,
        end_ms INTEGER CHECK (end_ms IS NULL OR end_ms >= start_ms),
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
        recorded_at INTEGER NOT NULL,
        UNIQUE (call_id, seq)
      ) STRICT;
      CREATE INDEX call_timeline_by_offset ON call_timeline (call_id, start_ms);
    `);
  },
};
