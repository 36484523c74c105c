import { create } from 'zustand';
import { EMPTY_BOARD, frontCall, type CallBoard, type CallView } from '../../../shared/domain/call';

export type { CallView };

interface CallBoardState extends CallBoard {
  /** The call in front of the agent (its audio plays): the one the panels show. */
  call: CallView | null;
}

/**
 * Every call on the desk, from every source: a read-only projection of the
 * call events (reduceCallBoard). The call sessions (call-sessions.ts) are its
 * only writer; the actions are theirs too.
 */
export const useCallBoard = create<CallBoardState>()(() => ({ ...EMPTY_BOARD, call: null }));

export function showBoard(board: CallBoard): void {
  useCallBoard.setState({ calls: board.calls, frontId: board.frontId, call: frontCall(board) });
}
