import type { Scorecard, ScorecardTemplate } from '../../../shared/scorecard';

export interface CardOverride {
  id: string;
  verdict: 'pass' | 'fail';
  points: number | null;
  comment: string;
}

/**
 * The card a trainer fills in for a centre call: the centre keeps no
 * timeline, so nothing is judged automatically; every item and fatal error
 * waits for the trainer, from the desk's template (the centre's latest).
 */
export function blankCard(template: ScorecardTemplate): Scorecard {
  const items = template.items.map((item) => ({
    id: item.id,
    title: item.title,
    maxPoints: item.points,
    auto: 'trainer' as const,
    verdict: 'trainer' as const,
    points: 0,
    moments: [],
    note: null,
    override: null,
    help: { ...(item.help.step ? { step: item.help.step } : {}), phrases: item.help.phrases },
  }));
  const fatal = template.fatal.map((entry) => ({ id: entry.id, title: entry.title, auto: 'trainer' as const, verdict: 'trainer' as const, moments: [], override: null }));
  return totals({
    templateId: template.id,
    templateVersion: template.version,
    items,
    fatal,
    figures: { handleMs: null, afterCallMs: null, firstAgentWordsMs: null, overlapCount: 0, talkOverCount: 0, longestDeadAirMs: 0, agentRaisedVoiceCount: 0 },
    score: 0,
    maxScore: 0,
    pending: 0,
    zeroed: false,
  });
}

/** The card with the trainer's decision on one item or fatal error (as the desk's own overrides count: points capped, a fatal error zeroes). */
export function overrideCard(card: Scorecard, change: CardOverride, by: string, at: number): Scorecard {
  const override = { id: change.id, verdict: change.verdict, points: change.points, comment: change.comment.trim(), by, at };
  return totals({
    ...card,
    items: card.items.map((item) => {
      if (item.id !== change.id) return item;
      const full = change.verdict === 'pass' ? item.maxPoints : 0;
      return { ...item, verdict: change.verdict, points: change.points === null ? full : Math.min(item.maxPoints, Math.max(0, change.points)), override };
    }),
    fatal: card.fatal.map((entry) => (entry.id === change.id ? { ...entry, verdict: change.verdict, override } : entry)),
  });
}

function totals(card: Scorecard): Scorecard {
  const zeroed = card.fatal.some((entry) => entry.verdict === 'fail');
  const total = card.items.reduce((sum, item) => sum + item.points, 0);
  return {
    ...card,
    score: zeroed ? 0 : total,
    maxScore: card.items.reduce((sum, item) => sum + item.maxPoints, 0),
    pending: [...card.items, ...card.fatal].filter((entry) => entry.verdict === 'trainer').length,
    zeroed,
  };
}
