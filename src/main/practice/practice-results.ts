import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { PracticeFinished } from '../../shared/ipc/contract-practice';
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

/**
 * Each finished practice call's result, kept on the desk (migration 0330)
 * with the idempotency key it is sent under, once, to the signed-in centre.
 * The score comes from the one scoring path (CallScoring, as the feedback's).
 */
export class PracticeResults {
  constructor(private readonly deps: PracticeResultsDeps) {}

  /** Scores the call and keeps its result; a second report of the same call keeps the first. */
  record(finished: PracticeFinished): { result: PracticeResult; queued: boolean } {
    const call = this.deps.calls.get(finished.callId);
    if (!call?.practice) throw new NotAPracticeCall(`No practice call ${finished.callId} in the call log`);
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
    });
    const inserted = this.deps.db
      .prepare('INSERT INTO practice_results (call_id, idempotency_key, agent, body, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING')
      .run(finished.callId, randomUUID(), this.deps.agent(), JSON.stringify(result), (this.deps.now ?? Date.now)()).changes;
    return { result, queued: inserted > 0 };
  }

  get(callId: string): PracticeResult | null {
    const body = this.deps.db.prepare('SELECT body FROM practice_results WHERE call_id = ?').pluck().get(callId) as string | undefined;
    return body === undefined ? null : PracticeResultSchema.parse(JSON.parse(body));
  }
}
