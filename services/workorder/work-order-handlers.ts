import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ChangeStatusRequestSchema, IdempotencyKeySchema, WorkOrderIdSchema, normalizePhone } from '../../src/shared/domain/work-order';
import type { ChangesPage, WorkOrderDraft, WorkOrderRecord } from '../../src/shared/domain/work-order';
import { HttpError, ifMatchVersion, readJsonBody, sendJson } from './http';
import type { NewWorkOrder, Principal, StatusOutcome, UpdateOutcome, WorkOrderStore } from './store/store';

// The work orders and their change feed (`/v1/work-orders`, `/v1/changes`): what each request
// means, checked and answered; routes.ts says which path and method reaches which handler.

/** Most work orders one `POST /v1/work-orders:batch` may carry. */
export const BATCH_MAX_ITEMS = 100;

/** What a work-order handler works with: the signed-in caller, the request's deadline and the service's limits. */
export interface WorkOrderContext {
  store: WorkOrderStore;
  principal: Principal;
  /** Epoch ms after which the client has given up (nothing is committed past it). */
  deadline: number;
  now: () => number;
  bodyLimit: number;
  batchBodyLimit: number;
  createSchema: z.ZodType<{ fields: WorkOrderDraft }>;
}

export type WorkOrderHandler = (ctx: WorkOrderContext, req: IncomingMessage, res: ServerResponse, params: string[], query: URLSearchParams) => Promise<void>;

const HISTORY_LIMIT = { default: 20, max: 100 };
const CHANGES_LIMIT = { default: 100, max: 500 };

function issuesOf(error: z.ZodError): { path: string; message: string; code: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpError(422, 'invalid-payload', 'The body does not match the schema; nothing was changed.', { issues: issuesOf(result.error) });
}

function recordHeaders(record: WorkOrderRecord): Record<string, string> {
  return { etag: `"${record.version}"` };
}

function workOrderId(params: string[]): string {
  const id = params[0] ?? '';
  // An id that cannot exist is answered like one that belongs to another team.
  if (!WorkOrderIdSchema.safeParse(id).success) throw notFound();
  return id;
}

const notFound = () => new HttpError(404, 'not-found', 'No such work order.');

/** The refusals an edit and a status change share: no such work order (in this team), or it changed since the client read it. */
function refuseMissingOrStale<O extends UpdateOutcome | StatusOutcome>(outcome: O): asserts outcome is Exclude<O, { kind: 'not-found' | 'conflict' }> {
  if (outcome.kind === 'not-found') throw notFound();
  if (outcome.kind === 'conflict') {
    throw new HttpError(409, 'version-conflict', 'The work order changed since you read it; here is the current copy.', {
      current: outcome.current,
    });
  }
}

function intParam(query: URLSearchParams, name: string, limits: { default: number; max: number }): number {
  const raw = query.get(name);
  if (raw === null) return limits.default;
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new HttpError(400, 'invalid-query', `${name} must be a positive integer.`);
  return Math.min(Number(raw), limits.max);
}

/** The canonical request: the parsed body (schema key order), so formatting does not matter. */
function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export const createWorkOrder: WorkOrderHandler = async (ctx, req, res) => {
  const rawKey = req.headers['idempotency-key'];
  if (rawKey === undefined || rawKey === '') {
    await readJsonBody(req, ctx.bodyLimit).catch(() => undefined);
    throw new HttpError(400, 'missing-idempotency-key', 'Send an Idempotency-Key header (a UUID made with the draft).');
  }
  if (Array.isArray(rawKey) || !IdempotencyKeySchema.safeParse(rawKey).success) {
    throw new HttpError(400, 'invalid-idempotency-key', 'The Idempotency-Key must be a UUID.');
  }
  const idempotencyKey = rawKey.toLowerCase();
  const body = parseOrThrow(ctx.createSchema, await readJsonBody(req, ctx.bodyLimit));
  const outcome = await ctx.store.createWorkOrder({
    id: randomUUID(),
    idempotencyKey,
    requestHash: requestHash(body),
    teamId: ctx.principal.teamId,
    agentId: ctx.principal.agentId,
    fields: body.fields,
    at: ctx.now(),
  }, { deadline: ctx.deadline });
  if (outcome.kind === 'key-reused') {
    throw new HttpError(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was already used with a different body; nothing was changed. Use a new key for a new work order.',
    );
  }
  const headers = { ...recordHeaders(outcome.record), location: `/v1/work-orders/${outcome.record.id}` };
  sendJson(res, 201, outcome.record, outcome.kind === 'replayed' ? { ...headers, 'idempotent-replayed': 'true' } : headers);
};

