import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { PersonRoleSchema, type PersonRole } from '../domain/centre/sign-in';

/**
 * Centre reference data synced to desks (knowledge base, dispatch catalogue,
 * ...): the wire format of `/v1/reference`, shared by the centre service and
 * the desk. A dataset is a set of items keyed by id; an editor publishes a
 * version (upserts and deletions, or a whole replacement), and every item
 * change gets the next `cursor` of its dataset. A desk asks for the changes
 * after the cursor it holds, so it never downloads what it already has.
 */

export const REFERENCE_PATH = '/v1/reference';

export const ReferenceDatasetNameSchema = lazySchema(() => z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, { error: 'A dataset name is lower-case letters, digits and dashes.' }));
/** Item ids are chosen by the editor (article numbers, department codes): printable, no slash. */
export const ReferenceItemIdSchema = lazySchema(() => z.string().min(1).max(128).regex(/^[^\s/]+$/u, { error: 'An item id has no spaces or slashes.' }));
/** A cursor of a dataset's change feed: "0" before anything. */
export const ReferenceCursorSchema = lazySchema(() => z.string().regex(/^(0|[1-9]\d{0,14})$/));

/** `GET /v1/reference`: where each dataset the caller may read stands. */
export const ReferenceHeadSchema = lazySchema(() => z.object({
  dataset: ReferenceDatasetNameSchema,
  /** The newest published version (0: never published). */
  version: z.number().int().nonnegative(),
  /** The newest change's cursor: a desk holding it is up to date. */
  cursor: ReferenceCursorSchema,
  publishedAt: z.number().int().nonnegative().nullable(),
}));
export type ReferenceHead = z.infer<typeof ReferenceHeadSchema>;

export const ReferenceHeadsSchema = lazySchema(() => z.object({
  /** Names the centre's database: a desk moved to another centre starts its copies again. */
  serviceId: z.string().min(1).max(64),
  datasets: z.array(ReferenceHeadSchema),
}));
export type ReferenceHeads = z.infer<typeof ReferenceHeadsSchema>;

/** One item change: the item as now published, or its deletion. */
export const ReferenceChangeSchema = lazySchema(() => z.object({
  id: ReferenceItemIdSchema,
  cursor: ReferenceCursorSchema,
  /** The version that made this change. */
  version: z.number().int().positive(),
  /** Null: deleted (withdrawn) in that version. */
  item: z.unknown().nullable(),
}));
export type ReferenceChange = z.infer<typeof ReferenceChangeSchema>;

/** `GET /v1/reference/:dataset?since=<cursor>&limit=`: the changes after a cursor, oldest first. */
export const ReferencePageSchema = lazySchema(() => z.object({
  dataset: ReferenceDatasetNameSchema,
  /** The dataset's newest version when read. */
  version: z.number().int().nonnegative(),
  changes: z.array(ReferenceChangeSchema),
  /** Ask again with since=nextCursor while hasMore. */
  nextCursor: ReferenceCursorSchema,
  hasMore: z.boolean(),
}));
export type ReferencePage = z.infer<typeof ReferencePageSchema>;

/** `POST /v1/reference/:dataset/versions` (role editor): publishes the next version. */
export const ReferencePublishSchema = lazySchema(() => z
  .object({
    /** Why this version (shown in the version list). */
    note: z.string().max(500).default(''),
    /** The version the editor worked from: another publication since answers 409 version-conflict. */
    baseVersion: z.number().int().nonnegative().optional(),
    /** True: the upserts are the whole dataset, every other item is deleted. */
    replace: z.boolean().default(false),
    upserts: z.array(z.object({ id: ReferenceItemIdSchema, item: z.unknown() }).strict()).max(50_000).default([]),
    deletes: z.array(ReferenceItemIdSchema).max(50_000).default([]),
  })
  .strict());
export type ReferencePublish = z.infer<typeof ReferencePublishSchema>;

export const ReferencePublishedSchema = lazySchema(() => z.object({
  dataset: ReferenceDatasetNameSchema,
  version: z.number().int().positive(),
  cursor: ReferenceCursorSchema,
  /** Items whose content changed (an upsert equal to the current item is not a change). */
  upserted: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
}));
export type ReferencePublished = z.infer<typeof ReferencePublishedSchema>;

export const ReferenceVersionSchema = lazySchema(() => z.object({
  version: z.number().int().positive(),
  cursor: ReferenceCursorSchema,
  publishedAt: z.number().int(),
  publishedBy: z.string().nullable(),
  note: z.string(),
  upserted: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
}));
export type ReferenceVersion = z.infer<typeof ReferenceVersionSchema>;

/** `GET /v1/reference/:dataset/items/:id/history`: every version of one item, newest first. */
export const ReferenceItemVersionSchema = lazySchema(() => z.object({
  version: z.number().int().positive(),
  item: z.unknown().nullable(),
  publishedAt: z.number().int(),
}));
export type ReferenceItemVersion = z.infer<typeof ReferenceItemVersionSchema>;

/**
 * A dataset as both sides know it: its name, the schema of one item (checked
 * by the service on publish and by the desk on arrival) and who may read and
 * publish it. Defined once in src/shared/<feature>/ and registered on both sides.
 */
export interface ReferenceDataset<T> {
  name: string;
  itemSchema: z.ZodType<T>;
  /** Roles that may read it (a desk's agent token reads as agent). */
  readRoles: readonly PersonRole[];
  /** Roles that may publish versions. */
  publishRoles: readonly PersonRole[];
}

export function defineReferenceDataset<T>(dataset: ReferenceDataset<T>): ReferenceDataset<T> {
  ReferenceDatasetNameSchema.parse(dataset.name);
  z.array(PersonRoleSchema).min(1).parse(dataset.readRoles);
  z.array(PersonRoleSchema).min(1).parse(dataset.publishRoles);
  return dataset;
}

/** Most bytes of one item's JSON (an article with a long body fits; a page stays under the desk's 1 MB answer limit). */
export const REFERENCE_ITEM_MAX_BYTES = 64 * 1024;
/** A page stops adding changes past this many bytes of items. */
export const REFERENCE_PAGE_MAX_BYTES = 512 * 1024;
