import type { KnowledgeHit } from '../../../shared/knowledge/search';
import { CATEGORIES_OF_DOMAIN } from '../../../shared/knowledge/categories';
import { WORK_ORDER_LIMITS, type WorkOrderDomain } from '../../../shared/domain/work-order';
import { callSessions } from '../call-session';
import { useWorkOrderStore } from '../work-order';
import { markUsed, openArticle, useKnowledgeStore } from './knowledge-store';

/** The session of the call in front (its timeline), if any. */
function frontTimeline() {
  const front = callSessions.front();
  return front ? (callSessions.session(front.id)?.timeline ?? null) : null;
}

/** Opens an article in full; the call's timeline records which and what was searched. */
export async function readArticle(hit: KnowledgeHit): Promise<void> {
  const article = await openArticle(hit.id);
  if (!article) return;
  frontTimeline()?.record({
    kind: 'knowledge-opened',
    subject: hit.id,
    startMs: 0,
    payload: { articleId: hit.id, title: article.title.slice(0, 200), query: useKnowledgeStore.getState().query.slice(0, 200), validity: hit.validity },
  });
}

/** The passage and its source, as it goes into the reply. */
export function quoteOf(hit: KnowledgeHit, format: (passage: string, source: string) => string): string {
  const source = [hit.sourceDocument, hit.sourceNumber].filter(Boolean).join('') || hit.department;
  return format(hit.passageText.replace(/^…|…$/g, ''), source);
}

/**
 * Appends the passage with its source to the open work order's reply (what
 * the caller was told) and records it on the call's timeline. False: no work
 * order is open, or it cannot be edited.
 */
export function putInReply(hit: KnowledgeHit, quoted: string): boolean {
  const work = useWorkOrderStore.getState();
  if (!work.id) return false;
  const current = work.fields.commitment;
  const joined = current.what.trim() === '' ? quoted : `${current.what.trimEnd()}\n${quoted}`;
  work.edit('commitment', { ...current, what: joined.slice(0, WORK_ORDER_LIMITS.commitment) });
  markUsed(hit.id);
  frontTimeline()?.record({
    kind: 'knowledge-used',
    subject: hit.id,
    startMs: 0,
    payload: {
      articleId: hit.id,
      title: hit.title.map((part) => part.text).join('').slice(0, 200),
      passage: hit.passageText.slice(0, 2_000),
      sourceDocument: hit.sourceDocument.slice(0, 200),
      sourceNumber: hit.sourceNumber.slice(0, 100),
    },
  });
  return true;
}

export function categoriesOf(domain: WorkOrderDomain | null): readonly string[] {
  return domain ? CATEGORIES_OF_DOMAIN[domain] : [];
}
