import { Inviter, SessionState, type Invitation, type Session, type URI, type UserAgent } from 'sip.js';
import {
  MONITOR_GRANT_HEADER,
  MONITOR_INFO_CONTENT_TYPE,
  MONITOR_MODE_HEADER,
  type GrantRequest,
  type MonitorMode,
} from '../../../shared/domain/monitor';
import type { MonitorGrantReply } from '../../../shared/ipc/contract-monitor';
import { HANDOVER_CONTENT_TYPE, mergeHandover, parseHandover, type Handover } from './handover';

export type LeadMonitorPhase = 'asking' | 'connecting' | 'on' | 'changing' | 'ended' | 'failed';

export interface LeadMonitorState {
  agentPersonId: string;
  callId: string;
  mode: MonitorMode;
  phase: LeadMonitorPhase;
  /** Why it failed: the centre's refusal reason, or the SIP status of the agent's desk ('sip-403'). */
  failure: string | null;
  /** Clicked; the lead hears the call (the first audio arrived); for the bench's click-to-hear. */
  clickedAt: number;
  heardAt: number | null;
}

export interface LeadMonitorDeps {
  userAgent(): UserAgent | null;
  makeUri(text: string): URI | undefined;
  grant(request: GrantRequest): Promise<MonitorGrantReply>;
  end(jti: string, callId: string): void;
  /** The lead's microphone (the desk's chosen device). */
  microphone(): Promise<MediaStream>;
  sendStream(session: Session, stream: MediaStream | null): void;
  /** Plays the monitored call to the lead (null: stop). */
  playToLead(stream: MediaStream | null): void;
  /** Resolves when `stream` carries sound (the lead hears the call). */
  heard(stream: MediaStream): Promise<void>;
  onState(state: LeadMonitorState): void;
  now(): number;
}

/** Modes in which the lead's microphone is live; in listen it is off from the start (the leg starts muted). */
const speaks = (mode: MonitorMode) => mode !== 'listen';

/**
 * The lead's desk side of one monitor leg: ask the centre for a grant, send
 * the agent's desk an INVITE carrying it (the leg is not a call on the lead's
 * call board), hear the mix it sends; a mode change asks for a new grant and
 * carries it in a SIP INFO on the same dialog, so the leg is never dropped.
 */
export class LeadMonitor {
  private session: Inviter | null = null;
  private mic: MediaStream | null = null;
  private jti: string | null = null;
  private state: LeadMonitorState;
  /** Take over: the draft and the timeline the agent's desk sent before moving the caller (its parts merged). */
  handover: Handover | null = null;

  constructor(
    private readonly deps: LeadMonitorDeps,
    agentPersonId: string,
    callId: string,
  ) {
    this.state = { agentPersonId, callId, mode: 'listen', phase: 'ended', failure: null, clickedAt: 0, heardAt: null };
  }

  get current(): LeadMonitorState {
    return this.state;
  }

  /** True for the lead's monitor dialog that an INVITE with Replaces names (take over). */
  owns(session: Session): boolean {
    return session === this.session;
  }

  private set(change: Partial<LeadMonitorState>): void {
    this.state = { ...this.state, ...change };
    this.deps.onState(this.state);
  }

  private fail(failure: string): void {
    this.set({ phase: 'failed', failure });
  }

