import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';

/**
 * A knowledge-base article (知识库条目): what an agent reads out to a caller,
 * with where it comes from (the department and policy, the source document
 * and its number) and when it holds. Kept by the centre, synced to desks.
 */

const IsoDateSchema = lazySchema(() => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'A date is YYYY-MM-DD.' }));

export const KnowledgeArticleIdSchema = lazySchema(() => z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'An article number is letters, digits, dots, dashes.' }));

export const KnowledgeArticleSchema = lazySchema(() => z
  .object({
    id: KnowledgeArticleIdSchema,
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(20_000),
    keywords: z.array(z.string().trim().min(1).max(32)).max(40).default([]),
    /** The department whose matter it is (a name as agents say it, e.g. 市医保局). */
    department: z.string().trim().min(1).max(64),
    /** The policy it comes from (e.g. 城乡居民基本医疗保险). */
    policy: z.string().trim().max(200).default(''),
    /** The matter's category as work orders name it (e.g. 医疗保障), for filling the search from a work order. */
    category: z.string().trim().max(64).default(''),
    validFrom: IsoDateSchema.nullable().default(null),
    /** Null: no end. The day after it the article is expired and never offered as current. */
    validUntil: IsoDateSchema.nullable().default(null),
    region: z.string().trim().min(1).max(64).default('全市'),
    sourceDocument: z.string().trim().max(200).default(''),
    sourceNumber: z.string().trim().max(100).default(''),
  })
  .strict()
  .refine((a) => a.validFrom === null || a.validUntil === null || a.validFrom <= a.validUntil, {
    error: 'validUntil is before validFrom.',
    path: ['validUntil'],
  }));
export type KnowledgeArticle = z.infer<typeof KnowledgeArticleSchema>;
export type KnowledgeArticleInput = z.input<typeof KnowledgeArticleSchema>;

export type Validity = 'current' | 'not-yet' | 'expired';

/** Where an article stands on `today` (YYYY-MM-DD, the desk's local date). */
export function validityOn(article: Pick<KnowledgeArticle, 'validFrom' | 'validUntil'>, today: string): Validity {
  if (article.validUntil !== null && article.validUntil < today) return 'expired';
  if (article.validFrom !== null && article.validFrom > today) return 'not-yet';
  return 'current';
}

/** The local calendar date of an epoch ms, YYYY-MM-DD. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
