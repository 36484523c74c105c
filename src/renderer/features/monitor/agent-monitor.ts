import { SessionState, type Info, type Invitation, type Session } from 'sip.js';
import {
  MONITOR_GRANT_HEADER,
  MONITOR_INFO_CONTENT_TYPE,
  MONITOR_MODE_HEADER,
  MonitorModeSchema,
  type MonitorMode,
} from '../../../shared/domain/monitor';
import type { MonitorRedeemReply } from '../../../shared/ipc/contract-monitor';
import { AgentMonitorMix, type PlayToAgent } from './agent-mix';
import { peekClaims, type GrantVerifier } from './grant-check';
import { filledFields, HANDOVER_CONTENT_TYPE, handoverParts } from './handover';
import type { WorkOrderDraft } from '../../../shared/domain/work-order';
import type { TimelineEntry } from '../../../shared/domain/call/timeline';

/** The agent's live call as the monitor sees it (features/phone's SipCall fits). */
export interface LiveCall {
  readonly id: string;
  readonly session: Session;
  readonly answered: boolean;
  /** Wall ms of the answer (the timeline's zero); null before. */
  readonly answeredAt: number | null;
  readonly ended: boolean;
  peerConnection(): RTCPeerConnection | undefined;
  media(): { local: MediaStream | null; remote: MediaStream | null };
  microphoneTracks(): MediaStreamTrack[];
}

/** What the agent is shown: a lead on the call (null: nothing to show). */
export interface AgentMonitorStatus {
  callId: string;
  mode: MonitorMode;
  lead: { name: string; workNumber: string };
}

export interface AgentMonitorDeps {
  liveCall(callId: string): LiveCall | null;
  verifier: GrantVerifier;
  redeem(request: { grant: string; callId: string; mode: MonitorMode; change: boolean }): Promise<MonitorRedeemReply>;
  end(jti: string, callId: string): void;
  /** Registers the stream a session sends instead of the microphone (features/phone's override). */
  sendStream(session: Session, stream: MediaStream | null): void;
  playToAgent: PlayToAgent;
  /** The agent is shown (or no longer shown) that a lead is on the call. */
  onStatus(status: AgentMonitorStatus | null): void;
  /** Take over: the agent's call ends once the caller has moved. */
  endCall(callId: string): Promise<void>;
  /** Take over: the call's draft as the agent has it on screen (null: none). */
  draftOf(callId: string): WorkOrderDraft | null;
  /** Take over: the call's timeline so far (what is still buffered written first). */
  timelineOf(callId: string): Promise<TimelineEntry[]>;
}

interface ActiveMonitor {
  callId: string;
  session: Invitation;
  mix: AgentMonitorMix;
  jti: string;
  lead: { name: string; workNumber: string };
  showListen: boolean;
}

/** How long the take over waits for the lead's desk to take the draft and the timeline. */
const HANDOVER_WAIT_MS = 2_000;

/** The Refer NOTIFY that says the caller's INVITE to the lead succeeded. */
const TRANSFER_DONE = /^SIP\/2\.0\s+2\d\d/m;

/**
 * The agent's desk side of listen / whisper / barge / take over. A monitor
 * INVITE (it carries X-Hotline-Monitor-Grant) never reaches the call board: it
 * is checked (signature here, then redeemed once at the centre, which logs
 * every attempt), refused with 403 and no answer SDP (so no media at all), or
 * answered at once without ringing, sending the lead a mix of the caller and
 * the agent. A mode change is a SIP INFO in that dialog carrying a new grant.
 */
export class AgentMonitor {
  private readonly active = new Map<string, ActiveMonitor>();

  constructor(private readonly deps: AgentMonitorDeps) {}

  /** The phone's invite interceptor: true when the INVITE is a monitor leg (handled here). */
  intercept = (invitation: Invitation): boolean => {
    const grant = invitation.request.getHeader(MONITOR_GRANT_HEADER);
    if (!grant) return false;
    void this.answer(invitation, grant.trim()).catch(() => this.refuse(invitation, 500));
    return true;
  };

  private refuse(invitation: Invitation, statusCode: number): void {
    if (invitation.state === SessionState.Initial) void invitation.reject({ statusCode }).catch(() => undefined);
  }

  private async check(grant: string, callId: string, mode: MonitorMode, change: boolean) {
    const local = await this.deps.verifier.check(grant, { callId, mode });
    // Redeemed even when the local check failed: the centre logs every attempt, and a forged grant never passes there either.
    const central = await this.deps.redeem({ grant, callId, mode, change });
    return local.ok && central.outcome === 'accepted' ? central : null;
  }

