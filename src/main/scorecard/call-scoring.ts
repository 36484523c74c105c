import type Database from 'better-sqlite3';
import { WorkOrderDraftSchema, type WorkOrderDraft } from '../../shared/domain/work-order';
import { scoreCall } from '../../shared/scorecard';
import type { ScorecardOverride } from '../../shared/scorecard';
import type { StoredScore } from '../../shared/review/review';
import type { CallsRepo } from '../store/calls-repo';
import type { TimelineRepo } from '../timeline/timeline-repo';
import type { ScoreStore } from './score-store';

export class UnknownCall extends Error {}

export interface CallScoringDeps {
  db: Database.Database;
  calls: CallsRepo;
  timeline: TimelineRepo;
  store: ScoreStore;
  /** The desk's agent (工号) now: scores are kept per agent. */
  agent: () => string;
  now?: () => number;
  /** A call's score changed (the review index keeps its copy). */
  onScored?: (callId: string, score: number) => void;
}

/**
 * Scores a call with the template in use, from what main stores of it (the
 * call ledger, the timeline, the work order): the one scoring path for the
 * practice feedback and the trainer's replay. Re-scoring keeps the trainer's
 * overrides.
 */
export class CallScoring {
  private readonly workOrder: Database.Statement;

  constructor(private readonly deps: CallScoringDeps) {
    this.workOrder = deps.db.prepare('SELECT fields, sync_state, updated_at FROM work_orders WHERE call_id = ?');
  }

  score(callId: string): StoredScore {
    return this.rescore(callId, this.deps.store.overrides(callId));
  }

  override(callId: string, change: Omit<ScorecardOverride, 'at' | 'by'>): StoredScore {
    const by = this.deps.agent();
    const at = (this.deps.now ?? Date.now)();
    const rest = this.deps.store.overrides(callId).filter((override) => override.id !== change.id);
    return this.rescore(callId, [...rest, { ...change, by, at }]);
  }

  private rescore(callId: string, overrides: ScorecardOverride[]): StoredScore {
    const call = this.deps.calls.get(callId);
    if (!call) throw new UnknownCall(`No call ${callId} in the call log`);
    const order = this.workOrderOf(callId);
    const template = this.deps.store.template();
    const known = new Set([...template.items.map((item) => item.id), ...template.fatal.map((entry) => entry.id)]);
    const kept = overrides.filter((override) => known.has(override.id));
    const card = scoreCall(
      template,
      { timeline: this.deps.timeline.list(callId), workOrder: order?.draft ?? null, answeredAt: call.answeredAt, endedAt: call.endedAt, wrapUpAt: order?.wrapUpAt ?? null },
      kept,
    );
    const existing = this.deps.store.get(callId);
    const stored: StoredScore = {
      callId,
      agent: existing?.agent ?? this.deps.agent(),
      practice: call.practice,
      scoredAt: (this.deps.now ?? Date.now)(),
      card,
    };
    this.deps.store.put({ ...stored, overrides: kept });
    this.deps.onScored?.(callId, card.score);
    return stored;
  }

  /** The call's work order, and when it left the desk (submitted): the end of the after-call work. */
  private workOrderOf(callId: string): { draft: WorkOrderDraft; wrapUpAt: number | null } | null {
    const row = this.workOrder.get(callId) as { fields: string; sync_state: string; updated_at: number } | undefined;
    if (!row) return null;
    const draft = WorkOrderDraftSchema.safeParse(JSON.parse(row.fields));
    if (!draft.success) return null;
    return { draft: draft.data, wrapUpAt: row.sync_state === 'draft' ? null : row.updated_at };
  }
}
