import type { TimelineEntry } from '../domain/call/timeline';
import { submitIssues, type WorkOrderDraft } from '../domain/work-order';
import { callMetrics, type CallMetrics, type Moment } from './call-metrics';
import type { CallFigures, ScoredFatal, ScoredItem, Scorecard, ScorecardNote, ScorecardOverride, Verdict } from './scorecard';
import type { FatalRule, ItemRule, ScorecardTemplate } from './template';

/** What the desk knows of a finished call. */
export interface CallFacts {
  timeline: readonly TimelineEntry[];
  /** The call's work order as it stands; null when the call had none. */
  workOrder: WorkOrderDraft | null;
  answeredAt: number | null;
  endedAt: number | null;
  /** When the agent was done with the work order after the call (submitted or closed); null while not yet. */
  wrapUpAt: number | null;
}

interface Judged {
  verdict: Verdict;
  moments: Moment[];
  note: ScorecardNote | null;
}

const pass = (note: ScorecardNote | null = null, moments: Moment[] = []): Judged => ({ verdict: 'pass', moments, note });
const fail = (note: ScorecardNote, moments: Moment[] = []): Judged => ({ verdict: 'fail', moments, note });
const note = (key: string, params: Record<string, string | number> = {}): ScorecardNote => ({ key, params });
const lengthOf = (moment: Moment) => (moment.endMs ?? moment.startMs) - moment.startMs;

function judgeItem(rule: ItemRule, metrics: CallMetrics, facts: CallFacts, endMs: number): Judged {
  const order = facts.workOrder;
  switch (rule.kind) {
    case 'agent-first-words': {
      const agent = metrics.firstAgentSpeech;
      const caller = metrics.firstCallerSpeech;
      if (!agent) return fail(note('noAgentSpeech'), [{ startMs: 0, endMs: rule.withinMs }]);
      if (caller && caller.startMs < agent.startMs) return fail(note('callerSpokeFirst', { ms: caller.startMs }), [caller]);
      if (agent.startMs > rule.withinMs) return fail(note('lateGreeting', { ms: agent.startMs, limitMs: rule.withinMs }), [{ startMs: 0, endMs: agent.startMs }]);
      return pass(note('spokeAt', { ms: agent.startMs }), [agent]);
    }
    case 'step-before': {
      const at = metrics.stepTicks[rule.step];
      const before = metrics.stepTicks[rule.before];
      if (at === undefined) return fail(note('stepMissing', { step: rule.step }), before === undefined ? [] : [{ startMs: before, endMs: null }]);
      if (before !== undefined && at > before) return fail(note('stepLate', { step: rule.step, before: rule.before }), [{ startMs: before, endMs: null }]);
      return pass(note('stepAt', { step: rule.step, ms: at }), [{ startMs: at, endMs: null }]);
    }
    case 'step-ticked': {
      const at = metrics.stepTicks[rule.step];
      return at === undefined ? fail(note('stepMissing', { step: rule.step })) : pass(note('stepAt', { step: rule.step, ms: at }), [{ startMs: at, endMs: null }]);
    }
    case 'talk-over': {
      const count = metrics.talkOvers.length;
      return count > rule.maxCount ? fail(note('talkOvers', { count }), metrics.talkOvers) : pass(note('talkOvers', { count }));
    }
    case 'dead-air': {
      const longest = metrics.longestDeadAir;
      const ms = longest ? lengthOf(longest) : 0;
      return longest && ms > rule.maxMs ? fail(note('deadAir', { ms, limitMs: rule.maxMs }), [longest]) : pass(note('deadAir', { ms, limitMs: rule.maxMs }));
    }
    case 'no-raised-voice': {
      const count = metrics.agentRaisedVoice.length;
      return count > 0 ? fail(note('raisedVoice', { count }), metrics.agentRaisedVoice) : pass();
    }
    case 'work-order-complete': {
      if (!order) return fail(note('noWorkOrder'));
      const missing = [...new Set(submitIssues(order).map((issue) => issue.path.join('.')))];
      return missing.length > 0 ? fail(note('workOrderMissing', { fields: missing.join(', ') }), [{ startMs: endMs, endMs: null }]) : pass();
    }
    case 'scope-decided':
      if (!order) return fail(note('noWorkOrder'));
      return order.scope.decision === 'undecided' ? fail(note('scopeUndecided'), [{ startMs: endMs, endMs: null }]) : pass(note(`scope.${order.scope.decision}`));
    case 'classified': {
      if (!order) return fail(note('noWorkOrder'));
      const missing = [
        order.type === null ? 'type' : null,
        order.domain === null ? 'domain' : null,
        order.scope.decision !== 'out-of-scope' && order.departmentIds.length === 0 ? 'departmentIds' : null,
      ].filter((field) => field !== null);
      return missing.length > 0 ? fail(note('workOrderMissing', { fields: missing.join(', ') }), [{ startMs: endMs, endMs: null }]) : pass();
    }
    case 'commitment': {
      if (!order) return fail(note('noWorkOrder'));
      if (order.scope.decision === 'out-of-scope') {
        return order.scope.channel === '' ? fail(note('noChannel'), [{ startMs: endMs, endMs: null }]) : pass(note('channelGiven'));
      }
      const { what, dueDate } = order.commitment;
      if (what === '' || dueDate === '') return fail(note(what === '' ? 'noCommitment' : 'noDueDate'), [{ startMs: endMs, endMs: null }]);
      return pass(note('dueBy', { date: dueDate }));
    }
    case 'trainer':
      return { verdict: 'trainer', moments: [], note: null };
  }
}

