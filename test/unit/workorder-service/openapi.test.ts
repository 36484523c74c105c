import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  OUT_OF_SCOPE_REASONS,
  SCOPE_DECISIONS,
  URGENCIES,
  WORK_ORDER_DOMAINS,
  WORK_ORDER_LIMITS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  WorkOrderSubmitSchema,
} from '../../../src/shared/domain/work-order';

// js-yaml comes with electron-builder (not a direct dependency); only this doc test uses it.
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };
const root = join(import.meta.dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walked by key below
const doc = yaml.load(readFileSync(join(root, 'docs/workorder-api.openapi.yaml'), 'utf8')) as any;
const schemas = doc.components.schemas;
const enumOf = (schema: { enum?: string[]; oneOf?: { enum?: string[] }[] }) => schema.enum ?? schema.oneOf?.find((s) => s.enum)?.enum;

describe('docs/workorder-api.openapi.yaml', () => {
  it('is OpenAPI 3.1 and documents every route', () => {
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'put', 'post', 'delete', 'patch'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /healthz',
        'POST /v1/work-orders',
        'POST /v1/work-orders:batch',
        'GET /v1/work-orders',
        'GET /v1/work-orders/{id}',
        'PUT /v1/work-orders/{id}',
        'POST /v1/work-orders/{id}/status',
        'GET /v1/changes',
      ].sort(),
    );
  });

  it('uses the same enums and limits as the shared schema', () => {
    const fields = schemas.WorkOrderFields.properties;
    expect(enumOf(fields.type)).toEqual([...WORK_ORDER_TYPES]);
    expect(enumOf(fields.domain)).toEqual([...WORK_ORDER_DOMAINS]);
    expect(enumOf(fields.urgency)).toEqual([...URGENCIES]);
    expect(enumOf(schemas.Scope.properties.decision)).toEqual([...SCOPE_DECISIONS]);
    expect(enumOf(schemas.Scope.properties.reason)).toEqual([...OUT_OF_SCOPE_REASONS]);
    expect(enumOf(schemas.WorkOrderStatus)).toEqual([...WORK_ORDER_STATUSES]);
    expect(fields.summary.maxLength).toBe(WORK_ORDER_LIMITS.summary);
    expect(fields.description.maxLength).toBe(WORK_ORDER_LIMITS.description);
    expect(fields.callerPhone.maxLength).toBe(WORK_ORDER_LIMITS.phone);
    expect(fields.departmentIds.maxItems).toBe(WORK_ORDER_LIMITS.departments);
    expect(Object.keys(fields).sort()).toEqual(Object.keys(WorkOrderSubmitSchema.shape).sort());
  });

  it('its example is a valid submission', () => {
    expect(WorkOrderSubmitSchema.safeParse(schemas.WorkOrderFields.example).success).toBe(true);
  });

  it('lists every error code the service can answer', () => {
    const source = ['service.ts', 'http.ts', 'admission.ts']
      .map((file) => readFileSync(join(root, 'services/workorder', file), 'utf8'))
      .join('\n');
    const codes = new Set([
      ...[...source.matchAll(/new HttpError\(\s*\d{3},\s*'([a-z-]+)'/g)].map((m) => m[1]),
      // Per-item codes of the batch create.
      ...[...source.matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]),
    ]);
    expect(codes.size).toBeGreaterThan(10);
    expect([...codes].filter((code) => !schemas.Error.properties.error.properties.code.enum.includes(code))).toEqual([]);
  });
});
