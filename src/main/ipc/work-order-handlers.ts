import { fail } from '../../shared/ipc/envelope';
import type { Handlers } from './router';
import type { workOrderInvokeContract } from '../../shared/ipc/contract-work-orders';
import type { WorkOrdersRepo } from '../work-orders/repo';
import type { DepartmentsRepo } from '../work-orders/departments';
import type { WorkOrderSync } from '../work-orders/sync';

type WorkOrderChannel = keyof typeof workOrderInvokeContract;

export interface WorkOrderHandlerDeps {
  workOrders: WorkOrdersRepo;
  departments: DepartmentsRepo;
  sync: WorkOrderSync;
}

const notEditable = (state: string) =>
  fail('invalid-payload', `A ${state} work order cannot be changed now`, [{ path: '', message: 'errors.notEditable' }]);

/**
 * Work orders (issue 5). Every write is committed to SQLite (WAL,
 * synchronous=FULL) before the handler returns, so an acknowledged edit is durable.
 */
export function createWorkOrderHandlers(deps: WorkOrderHandlerDeps): Pick<Handlers, WorkOrderChannel> {
  const { workOrders, departments, sync } = deps;
  const changed = (id: string) => sync.changed([id]);
  return {
    'workOrders:create': ({ callerPhone }) => workOrders.create(callerPhone),
    'workOrders:get': ({ id }) => workOrders.get(id) ?? fail('not-found', `No work order ${id}`),
    'workOrders:save': ({ id, fields }) => {
      const outcome = workOrders.save(id, fields);
      if (outcome.kind === 'not-found') return fail('not-found', `No work order ${id}`);
      if (outcome.kind === 'not-editable') return notEditable(outcome.state);
      return { id: outcome.id, revision: outcome.revision, updatedAt: outcome.updatedAt };
    },
    'workOrders:submit': ({ id }) => {
      const outcome = workOrders.submit(id, departments.ids());
      if (outcome.kind === 'not-found') return fail('not-found', `No work order ${id}`);
      if (outcome.kind === 'not-editable') return notEditable(outcome.state);
      if (outcome.kind === 'invalid') return fail('invalid-payload', 'The work order is not complete', outcome.issues);
      if (outcome.kind === 'practice-checked') return outcome.view;
      changed(id);
      sync.kick();
      return outcome.view;
    },
    'workOrders:resolveConflict': ({ id, choice }) => {
      const outcome = workOrders.resolveConflict(id, choice);
      if (outcome.kind === 'not-found') return fail('not-found', `No work order ${id}`);
      if (outcome.kind === 'no-conflict') {
        return fail('invalid-payload', 'This work order has no conflict to resolve', [{ path: '', message: 'errors.noConflict' }]);
      }
      changed(id);
      sync.kick();
      return outcome.view;
    },
    'workOrders:close': ({ id }) => ({ discarded: workOrders.closeIfUntouched(id) }),
    'workOrders:listUnsent': () => workOrders.listUnsent(),
    'workOrders:list': ({ limit }) => workOrders.list(limit),
    'workOrders:departments': () => departments.list(),
    'workOrders:setDepartments': ({ departments: list }) => {
      departments.write(list);
      sync.departmentsChanged();
      return departments.list();
    },
    'sync:overview': () => sync.overview(),
    'workOrderService:get': () => sync.serviceView(),
    'workOrderService:save': ({ url, token }) => {
      if (!sync.saveService(url, token)) {
        return fail('invalid-payload', 'A token is required for a remote work-order service', [{ path: 'token', message: 'errors.required' }]);
      }
      return sync.serviceView();
    },
  };
}
