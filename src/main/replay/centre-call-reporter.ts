import type Database from 'better-sqlite3';
import { SendLoop } from '../centre/send-loop';
import { CENTRE_CALLS_PATH, type CallSummary } from '../../shared/review/centre-review';
import type { TokenRefusal } from '../centre/centre-client';
import { centreRequest } from '../centre/centre-request';
import { sendEachOnce, sendVerdict, type SendOutcome } from '../centre/send-once';

export interface CentreTarget {
  centreUrl: string;
  token: string;
  /** The signed-in person's 工号: a call is reported only under the token of the agent who took it. */
  agent: string;
}

export interface CentreCallReporterOptions {
  db: Database.Database;
  target: () => CentreTarget | null;
  caPem?: () => string | null;
  onTokenRefused?: (code: TokenRefusal, token: string) => void;
  timeoutMs?: number;
  random?: () => number;
  onError?: (error: unknown) => void;
  now?: () => number;
}

interface SummaryRow {
  id: string;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  outcome: CallSummary['outcome'];
  practice: number;
  remote_number: string;
  prompts: string | null;
  score: number | null;
  max_score: number | null;
  recording_id: string | null;
}

/**
 * Reports each ended call of this desk to the centre's call list
 * (`POST /v1/reviews/calls`), so trainers find it without this desk: what a
 * search asks about (start, talk time, outcome, prompts raised, the caller's
 * number, the desk's score, the recording's id). Pending reports are rows
 * (migration 0320), so a restart or a network fault only delays them; a
 * report is an upsert at the centre, so sending one twice is harmless, and a
 * call is reported again when its score changes. Practice calls never go.
 */
export class CentreCallReporter {
  private readonly loop: SendLoop;
  private readonly now: () => number;

  constructor(private readonly options: CentreCallReporterOptions) {
    this.loop = new SendLoop(() => this.drain(), options.random);
    this.now = options.now ?? Date.now;
  }

  /** Marks the call to be (re)reported under `agent`, then sends what is pending. */
  enqueue(callId: string, agent: string): void {
    const practice = this.options.db.prepare('SELECT practice FROM calls WHERE id = ? AND ended_at IS NOT NULL').pluck().get(callId) as number | undefined;
    if (practice === undefined || practice === 1 || agent === '') return;
    this.options.db
      .prepare(
        `INSERT INTO centre_call_reports (call_id, agent, state, updated_at) VALUES (?, ?, 'pending', ?)
         ON CONFLICT (call_id) DO UPDATE SET state = 'pending', updated_at = excluded.updated_at`,
      )
      .run(callId, agent, this.now());
    this.kick();
  }

  /** Something may be ready to go. */
  kick(): void {
    this.loop.kick();
  }

  /** Resolves when nothing is being sent. */
  settled(): Promise<void> {
    return this.loop.settled();
  }

  pending(agent?: string): string[] {
    return this.options.db
      .prepare("SELECT call_id FROM centre_call_reports WHERE state = 'pending' AND (? IS NULL OR agent = ?) ORDER BY updated_at")
      .pluck()
      .all(agent ?? null, agent ?? null) as string[];
  }

  close(): void {
    this.loop.close();
  }

  /** What the centre is told of a call, from what this desk keeps. */
  summary(callId: string): CallSummary | null {
    const row = this.options.db
      .prepare(
        `SELECT c.id, c.started_at, c.answered_at, c.ended_at, c.outcome, c.practice, c.remote_number, r.prompts, s.score, s.max_score,
           (SELECT id FROM recordings WHERE call_id = c.id AND practice = 0 ORDER BY started_at LIMIT 1) AS recording_id
         FROM calls c LEFT JOIN call_reviews r ON r.call_id = c.id LEFT JOIN call_scores s ON s.call_id = c.id WHERE c.id = ?`,
      )
      .get(callId) as SummaryRow | undefined;
    if (!row || row.ended_at === null) return null;
    return {
      callId: row.id,
      recordingId: row.recording_id,
      startedAt: row.started_at,
      durationMs: row.answered_at === null ? null : Math.max(0, row.ended_at - row.answered_at),
      outcome: row.outcome,
      prompts: (row.prompts ?? '').split(',').filter((kind) => /^[a-z-]{1,32}$/.test(kind)),
      callerNumber: row.remote_number.slice(0, 64),
      score: row.score === null ? null : Math.min(1000, Math.max(0, row.score)),
      maxScore: row.max_score === null ? null : Math.min(1000, Math.max(0, row.max_score)),
    };
  }

  private async drain(): Promise<void> {
    const target = this.options.target();
    if (!target) return;
    // Bounded: each call is tried at most once per run.
    await sendEachOnce(this.loop, this.pending(target.agent), (callId) => this.sendOne(callId, target), (error) => this.options.onError?.(error));
  }

  private async sendOne(callId: string, target: CentreTarget): Promise<SendOutcome> {
    const set = (state: 'done' | 'refused' | 'pending', error: string | null) =>
      this.options.db
        .prepare('UPDATE centre_call_reports SET state = ?, attempts = attempts + 1, error = ? WHERE call_id = ? AND state = ?')
        .run(state, error, callId, 'pending');
    const summary = this.summary(callId);
    if (!summary) {
      set('refused', 'The call is no longer in the call log.');
      return 'done';
    }
    const reply = await centreRequest({
      baseUrl: target.centreUrl,
      method: 'POST',
      path: CENTRE_CALLS_PATH,
      token: target.token,
      body: summary,
      timeoutMs: this.options.timeoutMs ?? 10_000,
      caPem: this.options.caPem?.() ?? null,
    });
    if (this.loop.closed) return 'idle';
    const verdict = sendVerdict(reply, [200]);
    if (verdict.kind === 'sent') set('done', null);
    else if (verdict.kind === 'unreachable') set('pending', verdict.why.slice(0, 500));
    // The centre will never take this one as it is: set aside with why, so it does not hold up the others.
    else if (verdict.kind === 'refused') set('refused', verdict.why);
    else set('pending', verdict.why);
    if (verdict.kind === 'signed-out' && verdict.refusal) this.options.onTokenRefused?.(verdict.refusal, target.token);
    return verdict.outcome;
  }
}
