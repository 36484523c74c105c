import type { knowledgeInvokeContract } from '../../shared/ipc/contract-knowledge';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Handlers } from './router';

type KnowledgeChannel = keyof typeof knowledgeInvokeContract;

/** The knowledge base: reads of the desk's own copy, so they answer with the centre unreachable. */
export function createKnowledgeHandlers(knowledge: KnowledgeBase): Pick<Handlers, KnowledgeChannel> {
  return {
    'knowledge:search': (request) => knowledge.search(request),
    'knowledge:article': ({ id }) => knowledge.article(id),
    'knowledge:status': () => knowledge.status(),
  };
}
