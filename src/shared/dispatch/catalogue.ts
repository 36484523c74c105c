import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { DepartmentIdSchema, WorkOrderDomainSchema } from '../domain/work-order';

/**
 * The centre's dispatch catalogue (派单目录): what each department takes, built
 * from its list of powers and duties (权责清单). Kept by the centre service with
 * versions, synced to every desk, read by the suggestion engine (suggest.ts) and
 * the work-order form's department list. One schema for the service, the desk
 * copy and the sample in assets/dispatch/.
 */

export const CATALOGUE_LIMITS = {
  departments: 500,
  mattersPerDepartment: 200,
  keywordsPerMatter: 64,
  keyword: 32,
  regions: 200,
  sharedMatters: 500,
  helpers: 8,
} as const;

const slug = lazySchema(() => z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'Use lower-case letters, digits, dot, dash or underscore.' }));
const zh = lazySchema(() => z.string().trim().min(1).max(64));
const en = lazySchema(() => z.string().trim().min(1).max(128));
const keywords = lazySchema(() => z.array(z.string().trim().min(1).max(CATALOGUE_LIMITS.keyword)).min(1).max(CATALOGUE_LIMITS.keywordsPerMatter));

/** A district or other area a department covers (区、县、开发区). */
export const DispatchRegionSchema = lazySchema(() => z
  .object({
    id: slug,
    nameZh: zh,
    nameEn: en,
    /** Other ways callers and agents name it (东湖, 东湖新区). */
    aliases: z.array(zh).max(16).default([]),
  })
  .strict());
export type DispatchRegion = z.infer<typeof DispatchRegionSchema>;

/** One line of a department's 权责清单, with the words that point to it. */
export const DispatchMatterSchema = lazySchema(() => z
  .object({
    id: slug,
    nameZh: zh,
    nameEn: en,
    keywords,
    /** The work-order domain this matter usually falls in (a hint, not a filter). */
    domain: WorkOrderDomainSchema.optional(),
  })
  .strict());
export type DispatchMatter = z.infer<typeof DispatchMatterSchema>;

export const DispatchDepartmentSchema = lazySchema(() => z
  .object({
    id: DepartmentIdSchema.min(1),
    nameZh: zh,
    nameEn: en,
    /** Short names (住建局 for 住房和城乡建设局). */
    aliases: z.array(zh).max(16).default([]),
    /** The department this one is a sub-unit of (支队、大队、分公司), or null. */
    parentId: DepartmentIdSchema.nullable().default(null),
    /** Region ids it covers; empty: the whole city. */
    regions: z.array(slug).max(CATALOGUE_LIMITS.regions).default([]),
    matters: z.array(DispatchMatterSchema).max(CATALOGUE_LIMITS.mattersPerDepartment),
  })
  .strict());
export type DispatchDepartment = z.infer<typeof DispatchDepartmentSchema>;

/** A matter several departments handle together (协同): one leads, the others help. */
export const SharedMatterSchema = lazySchema(() => z
  .object({
    id: slug,
    nameZh: zh,
    nameEn: en,
    keywords,
    domain: WorkOrderDomainSchema.optional(),
    leadId: DepartmentIdSchema,
    helperIds: z.array(DepartmentIdSchema).min(1).max(CATALOGUE_LIMITS.helpers),
  })
  .strict());
export type SharedMatter = z.infer<typeof SharedMatterSchema>;

export const DispatchCatalogueSchema = lazySchema(() => z
  .object({
    city: z.object({ nameZh: zh, nameEn: en }).strict(),
    regions: z.array(DispatchRegionSchema).max(CATALOGUE_LIMITS.regions),
    departments: z.array(DispatchDepartmentSchema).min(1).max(CATALOGUE_LIMITS.departments),
    sharedMatters: z.array(SharedMatterSchema).max(CATALOGUE_LIMITS.sharedMatters).default([]),
  })
  .strict()
  .superRefine((catalogue, ctx) => {
    const regionIds = new Set<string>();
    catalogue.regions.forEach((region, index) => {
      if (regionIds.has(region.id)) ctx.addIssue({ code: 'custom', path: ['regions', index, 'id'], message: `Region ${region.id} is listed twice.` });
      regionIds.add(region.id);
    });
    const departmentIds = new Set<string>();
    catalogue.departments.forEach((department, index) => {
      if (departmentIds.has(department.id)) {
        ctx.addIssue({ code: 'custom', path: ['departments', index, 'id'], message: `Department ${department.id} is listed twice.` });
      }
      departmentIds.add(department.id);
    });
    const matterIds = new Set<string>();
    const matter = (id: string, path: (string | number)[]) => {
      if (matterIds.has(id)) ctx.addIssue({ code: 'custom', path, message: `Matter ${id} is listed twice.` });
      matterIds.add(id);
    };
    catalogue.departments.forEach((department, index) => {
      if (department.parentId !== null && !departmentIds.has(department.parentId)) {
        ctx.addIssue({ code: 'custom', path: ['departments', index, 'parentId'], message: `No department ${department.parentId}.` });
      }
      if (department.parentId === department.id) {
        ctx.addIssue({ code: 'custom', path: ['departments', index, 'parentId'], message: 'A department is not its own sub-unit.' });
      }
      department.regions.forEach((region, r) => {
        if (!regionIds.has(region)) ctx.addIssue({ code: 'custom', path: ['departments', index, 'regions', r], message: `No region ${region}.` });
      });
      department.matters.forEach((m, mi) => matter(m.id, ['departments', index, 'matters', mi, 'id']));
    });
    catalogue.sharedMatters.forEach((shared, index) => {
      matter(shared.id, ['sharedMatters', index, 'id']);
      [shared.leadId, ...shared.helperIds].forEach((id, n) => {
        if (!departmentIds.has(id)) {
          const path = n === 0 ? ['sharedMatters', index, 'leadId'] : ['sharedMatters', index, 'helperIds', n - 1];
          ctx.addIssue({ code: 'custom', path, message: `No department ${id}.` });
        }
      });
      if (new Set([shared.leadId, ...shared.helperIds]).size !== shared.helperIds.length + 1) {
        ctx.addIssue({ code: 'custom', path: ['sharedMatters', index, 'helperIds'], message: 'The lead and helpers must be different departments.' });
      }
    });
  }));
export type DispatchCatalogue = z.infer<typeof DispatchCatalogueSchema>;
/** What an editor sends (defaults not yet filled in). */
export type DispatchCatalogueInput = z.input<typeof DispatchCatalogueSchema>;

/** The catalogue's departments as the work-order form's department list. */
export function catalogueDepartmentList(catalogue: DispatchCatalogue): { id: string; nameZh: string; nameEn: string }[] {
  return catalogue.departments.map((d) => ({ id: d.id, nameZh: d.nameZh, nameEn: d.nameEn }));
}
