import { callAudio, type CallAudioLease } from '../../base/call-audio';
import type { MonitorMode } from '../../../shared/domain/monitor';

/** The agent's call as the mix needs it: its connection, the caller's voice and the agent's microphone. */
export interface MonitoredCall {
  peerConnection: RTCPeerConnection;
  callerStream: MediaStream;
  /** sip.js's local stream: its audio track is the microphone now in use (a device switch swaps it). */
  localStream: MediaStream;
}

/** Plays the lead's voice to the agent (an element routed to the agent's speaker). */
export type PlayToAgent = (stream: MediaStream | null) => void;

/**
 * The agent's side of a monitor leg, mixed in WebAudio:
 * - to the lead, always: the caller and the agent;
 * - listen: the lead's audio goes nowhere;
 * - whisper: the lead is played to the agent only;
 * - barge: also mixed into what the call sends the caller (the sender's track
 *   replaced, no renegotiation); leaving barge puts the microphone back.
 * The call's audio comes through the desk's shared call audio, whose sources
 * follow a microphone switched during the call, so the lead and a barged
 * caller keep hearing the agent, and leaving barge restores the microphone in
 * use then, not the one the leg began with.
 */
export class AgentMonitorMix {
  private readonly lease: CallAudioLease = callAudio.acquire();
  private readonly context = this.lease.context;
  private readonly toLead = this.context.createMediaStreamDestination();
  private readonly agentSource: AudioNode | null;
  private readonly callerSource: AudioNode | null;
  private toCaller: MediaStreamAudioDestinationNode | null = null;
  /** The shared sources' links into this mix's destinations, undone at close (disconnecting a link never made throws). */
  private readonly links: [AudioNode, AudioNode][] = [];
  private leadSource: MediaStreamAudioSourceNode | null = null;
  private leadStream: MediaStream | null = null;
  private mode: MonitorMode = 'listen';
  private closed = false;

  constructor(
    private readonly call: MonitoredCall,
    private readonly playToAgent: PlayToAgent,
  ) {
    this.callerSource = this.lease.source(call.callerStream);
    this.agentSource = this.lease.source(call.localStream);
    this.link(this.callerSource, this.toLead);
    this.link(this.agentSource, this.toLead);
  }

  /** What the monitor leg sends the lead. */
  get streamForLead(): MediaStream {
    return this.toLead.stream;
  }

  get currentMode(): MonitorMode {
    return this.mode;
  }

  /** The lead's voice as it arrives on the monitor leg. */
  setLeadStream(stream: MediaStream): void {
    this.leadStream = stream;
    void this.setMode(this.mode);
  }

  async setMode(mode: MonitorMode): Promise<void> {
    if (this.closed) return;
    this.mode = mode;
    const hearsLead = (mode === 'whisper' || mode === 'barge') && this.leadStream !== null;
    this.playToAgent(hearsLead ? this.leadStream : null);
    if (mode === 'barge' && this.leadStream) await this.bargeIn(this.leadStream);
    else await this.restoreMicrophone();
  }

  private async bargeIn(lead: MediaStream): Promise<void> {
    if (!this.toCaller) {
      this.toCaller = this.context.createMediaStreamDestination();
      this.link(this.agentSource, this.toCaller);
    }
    this.leadSource?.disconnect();
    this.leadSource = this.context.createMediaStreamSource(lead);
    this.leadSource.connect(this.toCaller);
    const mixed = this.toCaller.stream.getAudioTracks()[0];
    const sender = audioSender(this.call.peerConnection);
    if (sender && mixed && sender.track !== mixed) await sender.replaceTrack(mixed);
  }

  private async restoreMicrophone(): Promise<void> {
    this.leadSource?.disconnect();
    this.leadSource = null;
    const microphone = this.call.localStream.getAudioTracks()[0];
    const sender = audioSender(this.call.peerConnection);
    if (sender && microphone && sender.track !== microphone && this.call.peerConnection.connectionState !== 'closed') {
      await sender.replaceTrack(microphone).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.playToAgent(null);
    await this.restoreMicrophone();
    this.closed = true;
    for (const track of this.toLead.stream.getTracks()) track.stop();
    for (const track of this.toCaller?.stream.getTracks() ?? []) track.stop();
    // The sources are shared with the recorder and guidance: only this mix's links go.
    for (const [source, destination] of this.links.splice(0)) source.disconnect(destination);
    this.lease.release();
  }

  private link(source: AudioNode | null, destination: AudioNode): void {
    if (!source) return;
    source.connect(destination);
    this.links.push([source, destination]);
  }
}

function audioSender(pc: RTCPeerConnection): RTCRtpSender | undefined {
  return pc.getSenders().find((s) => s.track?.kind === 'audio') ?? pc.getSenders()[0];
}