function judgeFatal(rule: FatalRule, metrics: CallMetrics): Judged {
  if (rule.kind === 'trainer') return { verdict: 'trainer', moments: [], note: null };
  return metrics.unansweredEmergencies.length > 0 ? fail(note('emergencyUnanswered'), metrics.unansweredEmergencies) : pass();
}

function figuresOf(metrics: CallMetrics, facts: CallFacts): CallFigures {
  const { answeredAt, endedAt, wrapUpAt } = facts;
  return {
    handleMs: answeredAt !== null && endedAt !== null ? Math.max(0, endedAt - answeredAt) : null,
    afterCallMs: endedAt !== null && wrapUpAt !== null ? Math.max(0, wrapUpAt - endedAt) : null,
    firstAgentWordsMs: metrics.firstAgentSpeech?.startMs ?? null,
    overlapCount: metrics.overlaps.length,
    talkOverCount: metrics.talkOvers.length,
    longestDeadAirMs: metrics.longestDeadAir ? lengthOf(metrics.longestDeadAir) : 0,
    agentRaisedVoiceCount: metrics.agentRaisedVoice.length,
  };
}

/**
 * Judges a call with a template: every item the desk can check from the
 * timeline and the work order, the rest left to the trainer; then the
 * trainer's overrides (by item or fatal id) and the total. Pure: the same
 * call and overrides always give the same card.
 */
export function scoreCall(template: ScorecardTemplate, facts: CallFacts, overrides: readonly ScorecardOverride[] = []): Scorecard {
  const metrics = callMetrics(facts.timeline);
  const byId = new Map(overrides.map((override) => [override.id, override]));
  const endMs = facts.answeredAt !== null && facts.endedAt !== null ? Math.max(0, facts.endedAt - facts.answeredAt) : 0;

  const items: ScoredItem[] = template.items.map((item) => {
    const judged = judgeItem(item.judge, metrics, facts, endMs);
    const override = byId.get(item.id) ?? null;
    const verdict = override?.verdict ?? judged.verdict;
    const full = verdict === 'pass' ? item.points : 0;
    const points = override?.points !== null && override?.points !== undefined ? Math.min(item.points, override.points) : full;
    return { id: item.id, title: item.title, maxPoints: item.points, auto: judged.verdict, verdict, points, moments: judged.moments, note: judged.note, override, help: item.help };
  });
  const fatal: ScoredFatal[] = template.fatal.map((entry) => {
    const judged = judgeFatal(entry.judge, metrics);
    const override = byId.get(entry.id) ?? null;
    return { id: entry.id, title: entry.title, auto: judged.verdict, verdict: override?.verdict ?? judged.verdict, moments: judged.moments, override };
  });

  const zeroed = fatal.some((entry) => entry.verdict === 'fail');
  const total = items.reduce((sum, item) => sum + item.points, 0);
  return {
    templateId: template.id,
    templateVersion: template.version,
    items,
    fatal,
    figures: figuresOf(metrics, facts),
    score: zeroed ? 0 : total,
    maxScore: template.items.reduce((sum, item) => sum + item.points, 0),
    pending: [...items, ...fatal].filter((entry) => entry.verdict === 'trainer').length,
    zeroed,
  };
}

/** The moments that cost points: each failed item's moments, in call order. */
export function costlyMoments(card: Scorecard): { itemId: string; startMs: number; endMs: number | null; lost: number }[] {
  return card.items
    .filter((item) => item.verdict === 'fail' || item.points < item.maxPoints)
    .filter((item) => item.verdict !== 'trainer')
    .flatMap((item) => item.moments.map((moment) => ({ itemId: item.id, ...moment, lost: item.maxPoints - item.points })))
    .sort((a, b) => a.startMs - b.startMs);
}
