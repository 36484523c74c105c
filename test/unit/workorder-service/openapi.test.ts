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
import { CENTRE_CALLS_PATH, CentreCallQuerySchema, PLAYBACKS_PATH, PlaybackQuerySchema } from '../../../src/shared/review/centre-review';
import { derivedSchemas } from './openapi-derived-schemas';

// js-yaml comes with electron-builder (not a direct dependency); only this doc test uses it.
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };
const root = join(import.meta.dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walked by key below
const doc = yaml.load(readFileSync(join(root, 'docs/workorder-api.openapi.yaml'), 'utf8')) as any;
const schemas = doc.components.schemas;
const enumOf = (schema: { enum?: string[]; oneOf?: { enum?: string[] }[] }) => schema.enum ?? schema.oneOf?.find((s) => s.enum)?.enum;

describe('docs/workorder-api.openapi.yaml', () => {
  it('is OpenAPI 3.1 (every route it documents, and only those, is what the service answers: openapi-routes.test.ts)', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents case review and recordings with the zod schemas their routes parse with', () => {
    const derived = derivedSchemas();
    expect(Object.keys(derived).length).toBeGreaterThan(10);
    for (const [id, schema] of Object.entries(derived)) expect({ id, schema: schemas[id] }).toEqual({ id, schema });
    // The query parameters of the call list and the playback log, by name.
    const queryOf = (path: string) => (doc.paths[path].get.parameters as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name).sort();
    expect(queryOf(CENTRE_CALLS_PATH)).toEqual(Object.keys(CentreCallQuerySchema.shape).sort());
    expect(queryOf(PLAYBACKS_PATH)).toEqual(Object.keys(PlaybackQuerySchema.shape).sort());
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
    const source = ['service.ts', 'request-server.ts', 'routes.ts', 'work-order-handlers.ts', 'http.ts', 'admission.ts', ...['people', 'floor', 'reviews', 'recordings'].flatMap((dir) => readdirSync(join(root, 'services/workorder', dir)).map((f) => `${dir}/${f}`))]
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(root, 'services/workorder', file), 'utf8'))
      .join('\n');
    const codes = new Set([
      ...[...source.matchAll(/new HttpError\(\s*\d{3},\s*'([a-z_-]+)'/g)].map((m) => m[1]),
      // The people admin refusals, mapped to their own codes by admin-routes.ts.
      ...[...source.matchAll(/new PeopleAdminError\('([a-z-]+)'/g)].map((m) => m[1]).filter((code) => code !== 'invalid'),
      // Per-item codes of the batch create.
      ...[...readFileSync(join(root, 'services/workorder/work-order-handlers.ts'), 'utf8').matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]),
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
