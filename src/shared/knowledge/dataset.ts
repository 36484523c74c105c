import { defineReferenceDataset } from '../reference-data/protocol';
import { KnowledgeArticleSchema, type KnowledgeArticle } from './article';

/** The knowledge base as centre reference data: every agent reads it, editors publish it. */
export const KNOWLEDGE_DATASET = defineReferenceDataset<KnowledgeArticle>({
  name: 'knowledge',
  itemSchema: KnowledgeArticleSchema,
  readRoles: ['agent', 'lead', 'trainer', 'admin', 'editor', 'inspector'],
  publishRoles: ['editor'],
});
