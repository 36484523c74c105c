import { ringingCall, type CallView } from '../../shared/domain/call';

/** What the check reads of the call board (features/call-session's useCallBoard). */
export interface RingingBoard {
  getState(): { calls: ReadonlyArray<Pick<CallView, 'phase'>> };
  subscribe(listener: () => void): () => void;
}

/**
 * Resolves once no call on the desk is ringing (one that rings is being answered until it is active). A first call may
 * come at any moment after registering: work that is only made ahead (the lazy parts, the device list) waits for it,
 * so it holds up neither the ring nor the Answer.
 */
export function untilNoCallRinging(board: RingingBoard): Promise<void> {
  const ringing = () => ringingCall(board.getState()) !== null;
  if (!ringing()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = board.subscribe(() => {
      if (ringing()) return;
      unsubscribe();
      resolve();
    });
  });
}
