import type { CallOffered } from '../../../shared/domain/call';
import type { WorkOrderView } from '../../../shared/domain/work-order-sync';
import { afterPaint } from '../../base/perf-marks';
import { TimelineRecorder } from '../../base/timeline-recorder';
import type { TimelineWriter } from '../../base/timeline-writer';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';
import { guidanceDesk, readWorkOrder, type GuidanceSession } from '../guidance';
import { NO_CALLER, type CallerContextState } from '../history';
import { workOrderDesk, type WorkOrderEditor } from '../work-order';
import type { CallSource, DeskCallEvent } from './call-source';
import type { LedgerReporter } from './ledger-reporter';
import { WorkOrderTrail } from './work-order-trail';

export interface SessionDeps {
  ledger: LedgerReporter;
  timeline: TimelineWriter;
  departmentName(id: string): string;
}

/**
 * One call, from ringing to the agent closing it: it owns that call's
 * guidance (its own engine), timeline, work-order editor and caller context.
 * Sessions of several calls (a live call, a practice call, a monitor leg)
 * live side by side; nothing of one reaches another.
 */
export class CallSession {
  readonly callId: string;
  readonly timeline: TimelineRecorder;
  readonly guidance: GuidanceSession;
  readonly workOrder: WorkOrderEditor;
  private callerState: CallerContextState;
  private readonly callerListeners = new Set<() => void>();
  private readonly offs: (() => void)[] = [];
  /** The work order's edits on the timeline, for the replay (issue 13). */
  private readonly trail: WorkOrderTrail;
  private ended = false;
  private disposed = false;

  constructor(
    readonly offered: CallOffered,
    readonly source: CallSource,
    private readonly deps: SessionDeps,
  ) {
    this.callId = offered.callId;
    this.timeline = new TimelineRecorder(offered.callId, offered.at, deps.timeline);
    this.guidance = guidanceDesk.createSession(offered.callId, offered.caller.number, this.timeline, offered.practice);
    this.workOrder = workOrderDesk.createEditor(offered.callId);
    this.trail = new WorkOrderTrail(this.timeline);
    let fields = this.workOrder.state.fields;
    this.offs.push(
      this.workOrder.subscribe(() => {
        const next = this.workOrder.state;
        if (next.fields === fields || next.id === null) return;
        fields = next.fields;
        this.trail.changed(next.fields);
        this.guidance.workOrder(readWorkOrder(next.fields, deps.departmentName));
      }),
      // An emergency prompt in this call raises its work order's urgency (the editor decides once per prompt).
      this.guidance.subscribe(() => {
        const fired = this.guidance.state.emergencyFired;
        if (fired) this.workOrder.raiseUrgency(fired);
      }),
    );
    const phone = offered.caller.number.trim();
    this.callerState = { ...NO_CALLER, callId: offered.callId, phone, loading: phone !== '' };
    deps.ledger.ringing({
      type: 'ringing',
      id: offered.callId,
      direction: offered.direction,
      remoteNumber: offered.caller.number,
      remoteName: offered.caller.name,
      startedAt: offered.at,
      practice: offered.practice,
      consultFor: offered.consultFor,
    });
    // Asked once the ringing panel is on screen: the look-up (IPC, then its own render) must not delay it.
    if (phone !== '') afterPaint(() => void this.lookUpCaller(phone));
  }

  get caller(): CallerContextState {
    return this.callerState;
  }

  subscribeCaller(listener: () => void): () => void {
    this.callerListeners.add(listener);
    return () => this.callerListeners.delete(listener);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** One event of this call, as its source reported it. */
  handle(event: DeskCallEvent): void {
    if (this.disposed) return;
    switch (event.type) {
      case 'answered':
        this.timeline.answered(event.at);
        this.guidance.answered(event.at, event.media);
        void this.openDraft(event.at);
        break;
      case 'held':
        this.guidance.held();
        break;
      case 'resumed':
        this.guidance.resumed();
        break;
      case 'ended':
        this.end(event);
        break;
      default:
        break;
    }
  }

  /** The agent is done with the call (its panel closed, or a new call replaced it): save and let go. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const off of this.offs) off();
    this.callerListeners.clear();
    guidanceDesk.release(this.guidance);
    await workOrderDesk.release(this.workOrder);
    this.trail.flush();
    await this.timeline.flush();
  }

  private end(event: Extract<DeskCallEvent, { type: 'ended' }>): void {
    if (this.ended) return;
    this.ended = true;
    this.trail.flush();
    this.timeline.end();
    void this.guidance.end();
    void this.workOrder.flush();
    void this.deps.ledger.ended({
      type: 'ended',
      id: this.callId,
      endedAt: event.at,
      outcome: event.outcome,
      endedBy: event.endedBy,
      quality: event.quality,
    });
  }

  private async openDraft(answeredAt: number): Promise<void> {
    const offered = this.offered;
    const load = this.deps.ledger.answered({
      type: 'answered',
      id: this.callId,
      direction: offered.direction,
      remoteNumber: offered.caller.number,
      remoteName: offered.caller.name,
      startedAt: offered.at,
      practice: offered.practice,
      consultFor: offered.consultFor,
      answeredAt,
    });
    // A consultation leg has no draft of its own: the pane keeps the caller's (CallSessions.show).
    // A practice call has its own, marked practice by main (never queued, never synced).
    if (offered.consultFor !== null) return;
    await this.workOrder.open(async () => {
      const view: WorkOrderView | null = await load;
      if (!view) throw new Error('The call ledger opened no work order');
      return view;
    });
  }

  private async lookUpCaller(phone: string): Promise<void> {
    try {
      const context = await unwrap(bridge().calls.callerContext({ callId: this.callId, number: phone }));
      if (this.disposed) return;
      this.setCaller({ loading: false, entries: context.workOrders, previousCalls: context.previousCalls, serviceReachable: context.serviceReachable });
      this.guidance.repeatCaller(context.previousCalls, context.lastSummary);
    } catch (error) {
      if (!this.disposed) this.setCaller({ loading: false, error: errorKeyOf(error) });
    }
  }

  private setCaller(change: Partial<CallerContextState>): void {
    this.callerState = { ...this.callerState, ...change };
    for (const listener of this.callerListeners) listener();
  }
}