  private async answer(invitation: Invitation, grant: string): Promise<void> {
    const modeHeader = MonitorModeSchema.safeParse(invitation.request.getHeader(MONITOR_MODE_HEADER)?.trim());
    const claims = peekClaims(grant);
    const call = claims ? this.deps.liveCall(claims.call) : null;
    const mode = modeHeader.success ? modeHeader.data : null;
    if (!claims || !mode) return this.refuse(invitation, 403);
    if (!call || !call.answered || call.ended) {
      // Still redeemed, so the attempt is in the centre's log.
      await this.deps.redeem({ grant, callId: claims.call, mode, change: false }).catch(() => undefined);
      return this.refuse(invitation, 403);
    }
    if (this.active.has(call.id)) return this.refuse(invitation, 486);
    const accepted = await this.check(grant, call.id, mode, false);
    const pc = call.peerConnection();
    const { remote: callerStream, local: localStream } = call.media();
    if (!accepted || !pc || !callerStream || !localStream || localStream.getAudioTracks().length === 0) return this.refuse(invitation, 403);

    const mix = new AgentMonitorMix({ peerConnection: pc, callerStream, localStream }, this.deps.playToAgent);
    const monitor: ActiveMonitor = { callId: call.id, session: invitation, mix, jti: accepted.jti, lead: accepted.lead, showListen: accepted.showToAgent };
    this.active.set(call.id, monitor);
    this.deps.sendStream(invitation, mix.streamForLead);
    invitation.delegate = { onInfo: (info) => void this.onInfo(monitor, info) };
    const stopWithCall = (state: SessionState) => {
      if (state === SessionState.Terminated) void this.stop(monitor, true);
    };
    call.session.stateChange.addListener(stopWithCall);
    invitation.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        const lead = remoteStreamOf(invitation);
        if (lead) mix.setLeadStream(lead);
        void this.apply(monitor, mode);
      }
      if (state === SessionState.Terminated) {
        call.session.stateChange.removeListener(stopWithCall);
        void this.stop(monitor, false);
      }
    });
    try {
      await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    } catch {
      await this.stop(monitor, false);
    }
  }

  private async onInfo(monitor: ActiveMonitor, info: Info): Promise<void> {
    const body = info.request.body;
    const parsed = (() => {
      try {
        const value = JSON.parse(body) as { grant?: unknown; mode?: unknown };
        const mode = MonitorModeSchema.safeParse(value.mode);
        return typeof value.grant === 'string' && mode.success ? { grant: value.grant, mode: mode.data } : null;
      } catch {
        return null;
      }
    })();
    if (info.request.getHeader('Content-Type')?.split(';')[0]?.trim() !== MONITOR_INFO_CONTENT_TYPE || !parsed) {
      await info.reject({ statusCode: 415 }).catch(() => undefined);
      return;
    }
    const accepted = await this.check(parsed.grant, monitor.callId, parsed.mode, true).catch(() => null);
    if (!accepted) {
      await info.reject({ statusCode: 403 }).catch(() => undefined);
      return;
    }
    monitor.jti = accepted.jti;
    monitor.showListen = accepted.showToAgent;
    await info.accept().catch(() => undefined);
    await this.apply(monitor, parsed.mode);
  }

  private async apply(monitor: ActiveMonitor, mode: MonitorMode): Promise<void> {
    if (mode === 'takeover') {
      this.deps.onStatus({ callId: monitor.callId, mode, lead: monitor.lead });
      await this.takeOver(monitor);
      return;
    }
    await monitor.mix.setMode(mode);
    const shown = mode !== 'listen' || monitor.showListen;
    this.deps.onStatus(shown ? { callId: monitor.callId, mode, lead: monitor.lead } : null);
  }

  /**
   * The caller is sent to the lead: REFER with Replaces naming the monitor
   * dialog, so the caller's new INVITE lands on the lead's desk as the leg it
   * replaces. When the caller reports it connected, the agent's call ends.
   */
  private async takeOver(monitor: ActiveMonitor): Promise<void> {
    const call = this.deps.liveCall(monitor.callId);
    if (!call) return;
    await monitor.mix.setMode('listen');
    await this.handOver(monitor, call);
    await call.session.refer(monitor.session, {
      onNotify: (notification) => {
        void notification.accept().catch(() => undefined);
        if (TRANSFER_DONE.test(notification.request.body)) void this.deps.endCall(monitor.callId);
      },
    });
  }

  /** The draft and the timeline go to the lead's desk first (bounded: the take over does not wait on them for long). */
  private async handOver(monitor: ActiveMonitor, call: LiveCall): Promise<void> {
    const deadline = Date.now() + HANDOVER_WAIT_MS;
    const draft = this.deps.draftOf(call.id);
    const timeline = await Promise.race([
      this.deps.timelineOf(call.id).catch(() => []),
      new Promise<TimelineEntry[]>((resolve) => setTimeout(() => resolve([]), HANDOVER_WAIT_MS / 2)),
    ]);
    if (!draft && timeline.length === 0) return;
    const base = { fromCallId: call.id, fields: draft ? filledFields(draft) : {}, history: { answeredAt: call.answeredAt, takenOverAt: Date.now() } };
    for (const content of handoverParts(base, timeline)) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      const accepted = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), left);
        const done = (ok: boolean) => {
          clearTimeout(timer);
          resolve(ok);
        };
        monitor.session
          .info({
            requestOptions: { body: { contentDisposition: 'render', contentType: HANDOVER_CONTENT_TYPE, content } },
            requestDelegate: { onAccept: () => done(true), onReject: () => done(false) },
          })
          .catch(() => done(false));
      });
      if (!accepted) return;
    }
  }

  private async stop(monitor: ActiveMonitor, byCall: boolean): Promise<void> {
    if (this.active.get(monitor.callId) !== monitor) return;
    this.active.delete(monitor.callId);
    this.deps.onStatus(null);
    this.deps.sendStream(monitor.session, null);
    await monitor.mix.close();
    if (byCall && monitor.session.state === SessionState.Established) await monitor.session.bye().catch(() => undefined);
    this.deps.end(monitor.jti, monitor.callId);
  }
}

function remoteStreamOf(session: Session): MediaStream | null {
  const handler = session.sessionDescriptionHandler as { remoteMediaStream?: MediaStream } | undefined;
  return handler?.remoteMediaStream ?? null;
}
