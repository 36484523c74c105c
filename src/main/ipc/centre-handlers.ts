import type { centreInvokeContract } from '../../shared/ipc/contract-centre';
import type { CentreSession } from '../centre/centre-session';
import type { Handlers } from './router';

type CentreChannel = keyof typeof centreInvokeContract;

/** Sign-in to the centre service (issue 10); the router has checked the sender and parsed every request. */
export function createCentreHandlers(centre: CentreSession): Pick<Handlers, CentreChannel> {
  return {
    'centre:signIn': (request) => centre.signIn(request),
    'centre:signOut': () => centre.signOut(),
    'centre:status': () => centre.status(),
  };
}
