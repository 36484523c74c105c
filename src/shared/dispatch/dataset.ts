import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { defineReferenceDataset } from '../reference-data/protocol';
import { DepartmentIdSchema } from '../domain/work-order';
import {
  CATALOGUE_LIMITS,
  DispatchCatalogueSchema,
  DispatchDepartmentSchema,
  DispatchRegionSchema,
  SharedMatterSchema,
  type DispatchCatalogue,
  type DispatchDepartment,
  type DispatchRegion,
  type SharedMatter,
} from './catalogue';

/**
 * The dispatch catalogue as centre reference data (src/shared/reference-data):
 * one item per department, region and shared matter, plus the city and the
 * departments' order, so a
 * changed department reaches the desks as one item. The service publishes a
 * whole catalogue checked as a whole (services/workorder/dispatch); the desk
 * puts the items back together with `catalogueFromItems`.
 */

export const DISPATCH_DATASET_NAME = 'dispatch-catalogue';

export const CatalogueItemSchema = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('city'), nameZh: z.string().trim().min(1).max(64), nameEn: z.string().trim().min(1).max(128) }).strict(),
  z.object({ kind: z.literal('region'), region: DispatchRegionSchema }).strict(),
  z.object({ kind: z.literal('department'), department: DispatchDepartmentSchema }).strict(),
  z.object({ kind: z.literal('shared'), shared: SharedMatterSchema }).strict(),
  /** The departments' order as the centre wrote it (items travel in id order): one item, so a new department changes two. */
  z.object({ kind: z.literal('order'), departmentIds: z.array(DepartmentIdSchema).max(CATALOGUE_LIMITS.departments) }).strict(),
]));
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;

/** Every agent reads it (suggestions and the department list); editors and admins publish it. */
export const DISPATCH_CATALOGUE_DATASET = defineReferenceDataset<CatalogueItem>({
  name: DISPATCH_DATASET_NAME,
  itemSchema: CatalogueItemSchema,
  readRoles: ['agent', 'lead', 'trainer', 'admin', 'editor', 'inspector'],
  publishRoles: ['editor', 'admin'],
});

export function catalogueToItems(catalogue: DispatchCatalogue): { id: string; item: CatalogueItem }[] {
  return [
    { id: 'city', item: { kind: 'city', nameZh: catalogue.city.nameZh, nameEn: catalogue.city.nameEn } },
    ...catalogue.regions.map((region) => ({ id: `region:${region.id}`, item: { kind: 'region' as const, region } })),
    ...catalogue.departments.map((department) => ({ id: `department:${department.id}`, item: { kind: 'department' as const, department } })),
    ...catalogue.sharedMatters.map((shared) => ({ id: `shared:${shared.id}`, item: { kind: 'shared' as const, shared } })),
    { id: 'order', item: { kind: 'order', departmentIds: catalogue.departments.map((d) => d.id) } },
  ];
}

/**
 * The catalogue from the desk's items, departments in the order the centre wrote them.
 * A copy caught between two pages of a publication may name a department it
 * does not hold yet: such references are dropped rather than the whole
 * catalogue. Null when there is no department at all (never published).
 */
export function catalogueFromItems(items: readonly CatalogueItem[]): DispatchCatalogue | null {
  let city = { nameZh: '—', nameEn: '—' };
  const regions: DispatchRegion[] = [];
  const departments: DispatchDepartment[] = [];
  const shared: SharedMatter[] = [];
  let order: string[] = [];
  for (const item of items) {
    if (item.kind === 'city') city = { nameZh: item.nameZh, nameEn: item.nameEn };
    else if (item.kind === 'region') regions.push(item.region);
    else if (item.kind === 'department') departments.push(item.department);
    else if (item.kind === 'shared') shared.push(item.shared);
    else order = item.departmentIds;
  }
  if (departments.length === 0) return null;
  // The centre's order; a department the order item does not name yet goes last, by id.
  const place = new Map(order.map((id, index) => [id, index]));
  departments.sort((a, b) => (place.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (place.get(b.id) ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id));
  const regionIds = new Set(regions.map((r) => r.id));
  const departmentIds = new Set(departments.map((d) => d.id));
  const seenMatters = new Set<string>();
  const keepMatter = (id: string) => !seenMatters.has(id) && (seenMatters.add(id), true);
  const parsed = DispatchCatalogueSchema.safeParse({
    city,
    regions,
    departments: departments.map((d) => ({
      ...d,
      parentId: d.parentId !== null && departmentIds.has(d.parentId) && d.parentId !== d.id ? d.parentId : null,
      regions: d.regions.filter((r) => regionIds.has(r)),
      matters: d.matters.filter((m) => keepMatter(m.id)),
    })),
    sharedMatters: shared
      .filter((s) => departmentIds.has(s.leadId) && keepMatter(s.id))
      .map((s) => ({ ...s, helperIds: s.helperIds.filter((h) => departmentIds.has(h) && h !== s.leadId) }))
      .filter((s) => s.helperIds.length > 0),
  });
  return parsed.success ? parsed.data : null;
}
