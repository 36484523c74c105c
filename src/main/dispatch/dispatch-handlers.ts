import { learnFromOutcomes } from '../../shared/dispatch/learning';
import { fail } from '../../shared/ipc/envelope';
import type { Handlers } from '../ipc/router';
import type { DispatchCatalogueSource } from './catalogue-source';
import type { DispatchLog } from './dispatch-log';

export interface DispatchHandlerDeps {
  source: DispatchCatalogueSource;
  log: DispatchLog;
  now?: () => number;
}

type DispatchChannels = 'dispatch:catalogue' | 'dispatch:recordChoice' | 'dispatch:choice';

/** The dispatch channels (contract-dispatch.ts): the desk's catalogue with what its outcomes taught, and the agent's choices. */
export function createDispatchHandlers(deps: DispatchHandlerDeps): Pick<Handlers, DispatchChannels> {
  const now = deps.now ?? Date.now;
  return {
    'dispatch:catalogue': () => ({ ...deps.source.current(), learning: learnFromOutcomes(deps.log.pastDispatches()) }),
    'dispatch:recordChoice': (choice) => {
      try {
        deps.log.recordChoice(choice, now());
      } catch (error) {
        // The work order is not on this desk (its foreign key): nothing to keep.
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return fail('not-found', 'No such work order on this desk.');
        throw error;
      }
      return { done: true } as const;
    },
    'dispatch:choice': ({ workOrderId }) => deps.log.get(workOrderId),
  };
}
