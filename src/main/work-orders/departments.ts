import type Database from 'better-sqlite3';
import { SettingsTable } from '../store/settings-table';
import { DepartmentListSchema, type Department } from '../../shared/domain/work-order-sync';

/**
 * Typical departments a municipal 12345 centre dispatches to. A centre replaces
 * the list in settings (key `workOrders.departments`); ids are what work orders store.
 */
export const DEFAULT_DEPARTMENTS: readonly Department[] = [
  { id: 'housing-construction', nameZh: '住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development' },
  { id: 'human-resources', nameZh: '人力资源和社会保障局', nameEn: 'Human Resources and Social Security' },
  { id: 'labour-inspection', nameZh: '劳动保障监察支队', nameEn: 'Labour Inspection' },
  { id: 'market-regulation', nameZh: '市场监督管理局', nameEn: 'Market Regulation' },
  { id: 'ecology-environment', nameZh: '生态环境局', nameEn: 'Ecology and Environment' },
  { id: 'urban-management', nameZh: '城市管理局', nameEn: 'Urban Management' },
  { id: 'transport', nameZh: '交通运输局', nameEn: 'Transport' },
  { id: 'public-security', nameZh: '公安局', nameEn: 'Public Security' },
  { id: 'health', nameZh: '卫生健康委员会', nameEn: 'Health Commission' },
  { id: 'education', nameZh: '教育局', nameEn: 'Education' },
  { id: 'civil-affairs', nameZh: '民政局', nameEn: 'Civil Affairs' },
  { id: 'natural-resources', nameZh: '规划和自然资源局', nameEn: 'Planning and Natural Resources' },
  { id: 'water-affairs', nameZh: '水务局', nameEn: 'Water Affairs' },
  { id: 'emergency-management', nameZh: '应急管理局', nameEn: 'Emergency Management' },
  { id: 'medical-insurance', nameZh: '医疗保障局', nameEn: 'Medical Insurance' },
  { id: 'district-government', nameZh: '区（县）人民政府', nameEn: 'District (County) Government' },
  { id: 'street-office', nameZh: '街道办事处', nameEn: 'Street Office' },
  { id: 'utilities', nameZh: '供水供电供气企业', nameEn: 'Water, Power and Gas Utilities' },
];

export const DEPARTMENTS_SETTING = 'workOrders.departments';

/** The centre's department list from settings, or the default when none (or a broken one) is stored. */
export class DepartmentsRepo {
  private readonly table: SettingsTable;
  private catalogue: () => Department[] | null = () => null;

  constructor(db: Database.Database) {
    this.table = new SettingsTable(db);
  }

  /** While the dispatch catalogue (src/main/dispatch) holds departments, they are the list; the stored one waits behind it. */
  useCatalogue(provider: () => Department[] | null): void {
    this.catalogue = provider;
  }

  list(): Department[] {
    const fromCatalogue = this.catalogue();
    if (fromCatalogue && fromCatalogue.length > 0) return fromCatalogue;
    const parsed = DepartmentListSchema.safeParse(this.table.read(DEPARTMENTS_SETTING));
    if (parsed.success) return parsed.data;
    return DEFAULT_DEPARTMENTS.map((d) => ({ ...d }));
  }

  ids(): string[] {
    return this.list().map((d) => d.id);
  }

  write(departments: readonly Department[]): void {
    const list = DepartmentListSchema.parse(departments);
    this.table.write(DEPARTMENTS_SETTING, list);
  }
}
