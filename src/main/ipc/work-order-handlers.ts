import { fail } from '../../shared/ipc/envelope';
import type { Handlers } from './router';
import { workOrderInvokeContract } from '../../shared/ipc/contract-work-orders';

type WorkOrderChannel = keyof typeof workOrderInvokeContract;

/** Placeholder until the work-order store lands: every channel answers with a clear error. */
export function createWorkOrderHandlers(): Pick<Handlers, WorkOrderChannel> {
  const notYet = () => fail('internal', 'Work orders are not available in this build yet');
  return Object.fromEntries(
    Object.keys(workOrderInvokeContract).map((channel) => [channel, notYet]),
  ) as unknown as Pick<Handlers, WorkOrderChannel>;
}
