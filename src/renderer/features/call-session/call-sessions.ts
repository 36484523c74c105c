import { clearEndedCall, EMPTY_BOARD, frontCall, reduceCallBoard, ringingCall, type CallBoard, type CallView } from '../../../shared/domain/call';
import { guidanceDesk } from '../guidance';
import { showCallerContext } from '../history';
import { workOrderDesk } from '../work-order';
import { showBoard } from './call-board-store';
import { CallSession, type SessionDeps } from './call-session';
import type { CallSource, DeskCallEvent } from './call-source';

/**
 * The desk's calls: every source's events arrive here, each call gets its
 * session at ringing, the board (what the screens show) is the projection of
 * the events, and the session of the call in front is what the guidance,
 * work-order and caller panes show. Actions on a call go to the source that
 * owns it.
 */
export class CallSessions {
  private board: CallBoard = EMPTY_BOARD;
  private readonly sessions = new Map<string, CallSession>();
  private readonly owners = new Map<string, CallSource>();
  private readonly listeners = new Set<(event: DeskCallEvent) => void>();
  private shownId: string | null = null;
  private unsubscribeCaller: (() => void) | null = null;

  constructor(private readonly deps: SessionDeps) {}

  /** Starts taking a source's calls; returns the detach. */
  attach(source: CallSource): () => void {
    return source.listen((event) => this.onEvent(source, event));
  }

  /** Every call event of every source, after the sessions and the board took it (edges for other features). */
  onCallEvent(listener: (event: DeskCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  session(callId: string): CallSession | undefined {
    return this.sessions.get(callId);
  }

  /** Sessions alive now (calls in progress, and the finished call still in front). */
  all(): CallSession[] {
    return [...this.sessions.values()];
  }

  calls(): CallView[] {
    return this.board.calls;
  }

  front(): CallView | null {
    return frontCall(this.board);
  }

  /** The agent closed a finished call's panel. */
  clearEnded(callId: string): void {
    this.setBoard(clearEndedCall(this.board, callId));
  }

  // ---- The agent's actions, to the source that owns the call -------------------------

  answer(callId?: string): Promise<void> {
    return this.route(callId ?? this.ringingId(), (source, id) => source.answer(id), undefined);
  }

  decline(callId?: string): Promise<void> {
    return this.route(callId ?? this.ringingId(), (source, id) => source.decline(id), undefined);
  }

  hangup(callId?: string): Promise<void> {
    return this.route(callId ?? this.liveFront(), (source, id) => source.hangup(id), undefined);
  }

  hold(callId?: string): Promise<boolean> {
    return this.route(callId ?? this.liveFront(), (source, id) => source.hold(id), false);
  }

  resume(callId?: string): Promise<boolean> {
    const held = this.board.calls.find((c) => c.hold === 'held' && c.phase === 'active')?.id;
    return this.route(callId ?? held, (source, id) => source.resume(id), false);
  }

  setMuted(muted: boolean, callId?: string): void {
    const id = callId ?? this.liveFront();
    if (id) this.owners.get(id)?.setMuted(id, muted);
  }

  // ---- Internals ---------------------------------------------------------------------

  /** Runs `act` on the source that owns the call; `none` when there is no such call. */
  private route<T>(callId: string | undefined, act: (source: CallSource, callId: string) => Promise<T>, none: T): Promise<T> {
    const source = callId ? this.owners.get(callId) : undefined;
    return source && callId ? act(source, callId) : Promise.resolve(none);
  }

  private ringingId(): string | undefined {
    return ringingCall(this.board)?.id;
  }

  private liveFront(): string | undefined {
    const front = frontCall(this.board);
    return front && front.phase !== 'ended' ? front.id : this.board.calls.find((c) => c.phase !== 'ended')?.id;
  }

  private onEvent(source: CallSource, event: DeskCallEvent): void {
    if (event.type === 'ringing' && !this.sessions.has(event.callId)) {
      this.owners.set(event.callId, source);
      this.sessions.set(event.callId, new CallSession(event, source, this.deps));
    }
    this.sessions.get(event.callId)?.handle(event);
    this.setBoard(reduceCallBoard(this.board, event));
    for (const listener of this.listeners) listener(event);
  }

  private setBoard(board: CallBoard): void {
    this.board = board;
    showBoard(board);
    // A session lives as long as its call is on the board.
    for (const [callId, session] of this.sessions) {
      if (board.calls.some((call) => call.id === callId)) continue;
      this.sessions.delete(callId);
      this.owners.delete(callId);
      if (this.shownId === callId) this.show(null);
      void session.dispose();
    }
    const front = board.frontId ? (this.sessions.get(board.frontId) ?? null) : null;
    if ((front?.callId ?? null) !== this.shownId) this.show(front);
  }

  /** The panes show the session of the call in front. */
  private show(session: CallSession | null): void {
    this.shownId = session?.callId ?? null;
    this.unsubscribeCaller?.();
    this.unsubscribeCaller = null;
    guidanceDesk.show(session?.guidance ?? null);
    // While the agent consults a colleague, the work order on screen stays the caller's (not the consultation's).
    const consulted = session?.offered.consultFor ? this.sessions.get(session.offered.consultFor) : undefined;
    if (session) workOrderDesk.show((consulted ?? session).workOrder);
    showCallerContext(session?.caller ?? null);
    if (session) this.unsubscribeCaller = session.subscribeCaller(() => showCallerContext(session.caller));
  }
}