/** The batch envelope; each item is checked on its own, so one bad item does not sink the others. */
const BatchEnvelopeSchema = z
  .object({
    items: z
      .array(z.unknown())
      .min(1, { error: 'errors.required' })
      .max(BATCH_MAX_ITEMS, { error: `At most ${BATCH_MAX_ITEMS} items per batch.` }),
  })
  .strict();
const BatchItemShapeSchema = z.object({ idempotencyKey: IdempotencyKeySchema, fields: z.unknown() }).strict();

type BatchItemResult =
  | { status: 201; replayed: boolean; workOrder: WorkOrderRecord }
  | { status: 400 | 422; error: { code: string; message: string; issues?: { path: string; message: string; code: string }[] } };

/**
 * `POST /v1/work-orders:batch`: up to BATCH_MAX_ITEMS creates in one
 * transaction (one commit). Every item carries its own idempotency key and gets
 * exactly the answer the single create would give it (created, replayed,
 * rejected with its issues, key reused), in item order, under 200.
 */
export const createWorkOrderBatch: WorkOrderHandler = async (ctx, req, res) => {
  const envelope = parseOrThrow(BatchEnvelopeSchema, await readJsonBody(req, ctx.batchBodyLimit));
  const results: (BatchItemResult | null)[] = [];
  const inputs: NewWorkOrder[] = [];
  const slots: number[] = [];
  envelope.items.forEach((raw, index) => {
    const shape = BatchItemShapeSchema.safeParse(raw);
    if (!shape.success) {
      results.push({
        status: 400,
        error: { code: 'invalid-item', message: 'Each item is { idempotencyKey: UUID, fields }.', issues: issuesOf(shape.error) },
      });
      return;
    }
    // The same body a single create sends, so a key first used there replays here and back.
    const body = ctx.createSchema.safeParse({ fields: shape.data.fields });
    if (!body.success) {
      results.push({
        status: 422,
        error: { code: 'invalid-payload', message: 'The item does not match the schema; it was not created.', issues: issuesOf(body.error) },
      });
      return;
    }
    results.push(null);
    slots.push(index);
    inputs.push({
      id: randomUUID(),
      idempotencyKey: shape.data.idempotencyKey.toLowerCase(),
      requestHash: requestHash(body.data),
      teamId: ctx.principal.teamId,
      agentId: ctx.principal.agentId,
      fields: body.data.fields,
      at: ctx.now(),
    });
  });
  const outcomes = inputs.length > 0 ? await ctx.store.createWorkOrders(inputs, { deadline: ctx.deadline }) : [];
  outcomes.forEach((outcome, n) => {
    const index = slots[n] as number;
    results[index] =
      outcome.kind === 'key-reused'
        ? {
            status: 422,
            error: {
              code: 'idempotency-key-reused',
              message: 'This Idempotency-Key was already used with a different body; it was not created. Use a new key for a new work order.',
            },
          }
        : { status: 201, replayed: outcome.kind === 'replayed', workOrder: outcome.record };
  });
  sendJson(res, 200, { results });
};

export const getWorkOrder: WorkOrderHandler = async (ctx, _req, res, params) => {
  const record = await ctx.store.getWorkOrder(ctx.principal.teamId, workOrderId(params));
  if (!record) throw notFound();
  sendJson(res, 200, record, recordHeaders(record));
};