  /** Listen, whisper or barge from nothing; on a leg that is up, a mode change. */
  async choose(mode: MonitorMode): Promise<void> {
    if (this.session && (this.state.phase === 'on' || this.state.phase === 'changing')) return this.change(mode);
    if (this.state.phase === 'asking' || this.state.phase === 'connecting') return;
    this.set({ mode, phase: 'asking', failure: null, clickedAt: this.deps.now(), heardAt: null });
    const granted = await this.deps.grant({ agentPersonId: this.state.agentPersonId, callId: this.state.callId, mode });
    if (granted.outcome !== 'granted') return this.fail(granted.reason);
    const userAgent = this.deps.userAgent();
    const target = granted.agentSipUri ? this.deps.makeUri(granted.agentSipUri) : undefined;
    if (!userAgent) return this.fail('not-registered');
    if (!target) return this.fail('no-agent-address');
    this.jti = granted.jti;
    const mic = await this.deps.microphone().catch(() => null);
    if (!mic) return this.fail('no-microphone');
    for (const track of mic.getAudioTracks()) track.enabled = speaks(mode);
    this.mic = mic;
    const inviter = new Inviter(userAgent, target, {
      extraHeaders: [`${MONITOR_GRANT_HEADER}: ${granted.grant}`, `${MONITOR_MODE_HEADER}: ${mode}`],
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    this.session = inviter;
    this.deps.sendStream(inviter, mic);
    inviter.delegate = {
      onInfo: (info) => {
        const handover = info.request.getHeader('Content-Type')?.split(';')[0]?.trim() === HANDOVER_CONTENT_TYPE ? parseHandover(info.request.body) : null;
        if (!handover) {
          void info.reject({ statusCode: 415 }).catch(() => undefined);
          return;
        }
        this.handover = mergeHandover(this.handover, handover);
        void info.accept().catch(() => undefined);
      },
    };
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        const remote = remoteStreamOf(inviter);
        this.set({ phase: 'on' });
        if (remote) {
          this.deps.playToLead(remote);
          void this.deps.heard(remote).then(() => {
            if (this.session === inviter) this.set({ heardAt: this.deps.now() });
          });
        }
      }
      if (state === SessionState.Terminated) this.finished(inviter);
    });
    this.set({ phase: 'connecting' });
    await inviter
      .invite({
        requestDelegate: {
          onReject: (response) => this.fail(`sip-${response.message.statusCode ?? 0}`),
        },
      })
      .catch(() => this.fail('sip-send'));
  }

  private async change(mode: MonitorMode): Promise<void> {
    const session = this.session;
    if (!session || mode === this.state.mode) return;
    const previous = this.state.mode;
    this.set({ phase: 'changing' });
    const granted = await this.deps.grant({ agentPersonId: this.state.agentPersonId, callId: this.state.callId, mode });
    if (granted.outcome !== 'granted') {
      this.set({ phase: 'on', mode: previous, failure: granted.reason });
      return;
    }
    const accepted = await new Promise<boolean>((resolve) => {
      session
        .info({
          requestOptions: { body: { contentDisposition: 'render', contentType: MONITOR_INFO_CONTENT_TYPE, content: JSON.stringify({ grant: granted.grant, mode }) } },
          requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) },
        })
        .catch(() => resolve(false));
    });
    if (!accepted) {
      this.set({ phase: 'on', mode: previous, failure: 'sip-403' });
      return;
    }
    this.jti = granted.jti;
    for (const track of this.mic?.getAudioTracks() ?? []) track.enabled = speaks(mode);
    this.set({ phase: 'on', mode, failure: null });
  }

  async stop(): Promise<void> {
    const session = this.session;
    if (!session) return;
    if (session.state === SessionState.Established) await session.bye().catch(() => undefined);
    else if (session.state === SessionState.Establishing) await session.cancel().catch(() => undefined);
  }

  /** Take over landed: the caller's INVITE replaced this leg (sip.js ends it). */
  replacedBy(_invitation: Invitation): void {
    this.set({ mode: 'takeover' });
  }

  private finished(inviter: Inviter): void {
    if (this.session !== inviter) return;
    this.session = null;
    this.deps.playToLead(null);
    this.deps.sendStream(inviter, null);
    for (const track of this.mic?.getTracks() ?? []) track.stop();
    this.mic = null;
    if (this.jti) this.deps.end(this.jti, this.state.callId);
    this.jti = null;
    if (this.state.phase !== 'failed') this.set({ phase: 'ended' });
  }
}

function remoteStreamOf(session: Session): MediaStream | null {
  const handler = session.sessionDescriptionHandler as { remoteMediaStream?: MediaStream } | undefined;
  return handler?.remoteMediaStream ?? null;
}
