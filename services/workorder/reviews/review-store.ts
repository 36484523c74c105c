import { normalizePhone } from '../../../src/shared/domain/work-order';
import {
  REPEAT_CALLER_WINDOW_MS,
  type CallSummary,
  type CentreCall,
  type CentreReview,
  type PlaybackEntry,
  type ReviewSave,
} from '../../../src/shared/review/centre-review';
import type { ScorecardTemplate } from '../../../src/shared/scorecard/template';
import { maskPhone } from '../floor/view';
import { callListSql, type CallFilter } from './call-list-sql';
import type { SqlExec } from './sql-exec';

export type NewPlayback = Omit<PlaybackEntry, 'id'>;

export interface StoredTemplate {
  template: ScorecardTemplate;
  createdBy: string;
  createdAt: number;
}

export type SaveOutcome = { kind: 'saved'; review: CentreReview } | { kind: 'conflict'; current: CentreReview | null };

/**
 * Case review on the centre's database (SQLite or PostgreSQL): the playback
 * log, the calls desks report, reviews and scorecard templates (migrations.ts).
 */
export class ReviewStore {
  constructor(private readonly db: SqlExec) {}

  async logPlayback(entry: NewPlayback): Promise<void> {
    await this.db.batch([
      {
        sql: `INSERT INTO recording_playbacks (recording_id, call_id, team_id, agent_person_id, by_person_id, by_work_number, by_roles, token_id, remote_address, forwarded_for, byte_range, at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [entry.recordingId, entry.callId, entry.teamId, entry.agentPersonId, entry.byPersonId, entry.byWorkNumber, entry.byRoles.join(','), entry.tokenId, entry.remoteAddress, entry.forwardedFor, entry.range, entry.at],
      },
    ]);
  }

  /** Newest first, of these teams; optionally one recording and a time span. */
  async playbacks(teamIds: readonly string[], filter: { recording?: string; from?: number; to?: number; limit: number }): Promise<PlaybackEntry[]> {
    if (teamIds.length === 0) return [];
    const where = [`team_id IN (${teamIds.map(() => '?').join(', ')})`];
    const params: unknown[] = [...teamIds];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (filter.recording !== undefined) add('recording_id = ?', filter.recording);
    if (filter.from !== undefined) add('at >= ?', filter.from);
    if (filter.to !== undefined) add('at < ?', filter.to);
    const rows = await this.db.all<PlaybackRow>(
      `SELECT * FROM recording_playbacks WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ?`,
      [...params, filter.limit],
    );
    return rows.map(playbackFromRow);
  }

  /**
   * Keeps what the desk reported of a call (again: replaced, its score kept
   * when a trainer's review scored it). A number heard within the repeat
   * window before marks this call a repeat, and this one marks later ones.
   */
  async reportCall(teamId: string, agentPersonId: string, agentWorkNumber: string, call: CallSummary, at: number): Promise<void> {
    const phone = normalizePhone(call.callerNumber);
    const prompts = `,${[...new Set(call.prompts)].sort().join(',')}${call.prompts.length > 0 ? ',' : ''}`;
    await this.db.batch([
      {
        sql: `INSERT INTO centre_calls (team_id, call_id, agent_person_id, agent_work_number, recording_id, started_at, duration_ms, outcome, prompts, caller_phone_norm, repeat_caller, score, max_score, reported_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                CASE WHEN ? <> '' AND EXISTS (SELECT 1 FROM centre_calls p WHERE p.caller_phone_norm = ? AND p.started_at < ? AND p.started_at >= ?) THEN 1 ELSE 0 END,
                ?, ?, ?)
              ON CONFLICT (team_id, call_id) DO UPDATE SET recording_id = COALESCE(excluded.recording_id, centre_calls.recording_id),
                duration_ms = excluded.duration_ms, outcome = excluded.outcome, prompts = excluded.prompts,
                score = CASE WHEN EXISTS (SELECT 1 FROM call_reviews r WHERE r.team_id = excluded.team_id AND r.call_id = excluded.call_id AND r.scorecard IS NOT NULL)
                  THEN centre_calls.score ELSE excluded.score END,
                max_score = CASE WHEN EXISTS (SELECT 1 FROM call_reviews r WHERE r.team_id = excluded.team_id AND r.call_id = excluded.call_id AND r.scorecard IS NOT NULL)
                  THEN centre_calls.max_score ELSE excluded.max_score END,
                reported_at = excluded.reported_at`,
        params: [
          teamId, call.callId, agentPersonId, agentWorkNumber, call.recordingId, call.startedAt, call.durationMs, call.outcome, prompts, phone,
          phone, phone, call.startedAt, call.startedAt - REPEAT_CALLER_WINDOW_MS,
          call.score, call.maxScore, at,
        ],
      },
      {
        sql: `UPDATE centre_calls SET repeat_caller = 1
               WHERE ? <> '' AND caller_phone_norm = ? AND started_at > ? AND started_at <= ? AND repeat_caller = 0`,
        params: [phone, phone, call.startedAt, call.startedAt + REPEAT_CALLER_WINDOW_MS],
      },
    ]);
  }

  /** The recording reached the centre: its call (when already reported) names it. */
  async linkRecording(teamId: string, callId: string, recordingId: string): Promise<void> {
    await this.db.batch([{ sql: 'UPDATE centre_calls SET recording_id = ? WHERE team_id = ? AND call_id = ?', params: [recordingId, teamId, callId] }]);
  }

  /** One page of one team's calls, newest first (the routes merge teams). */
  async listCalls(teamId: string, filter: CallFilter, limit: number): Promise<CentreCall[]> {
    const { sql, params } = callListSql(this.db.dialect, teamId, filter, limit);
    return (await this.db.all<CallRow>(sql, params)).map(callFromRow);
  }

  /** The call wherever its team (call ids are unique per desk and random). */
  async call(callId: string): Promise<CentreCall | null> {
    const rows = await this.db.all<CallRow>(
      `SELECT c.*, r.shared_at FROM centre_calls c LEFT JOIN call_reviews r ON r.team_id = c.team_id AND r.call_id = c.call_id WHERE c.call_id = ? ORDER BY c.reported_at LIMIT 1`,
      [callId],
    );
    return rows[0] ? callFromRow(rows[0]) : null;
  }

  async review(teamId: string, callId: string): Promise<CentreReview | null> {
    const rows = await this.db.all<ReviewRow>('SELECT * FROM call_reviews WHERE team_id = ? AND call_id = ?', [teamId, callId]);
    return rows[0] ? reviewFromRow(rows[0]) : null;
  }

  /**
   * Saves a review over `expectedVersion` (null: the first save); anything
   * else is a conflict answered with the current review. A scorecard's total
   * becomes the call's score in the list.
   */
  async saveReview(call: CentreCall, body: ReviewSave, expectedVersion: number | null, by: string, at: number): Promise<SaveOutcome> {
    const card = body.scorecard;
    const values = [JSON.stringify(body.annotations), card ? JSON.stringify(card) : null, card?.templateId ?? null, card?.templateVersion ?? null, by, at];
    const write =
      expectedVersion === null
        ? {
            sql: `INSERT INTO call_reviews (annotations, scorecard, template_id, template_version, updated_by, updated_at, team_id, call_id, agent_person_id, version)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (team_id, call_id) DO NOTHING`,
            params: [...values, call.teamId, call.callId, call.agentPersonId],
          }
        : {
            sql: `UPDATE call_reviews SET annotations = ?, scorecard = ?, template_id = ?, template_version = ?, updated_by = ?, updated_at = ?, version = version + 1
                   WHERE team_id = ? AND call_id = ? AND version = ?`,
            params: [...values, call.teamId, call.callId, expectedVersion],
          };
    // In the same transaction, and only when the review was written (it now has the version this save makes).
    const score = card
      ? [
          {
            sql: `UPDATE centre_calls SET score = ?, max_score = ? WHERE team_id = ? AND call_id = ?
                    AND EXISTS (SELECT 1 FROM call_reviews r WHERE r.team_id = ? AND r.call_id = ? AND r.version = ? AND r.updated_at = ? AND r.updated_by = ?)`,
            params: [card.score, card.maxScore, call.teamId, call.callId, call.teamId, call.callId, (expectedVersion ?? 0) + 1, at, by],
          },
        ]
      : [];
    const [changed] = await this.db.batch([write, ...score]);
    if (changed === 0) return { kind: 'conflict', current: await this.review(call.teamId, call.callId) };
    return { kind: 'saved', review: (await this.review(call.teamId, call.callId))! };
  }

  /** Shares the review with its agent (or takes it back); false when there is no review yet. */
  async share(teamId: string, callId: string, shared: boolean, by: string, at: number): Promise<boolean> {
    const [changed] = await this.db.batch([
      {
        sql: 'UPDATE call_reviews SET shared_at = ?, shared_by = ? WHERE team_id = ? AND call_id = ?',
        params: [shared ? at : null, shared ? by : null, teamId, callId],
      },
    ]);
    return (changed ?? 0) > 0;
  }

  /** The agent's reviews shared with them, newest share first. */
  async sharedWith(agentPersonId: string, limit: number): Promise<CentreReview[]> {
    const rows = await this.db.all<ReviewRow>(
      'SELECT * FROM call_reviews WHERE agent_person_id = ? AND shared_at IS NOT NULL ORDER BY shared_at DESC LIMIT ?',
      [agentPersonId, limit],
    );
    return rows.map(reviewFromRow);
  }

  /** Every version of every template, oldest first. */
  async templates(): Promise<StoredTemplate[]> {
    return (await this.db.all<TemplateRow>('SELECT * FROM scorecard_templates ORDER BY template_id, version', [])).map(templateFromRow);
  }

  async template(templateId: string, version: number): Promise<StoredTemplate | null> {
    const rows = await this.db.all<TemplateRow>('SELECT * FROM scorecard_templates WHERE template_id = ? AND version = ?', [templateId, version]);
    return rows[0] ? templateFromRow(rows[0]) : null;
  }

  /**
   * Adds the template as a new version: `template.version` must be the next
   * one (the latest + 1, or 1 for a new id), so two editors working on the
   * same version cannot both save; false when it is not.
   */
  async addTemplate(template: ScorecardTemplate, by: string, at: number): Promise<boolean> {
    const [changed] = await this.db.batch([
      {
        sql: `INSERT INTO scorecard_templates (template_id, version, body, created_by, created_at)
              SELECT ?, ?, ?, ?, ? WHERE (SELECT COALESCE(MAX(version), 0) FROM scorecard_templates WHERE template_id = ?) = ?
              ON CONFLICT (template_id, version) DO NOTHING`,
        params: [template.id, template.version, JSON.stringify(template), by, at, template.id, template.version - 1],
      },
    ]);
    return (changed ?? 0) > 0;
  }
}

interface PlaybackRow {
  id: number | string;
  recording_id: string;
  call_id: string;
  team_id: string;
  agent_person_id: string | null;
  by_person_id: string | null;
  by_work_number: string;
  by_roles: string;
  token_id: string;
  remote_address: string;
  forwarded_for: string | null;
  byte_range: string | null;
  at: number | string;
}

const playbackFromRow = (row: PlaybackRow): PlaybackEntry => ({
  id: Number(row.id),
  recordingId: row.recording_id,
  callId: row.call_id,
  teamId: row.team_id,
  agentPersonId: row.agent_person_id,
  byPersonId: row.by_person_id,
  byWorkNumber: row.by_work_number,
  byRoles: row.by_roles.split(',').filter((r) => r !== ''),
  tokenId: row.token_id,
  remoteAddress: row.remote_address,
  forwardedFor: row.forwarded_for,
  range: row.byte_range,
  at: Number(row.at),
});

export interface CallRow {
  team_id: string;
  call_id: string;
  agent_person_id: string;
  agent_work_number: string;
  recording_id: string | null;
  started_at: number | string;
  duration_ms: number | string | null;
  outcome: CentreCall['outcome'];
  prompts: string;
  caller_phone_norm: string;
  repeat_caller: number;
  score: number | null;
  max_score: number | null;
  shared_at: number | string | null;
}

const callFromRow = (row: CallRow): CentreCall => ({
  callId: row.call_id,
  teamId: row.team_id,
  agentPersonId: row.agent_person_id,
  agentWorkNumber: row.agent_work_number,
  recordingId: row.recording_id,
  startedAt: Number(row.started_at),
  durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
  outcome: row.outcome,
  prompts: row.prompts.split(',').filter((kind) => kind !== ''),
  callerNumber: maskPhone(row.caller_phone_norm),
  repeatCaller: Number(row.repeat_caller) === 1,
  score: row.score === null ? null : Number(row.score),
  maxScore: row.max_score === null ? null : Number(row.max_score),
  shared: row.shared_at !== null && row.shared_at !== undefined,
});

interface ReviewRow {
  team_id: string;
  call_id: string;
  agent_person_id: string;
  annotations: string;
  scorecard: string | null;
  version: number | string;
  shared_at: number | string | null;
  shared_by: string | null;
  updated_by: string;
  updated_at: number | string;
}

const reviewFromRow = (row: ReviewRow): CentreReview => ({
  callId: row.call_id,
  teamId: row.team_id,
  agentPersonId: row.agent_person_id,
  annotations: JSON.parse(row.annotations) as CentreReview['annotations'],
  scorecard: row.scorecard === null ? null : (JSON.parse(row.scorecard) as CentreReview['scorecard']),
  version: Number(row.version),
  sharedAt: row.shared_at === null ? null : Number(row.shared_at),
  sharedBy: row.shared_by,
  updatedBy: row.updated_by,
  updatedAt: Number(row.updated_at),
});

interface TemplateRow {
  body: string;
  created_by: string;
  created_at: number | string;
}

const templateFromRow = (row: TemplateRow): StoredTemplate => ({
  template: JSON.parse(row.body) as ScorecardTemplate,
  createdBy: row.created_by,
  createdAt: Number(row.created_at),
});
