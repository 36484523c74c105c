import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { KnowledgeArticleSchema } from './article';

/** What the desk's knowledge pane asks and gets back (IPC, validated both ways). */

const HighlightedSchema = lazySchema(() => z.array(z.object({ text: z.string().max(2_000), hit: z.boolean() })).max(400));

export const KnowledgeSearchRequestSchema = lazySchema(() => z.object({
  query: z.string().max(200),
  limit: z.number().int().min(1).max(50).default(10),
  /** Expired articles are never offered as current; true lists them too, marked expired (for checking an old answer). */
  includeExpired: z.boolean().default(false),
  /** Categories to rank first (from the work order's domain); nothing is left out for them. */
  categories: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
}));
export type KnowledgeSearchRequest = z.input<typeof KnowledgeSearchRequestSchema>;

export const KnowledgeHitSchema = lazySchema(() => z.object({
  id: z.string(),
  title: HighlightedSchema,
  /** The body's best matching passage, highlighted. */
  passage: HighlightedSchema,
  /** The same passage as plain text (what goes into a reply). */
  passageText: z.string().max(2_000),
  department: z.string(),
  policy: z.string(),
  region: z.string(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  validity: z.enum(['current', 'not-yet', 'expired']),
  sourceDocument: z.string(),
  sourceNumber: z.string(),
}));
export type KnowledgeHit = z.infer<typeof KnowledgeHitSchema>;

export const KnowledgeCopyStatusSchema = lazySchema(() => z.object({
  /** Articles on this desk. */
  count: z.number().int().nonnegative(),
  /** The centre's version the copy holds (0: never synced). */
  version: z.number().int().nonnegative(),
  /** When the desk last knew its copy was up to date (null: never). */
  checkedAt: z.number().int().nullable(),
}));
export type KnowledgeCopyStatus = z.infer<typeof KnowledgeCopyStatusSchema>;

export const KnowledgeSearchResultSchema = lazySchema(() => z.object({
  hits: z.array(KnowledgeHitSchema).max(50),
  tookMs: z.number().nonnegative(),
  copy: KnowledgeCopyStatusSchema,
}));
export type KnowledgeSearchResult = z.infer<typeof KnowledgeSearchResultSchema>;

export const KnowledgeArticleViewSchema = lazySchema(() => z.object({
  article: KnowledgeArticleSchema,
  validity: z.enum(['current', 'not-yet', 'expired']),
}));
export type KnowledgeArticleView = z.infer<typeof KnowledgeArticleViewSchema>;
