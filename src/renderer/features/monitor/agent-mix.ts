import type { MonitorMode } from '../../../shared/domain/monitor';

/** The agent's call as the mix needs it: its connection, the caller's voice and the agent's microphone. */
export interface MonitoredCall {
  peerConnection: RTCPeerConnection;
  callerStream: MediaStream;
  micTrack: MediaStreamTrack;
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
 */
export class AgentMonitorMix {
  private readonly context = new AudioContext({ latencyHint: 'interactive' });
  private readonly toLead = this.context.createMediaStreamDestination();
  private toCaller: MediaStreamAudioDestinationNode | null = null;
  private leadSource: MediaStreamAudioSourceNode | null = null;
  private leadStream: MediaStream | null = null;
  private mode: MonitorMode = 'listen';
  private closed = false;

  constructor(
    private readonly call: MonitoredCall,
    private readonly playToAgent: PlayToAgent,
  ) {
    this.context.createMediaStreamSource(call.callerStream).connect(this.toLead);
    this.context.createMediaStreamSource(new MediaStream([call.micTrack])).connect(this.toLead);
    void this.context.resume().catch(() => undefined);
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
      this.context.createMediaStreamSource(new MediaStream([this.call.micTrack])).connect(this.toCaller);
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
    const sender = audioSender(this.call.peerConnection);
    if (sender && sender.track !== this.call.micTrack && this.call.peerConnection.connectionState !== 'closed') {
      await sender.replaceTrack(this.call.micTrack).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.playToAgent(null);
    await this.restoreMicrophone();
    this.closed = true;
    for (const track of this.toLead.stream.getTracks()) track.stop();
    for (const track of this.toCaller?.stream.getTracks() ?? []) track.stop();
    await this.context.close().catch(() => undefined);
  }
}

function audioSender(pc: RTCPeerConnection): RTCRtpSender | undefined {
  return pc.getSenders().find((s) => s.track?.kind === 'audio') ?? pc.getSenders()[0];
}
