import { readFileSync, readdirSync } from 'node:fs';
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
import {
  ME_PATH,
  PERSON_ROLES,
  PersonSchema,
  SIGN_IN_ERROR_CODES,
  SIGN_IN_PATH,
  SignInRequestSchema,
  SignInResponseSchema,
} from '../../../src/shared/domain/centre/sign-in';
import { CALL_PHASES, FLOOR_COUNT_KEYS, FLOOR_PROMPT_KINDS, FloorStateReportSchema, OVERRUN_KINDS } from '../../../src/shared/domain/floor';
import { AGENT_STATUSES } from '../../../src/shared/domain/agent-state';
import { CategoryAccuracySchema, DispatchOutcomeSchema, DispatchRecordSchema } from '../../../src/shared/dispatch/wire';
import { DISPATCH_OUTCOMES } from '../../../src/shared/dispatch/learning';

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
        'POST /v1/sign-in',
        'GET /v1/me',
        'POST /v1/sign-out',
        'GET /v1/teams',
        'GET /v1/teams/{teamId}/people',
        'POST /v1/admin/sign-in',
        'GET /v1/admin/people',
        'POST /v1/admin/people',
        'PATCH /v1/admin/people/{workNumber}',
        'GET /v1/admin/sessions',
        'POST /v1/admin/people/{workNumber}/password',
        'POST /v1/admin/people/{workNumber}/sign-out',
        'PUT /v1/admin/people/{workNumber}/sip',
        'DELETE /v1/admin/people/{workNumber}/sip',
        'PUT /v1/admin/people/{workNumber}/disabled',
        'GET /v1/admin/teams',
        'GET /v1/admin/centre',
        'PATCH /v1/admin/centre',
        'PUT /v1/admin/departments',
        'POST /v1/admin/teams',
        'POST /v1/floor/state',
        'GET /v1/floor',
        'GET /v1/floor/events',
        'GET /v1/dispatch/catalogue',
        'POST /v1/dispatch/catalogue',
        'POST /v1/dispatch/records',
        'POST /v1/dispatch/outcomes',
        'GET /v1/dispatch/outcomes',
        'GET /v1/dispatch/accuracy',
        'GET /v1/reference',
        'GET /v1/reference/{dataset}',
        'GET /v1/reference/{dataset}/versions',
        'POST /v1/reference/{dataset}/versions',
        'GET /v1/reference/{dataset}/items/{id}/history',
        'POST /v1/practice/results',
        'GET /v1/practice/results',
        'GET /v1/practice/overview',
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
    const source = ['service.ts', 'http.ts', 'admission.ts', ...readdirSync(join(root, 'services/workorder/people')).map((f) => `people/${f}`), ...readdirSync(join(root, 'services/workorder/floor')).map((f) => `floor/${f}`)]
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(root, 'services/workorder', file), 'utf8'))
      .join('\n');
    const codes = new Set([
      ...[...source.matchAll(/new HttpError\(\s*\d{3},\s*'([a-z_-]+)'/g)].map((m) => m[1]),
      // The people admin refusals, mapped to their own codes by admin-routes.ts.
      ...[...source.matchAll(/new PeopleAdminError\('([a-z-]+)'/g)].map((m) => m[1]).filter((code) => code !== 'invalid'),
      // Per-item codes of the batch create.
      ...[...readFileSync(join(root, 'services/workorder/service.ts'), 'utf8').matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]),
    ]);
    expect(codes.size).toBeGreaterThan(10);
    expect([...codes].filter((code) => !schemas.Error.properties.error.properties.code.enum.includes(code))).toEqual([]);
  });

  it('documents the sign-in contract of src/shared/domain/centre/sign-in.ts', () => {
    expect(schemas.PersonRole.enum).toEqual([...PERSON_ROLES]);
    const codes = schemas.Error.properties.error.properties.code.enum as string[];
    expect(SIGN_IN_ERROR_CODES.filter((code) => !codes.includes(code))).toEqual([]);
    expect(Object.keys(schemas.SignInRequest.properties).sort()).toEqual(Object.keys(SignInRequestSchema.shape).sort());
    expect(Object.keys(schemas.SignInResponse.properties).sort()).toEqual(Object.keys(SignInResponseSchema.shape).sort());
    expect(Object.keys(schemas.Person.properties).sort()).toEqual(Object.keys(PersonSchema.shape).sort());
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([SIGN_IN_PATH, ME_PATH]));
  });

  it('documents the dispatch contract of src/shared/dispatch/wire.ts', () => {
    expect(Object.keys(schemas.DispatchRecord.properties).sort()).toEqual(Object.keys(DispatchRecordSchema.shape).sort());
    expect(Object.keys(schemas.DispatchOutcome.properties).sort()).toEqual(Object.keys(DispatchOutcomeSchema.shape).sort());
    expect(schemas.DispatchOutcomeReport.properties.outcome.enum).toEqual([...DISPATCH_OUTCOMES]);
    expect(Object.keys(schemas.DispatchCategoryAccuracy.properties).sort()).toEqual(Object.keys(CategoryAccuracySchema.shape).sort());
  });

  it('documents the floor contract of src/shared/domain/floor.ts', () => {
    const report = schemas.FloorStateReport.properties;
    expect(Object.keys(report).sort()).toEqual(Object.keys(FloorStateReportSchema.shape).sort());
    expect(report.agentState.enum).toEqual([...AGENT_STATUSES]);
    expect(report.callPhase.enum).toEqual([...CALL_PHASES]);
    expect(report.prompts.items.enum).toEqual([...FLOOR_PROMPT_KINDS]);
    expect(report.overruns.items.enum).toEqual([...OVERRUN_KINDS]);
    expect([...schemas.FloorCounts.required].sort()).toEqual([...FLOOR_COUNT_KEYS].sort());
  });
});
