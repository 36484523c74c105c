import { describe, expect, it } from 'vitest';
import { DispatchCatalogueSchema, catalogueDepartmentList, type DispatchCatalogueInput } from '../../../src/shared/dispatch/catalogue';
import { loadDispatchSample } from '../../../bench/dispatch-eval';

const root = process.cwd();

function small(): DispatchCatalogueInput {
  return {
    city: { nameZh: '云州市', nameEn: 'Yunzhou' },
    regions: [{ id: 'donghu', nameZh: '东湖区', nameEn: 'Donghu' }],
    departments: [
      { id: 'urban-management', nameZh: '城市管理局', nameEn: 'Urban Management', matters: [{ id: 'um-vending', nameZh: '占道经营', nameEn: 'Street vending', keywords: ['摆摊'] }] },
      { id: 'sanitation', nameZh: '环卫处', nameEn: 'Sanitation', parentId: 'urban-management', regions: ['donghu'], matters: [] },
    ],
    sharedMatters: [{ id: 'fumes', nameZh: '油烟', nameEn: 'Fumes', keywords: ['油烟'], leadId: 'urban-management', helperIds: ['sanitation'] }],
  };
}

const messages = (input: unknown) => {
  const parsed = DispatchCatalogueSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('dispatch catalogue schema', () => {
  it('takes the bundled sample: about 40 departments with matters, regions, sub-units and shared matters', () => {
    const { catalogue } = loadDispatchSample(root);
    expect(catalogue.departments.length).toBeGreaterThanOrEqual(40);
    expect(catalogue.departments.every((d) => d.matters.length > 0)).toBe(true);
    expect(catalogue.departments.some((d) => d.parentId !== null)).toBe(true);
    expect(catalogue.departments.some((d) => d.regions.length > 0)).toBe(true);
    expect(catalogue.sharedMatters.length).toBeGreaterThan(0);
    expect(catalogueDepartmentList(catalogue)[0]).toEqual({ id: 'housing-construction', nameZh: '住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development' });
  });

  it('fills defaults: no aliases, no parent, the whole city', () => {
    const parsed = DispatchCatalogueSchema.parse(small());
    expect(parsed.departments[0]).toMatchObject({ aliases: [], parentId: null, regions: [] });
  });

  it('refuses a department listed twice, with the path', () => {
    const input = small();
    input.departments.push({ ...input.departments[0]!, matters: [] });
    expect(messages(input)).toContain('departments.2.id: Department urban-management is listed twice.');
  });

  it('refuses a sub-unit of a missing department, an unknown region and a matter id used twice', () => {
    const input = small();
    input.departments[1] = { ...input.departments[1]!, parentId: 'nobody', regions: ['xishan'], matters: [{ id: 'um-vending', nameZh: '摆摊', nameEn: 'Stalls', keywords: ['摊'] }] };
    expect(messages(input)).toEqual(
      expect.arrayContaining(['departments.1.parentId: No department nobody.', 'departments.1.regions.0: No region xishan.', 'departments.1.matters.0.id: Matter um-vending is listed twice.']),
    );
  });

  it('refuses a shared matter whose lead is unknown or helps itself', () => {
    const unknownLead = small();
    unknownLead.sharedMatters![0] = { ...unknownLead.sharedMatters![0]!, leadId: 'police' };
    expect(messages(unknownLead)).toContain('sharedMatters.0.leadId: No department police.');
    const self = small();
    self.sharedMatters![0] = { ...self.sharedMatters![0]!, helperIds: ['urban-management'] };
    expect(messages(self)).toContain('sharedMatters.0.helperIds: The lead and helpers must be different departments.');
  });

  it('refuses ids a work order could not store, empty keyword lists and unknown fields', () => {
    const input = small() as unknown as { departments: Record<string, unknown>[] };
    input.departments[0] = { ...input.departments[0], id: 'Urban Management', matters: [{ id: 'x', nameZh: '某', nameEn: 'X', keywords: [] }], phone: '1' };
    const issues = messages(input);
    expect(issues.some((m) => m.startsWith('departments.0.id'))).toBe(true);
    expect(issues.some((m) => m.startsWith('departments.0.matters.0.keywords'))).toBe(true);
    expect(issues.some((m) => m.startsWith('departments.0: Unrecognized key') || m.includes('phone'))).toBe(true);
  });
});