export const listWorkOrders: WorkOrderHandler = async (ctx, _req, res, _params, query) => {
  const phone = query.get('phone');
  if (phone === null || phone.trim() === '' || phone.length > 64) {
    throw new HttpError(400, 'invalid-query', 'Give the caller number as ?phone=.');
  }
  const limit = intParam(query, 'limit', HISTORY_LIMIT);
  const workOrders = await ctx.store.listByPhone(ctx.principal.teamId, normalizePhone(phone.trim()), limit, { deadline: ctx.deadline });
  sendJson(res, 200, { workOrders });
};

export const updateWorkOrder: WorkOrderHandler = async (ctx, req, res, params) => {
  const id = workOrderId(params);
  const expectedVersion = ifMatchVersion(req);
  if (expectedVersion === null) {
    await readJsonBody(req, ctx.bodyLimit).catch(() => undefined);
    throw new HttpError(428, 'if-match-required', 'Send If-Match with the version you edited (the ETag).');
  }
  const body = parseOrThrow(ctx.createSchema, await readJsonBody(req, ctx.bodyLimit));
  const outcome = await ctx.store.updateWorkOrder({
    teamId: ctx.principal.teamId,
    id,
    expectedVersion,
    fields: body.fields,
    agentId: ctx.principal.agentId,
    at: ctx.now(),
  }, { deadline: ctx.deadline });
  refuseMissingOrStale(outcome);
  switch (outcome.kind) {
    case 'closed':
      throw new HttpError(409, 'work-order-closed', 'A closed work order cannot be edited.', { current: outcome.current });
    case 'updated':
      sendJson(res, 200, outcome.record, recordHeaders(outcome.record));
  }
};

export const changeStatus: WorkOrderHandler = async (ctx, req, res, params) => {
  const id = workOrderId(params);
  const expectedVersion = ifMatchVersion(req);
  const raw = await readJsonBody(req, ctx.bodyLimit);
  if (ctx.principal.role !== 'centre') {
    throw new HttpError(403, 'forbidden', 'Only centre tokens change a work order status.');
  }
  const body = parseOrThrow(ChangeStatusRequestSchema, raw);
  const outcome = await ctx.store.changeStatus({
    teamId: ctx.principal.teamId,
    id,
    expectedVersion,
    status: body.status,
    note: body.note,
    agentId: ctx.principal.agentId,
    at: ctx.now(),
  }, { deadline: ctx.deadline });
  refuseMissingOrStale(outcome);
  switch (outcome.kind) {
    case 'invalid-transition':
      throw new HttpError(409, 'invalid-transition', `A ${outcome.current.status} work order cannot become ${body.status}.`, {
        current: outcome.current,
      });
    case 'changed':
      sendJson(res, 200, outcome.record, recordHeaders(outcome.record));
  }
};

export const listChanges: WorkOrderHandler = async (ctx, _req, res, _params, query) => {
  let since = query.get('since') ?? '0';
  // A new desk needs only what happens from now on (it has no orders of this
  // service yet): 'head' is the team's newest cursor, without reading the year.
  if (since === 'head') since = String(await ctx.store.headCursor(ctx.principal.teamId));
  else if (/^(0|[1-9]\d{0,14})$/.test(since) && Number(since) < (await ctx.store.feedHorizon(ctx.principal.teamId))) {
    // Retention deleted changes after this cursor: the client would miss them without knowing.
    throw new HttpError(410, 'cursor-expired', 'The feed no longer has the changes after this cursor (retention); start again from since=head.');
  }
  if (!/^(0|[1-9]\d{0,14})$/.test(since)) throw new HttpError(400, 'invalid-cursor', 'since must be a cursor from this feed.');
  const limit = intParam(query, 'limit', CHANGES_LIMIT);
  // One extra row tells whether there is more.
  const rows = await ctx.store.listChanges(ctx.principal.teamId, Number(since), limit + 1, { deadline: ctx.deadline });
  const changes = rows.slice(0, limit);
  const page: ChangesPage = { changes, nextCursor: changes.at(-1)?.cursor ?? since, hasMore: rows.length > limit };
  sendJson(res, 200, page);
};
