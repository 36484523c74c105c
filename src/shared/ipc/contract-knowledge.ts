import { z } from 'zod';
import { KnowledgeArticleIdSchema } from '../knowledge/article';
import {
  KnowledgeArticleViewSchema,
  KnowledgeCopyStatusSchema,
  KnowledgeSearchRequestSchema,
  KnowledgeSearchResultSchema,
} from '../knowledge/search';
import { Empty } from './contract-parts';

/** The knowledge base (issue 15): search the desk's copy (offline too), open an article, the copy's status. */
export const knowledgeInvokeContract = {
  'knowledge:search': { request: KnowledgeSearchRequestSchema, reply: KnowledgeSearchResultSchema },
  'knowledge:article': { request: z.object({ id: KnowledgeArticleIdSchema }), reply: KnowledgeArticleViewSchema.nullable() },
  'knowledge:status': { request: Empty, reply: KnowledgeCopyStatusSchema },
} as const;
