import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkOrderDomainSchema } from '../src/shared/domain/work-order';
import { DispatchCatalogueSchema, type DispatchCatalogue } from '../src/shared/dispatch/catalogue';
import { learnFromOutcomes, type LearningStats, type PastDispatch } from '../src/shared/dispatch/learning';
import { buildDispatchIndex, suggestDepartments, type DispatchIndex, type IndexOptions } from '../src/shared/dispatch/suggest';

/**
 * The labelled sample (scripts/dispatch-sample.mjs) and how the engine does on
 * it: shared by the bench (npm run bench -- dispatch) and the unit test that
 * keeps the accuracy from sliding back.
 */

export const LabelledOrderSchema = z
  .object({
    id: z.string(),
    split: z.enum(['tune', 'test']),
    summary: z.string(),
    description: z.string(),
    type: z.string(),
    domain: WorkOrderDomainSchema.nullable(),
    district: z.string(),
    address: z.string(),
    departmentId: z.string(),
    helperIds: z.array(z.string()),
    matterId: z.string(),
  })
  .strict();
export type LabelledOrder = z.infer<typeof LabelledOrderSchema>;

export function loadDispatchSample(root: string): { catalogue: DispatchCatalogue; orders: LabelledOrder[] } {
  const read = (name: string) => JSON.parse(readFileSync(join(root, 'assets', 'dispatch', name), 'utf8')) as unknown;
  const catalogue = DispatchCatalogueSchema.parse(read('catalogue.json'));
  const orders = z.object({ orders: z.array(LabelledOrderSchema) }).parse(read('labelled-orders.json')).orders;
  return { catalogue, orders };
}

export interface Accuracy {
  orders: number;
  top1: number;
  top3: number;
  /** Shared matters: the lead first and every expected helper named. */
  sharedComplete: number;
  shared: number;
  misses: { id: string; expected: string; got: string[] }[];
}

export function accuracyOf(index: DispatchIndex, orders: readonly LabelledOrder[], learning?: LearningStats): Accuracy {
  let top1 = 0;
  let top3 = 0;
  let shared = 0;
  let sharedComplete = 0;
  const misses: Accuracy['misses'] = [];
  for (const order of orders) {
    const ids = suggestDepartments(index, order, { limit: 5, learning }).map((s) => s.departmentId);
    const first = suggestDepartments(index, order, { limit: 1, learning })[0];
    if (ids[0] === order.departmentId) top1 += 1;
    else misses.push({ id: order.id, expected: order.departmentId, got: ids.slice(0, 3) });
    if (ids.slice(0, 3).includes(order.departmentId)) top3 += 1;
    if (order.helperIds.length > 0) {
      shared += 1;
      const helpers = new Set(first?.helpers.map((h) => h.id) ?? []);
      if (first?.departmentId === order.departmentId && order.helperIds.every((h) => helpers.has(h))) sharedComplete += 1;
    }
  }
  return { orders: orders.length, top1: top1 / orders.length, top3: top3 / orders.length, shared, sharedComplete, misses };
}

/**
 * Outcomes as the centre would report them for the tune split: the engine's
 * first suggestion accepted when it was right, else re-dispatched to the label.
 * Learning reads only these, never the test split.
 */
export function simulatedOutcomes(index: DispatchIndex, orders: readonly LabelledOrder[]): PastDispatch[] {
  return orders.map((order) => {
    const first = suggestDepartments(index, order, { limit: 1 })[0];
    const chosen = first?.departmentId ?? order.departmentId;
    return {
      matterId: first?.reason.matter.id ?? null,
      chosenDepartmentId: chosen,
      outcome: chosen === order.departmentId ? 'accepted' : 'redispatched',
      finalDepartmentIds: [order.departmentId],
    };
  });
}

export function evaluate(catalogue: DispatchCatalogue, orders: readonly LabelledOrder[], options: IndexOptions = {}) {
  const index = buildDispatchIndex(catalogue, options);
  const tune = orders.filter((o) => o.split === 'tune');
  const test = orders.filter((o) => o.split === 'test');
  const learning = learnFromOutcomes(simulatedOutcomes(index, tune));
  return {
    index,
    tune: accuracyOf(index, tune),
    test: accuracyOf(index, test),
    testLearned: accuracyOf(index, test, learning),
  };
}
