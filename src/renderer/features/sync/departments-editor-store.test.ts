import { describe, expect, it } from 'vitest';
import { DepartmentListSchema } from '../../../shared/domain/work-order-sync';
import { departmentsToText, parseDepartmentsText } from './departments-editor-store';

describe('department list text', () => {
  it('round-trips a list, skipping blank lines and trimming', () => {
    const list = [
      { id: 'labour-inspection', nameZh: '劳动保障监察支队', nameEn: 'Labour Inspection' },
      { id: 'water-affairs', nameZh: '水务局', nameEn: 'Water Affairs' },
    ];
    const parsed = parseDepartmentsText(`\n${departmentsToText(list)}\n\n  `);
    expect(parsed.errors).toEqual([]);
    expect(parsed.departments).toEqual(list);
    expect(parsed.lines).toEqual([2, 3]);
  });

  it('names the line of a malformed entry, and the schema finds duplicates and bad ids', () => {
    const parsed = parseDepartmentsText('a | 甲 | A\nonly two | parts\nBad Id | 乙 | B\na | 丙 | C');
    expect(parsed.errors).toEqual([{ line: 2, message: 'errors.departmentLine' }]);
    const result = DepartmentListSchema.safeParse(parsed.departments);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(paths).toEqual(expect.arrayContaining(['1.id:errors.departmentId', '2.id:errors.duplicate']));
  });
});
