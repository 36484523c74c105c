import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { PracticeFinished, PracticeHistoryEntry, PracticeSync } from '../../shared/ipc/contract-practice';
import { PracticeResultSchema, type PracticeResult } from '../../shared/practice/result';
import type { StoredTimelineEntry } from '../../shared/domain/call/timeline';
import type { CallScoring } from '../scorecard/call-scoring';
import type { CallsRepo } from '../store/calls-repo';
import type { TimelineRepo } from '../timeline/timeline-repo';

export class NotAPracticeCall extends Error {}

export interface PracticeResultsDeps {
  db: Database.Database;
  calls: CallsRepo;
  timeline: TimelineRepo;
  scoring: CallScoring;
  /** The desk's agent (工号) now. */
  agent: () => string;
  now?: () => number;
}

/** How often each signal and prompt kind fired on the call's timeline. */
export function signalCounts(timeline: readonly StoredTimelineEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (key: string) => {
    if (key.length <= 80 && (key in counts || Object.keys(counts).length < 100)) counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const entry of timeline) {
    if (entry.kind === 'signal') add(`signal:${entry.subject}`);
    else if (entry.kind === 'prompt-shown') add(`prompt:${entry.payload.kind}`);
    else if (entry.kind === 'lead-alert' || entry.kind === 'emergency-outcome') add(entry.kind);
  }
  return counts;
}

type UploadState = 'pending' | 'done' | 'refused';

/** Where a kept result stands with the centre: a pending one goes only under its own agent's sign-in, and never without a 工号. */
export function practiceSync(uploadState: UploadState, agent: string, signedIn: string | null): PracticeSync {
  if (uploadState === 'done') return 'sent';
  if (uploadState === 'refused') return 'refused';
  if (agent === '') return 'never';
  return signedIn === agent ? 'sending' : 'waiting';
}

/**
 * Each finished practice call's result, kept on the desk (migration 0330)
 * with the idempotency key it is sent under, once, to the signed-in centre.
 * The score comes from the one scoring path (CallScoring, as the feedback's).
 */
export class PracticeResults {
  constructor(private readonly deps: PracticeResultsDeps) {}

  /**
   * Scores the call and keeps its result; a second report of the same call keeps the first. Only a practice
   * call this desk took: the trainer's own side of a live practice call (this desk placed it) is none.
   */
  record(finished: PracticeFinished): { result: PracticeResult; queued: boolean } {
    const call = this.deps.calls.get(finished.callId);
    if (!call?.practice) throw new NotAPracticeCall(`No practice call ${finished.callId} in the call log`);
    if (call.direction !== 'inbound') throw new NotAPracticeCall(`Call ${finished.callId} was placed by this desk (the trainer's side): no practice result`);
    const kept = this.get(finished.callId);
    if (kept) return { result: kept, queued: false };
    const { card } = this.deps.scoring.score(finished.callId);
    const endedAt = call.endedAt ?? (this.deps.now ?? Date.now)();
    const result = PracticeResultSchema.parse({
      callId: finished.callId,
      scenarioId: finished.scenarioId,
      scenarioVersion: finished.scenarioVersion,
      startedAt: call.startedAt,
      answeredAt: call.answeredAt,
      endedAt,
      durationMs: call.answeredAt === null ? 0 : Math.max(0, endedAt - call.answeredAt),
      endedBy: finished.endedBy,
      templateId: card.templateId.slice(0, 64),
      templateVersion: card.templateVersion,
      score: card.score,
      maxScore: card.maxScore,
      zeroed: card.zeroed,
      items: card.items.map((item) => ({ id: item.id, verdict: item.verdict, points: item.points, maxPoints: item.maxPoints })),
      signals: signalCounts(this.deps.timeline.list(finished.callId)),
      lines: finished.lines.slice(0, 200),
      holds: finished.holds,
      // The trainer as the call log has them from the INVITE (the trainee's desk saw them as the caller).
      ...(finished.live ? { live: { trainerNumber: call.remoteNumber, trainerName: call.remoteName } } : {}),
    });
    const inserted = this.deps.db
      .prepare('INSERT INTO practice_results (call_id, idempotency_key, agent, body, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING')
      .run(finished.callId, randomUUID(), this.deps.agent(), JSON.stringify(result), (this.deps.now ?? Date.now)()).changes;
    return { result, queued: inserted > 0 };
  }

  /**
   * The results of `agent` kept on this desk, and those practised with no 工号 here, newest first, with where
   * each stands with the centre (only the signed-in agent's go: `signedIn`, null while signed out).
   */
  history(agent: string, signedIn: string | null, limit: number): PracticeHistoryEntry[] {
    const rows = this.deps.db
      .prepare("SELECT agent, body, upload_state, upload_error FROM practice_results WHERE agent = ? OR agent = '' ORDER BY created_at DESC, rowid DESC LIMIT ?")
      .all(agent, limit) as { agent: string; body: string; upload_state: UploadState; upload_error: string | null }[];
    return rows.map((row) => ({
      result: PracticeResultSchema.parse(JSON.parse(row.body)),
      agent: row.agent,
      sync: practiceSync(row.upload_state, row.agent, signedIn),
      error: row.upload_state === 'done' ? null : row.upload_error,
    }));
  }

  get(callId: string): PracticeResult | null {
    const body = this.deps.db.prepare('SELECT body FROM practice_results WHERE call_id = ?').pluck().get(callId) as string | undefined;
    return body === undefined ? null : PracticeResultSchema.parse(JSON.parse(body));
  }
}
