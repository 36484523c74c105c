import { callAudio, type CallAudioLease } from '../../base/call-audio';

/**
 * Three-way conference mixed in the renderer: each call's sender gets its own
 * mix of the agent's microphone and the other call's voice, so each party hears
 * the other two; the agent hears both calls. Stopping restores the microphone
 * in use on each call (replaceTrack, no renegotiation). The audio comes through
 * the desk's shared call audio, whose sources follow a microphone switched
 * during the conference.
 */
export interface ConferenceLeg {
  id: string;
  peerConnection: RTCPeerConnection;
  remoteStream: MediaStream;
  /** sip.js's local stream of the call: its audio track is the call's microphone now (a device switch swaps it). */
  localStream: MediaStream;
}

export interface ConferenceMixerLike {
  start(legs: ConferenceLeg[]): Promise<void>;
  stop(): Promise<void>;
  readonly running: boolean;
}

export class ConferenceMixer implements ConferenceMixerLike {
  private lease: CallAudioLease | null = null;
  private legs: ConferenceLeg[] = [];
  private links: [AudioNode, MediaStreamAudioDestinationNode][] = [];
  private extraElements: HTMLAudioElement[] = [];

  get running(): boolean {
    return this.lease !== null;
  }

  async start(legs: ConferenceLeg[]): Promise<void> {
    if (this.lease) await this.stop();
    const lease = callAudio.acquire();
    this.lease = lease;
    this.legs = legs;
    const remoteSources = legs.map((leg) => lease.source(leg.remoteStream));
    for (const [i, leg] of legs.entries()) {
      const destination = lease.context.createMediaStreamDestination();
      const sources = [lease.source(leg.localStream), ...remoteSources.filter((_, j) => j !== i)];
      for (const source of sources) {
        if (!source) continue;
        source.connect(destination);
        this.links.push([source, destination]);
      }
      const sender = audioSender(leg.peerConnection);
      const mixed = destination.stream.getAudioTracks()[0];
      if (sender && mixed) {
        mixed.enabled = true;
        await sender.replaceTrack(mixed);
      }
    }
    // The first leg plays through the app's remote-audio element; the others get
    // their own (Chromium also needs an element playing a remote stream for
    // WebAudio to receive its samples).
    for (const leg of legs.slice(1)) {
      const element = document.createElement('audio');
      element.autoplay = true;
      element.dataset.role = 'conference-audio';
      element.srcObject = leg.remoteStream;
      document.body.appendChild(element);
      element.play().catch(() => undefined);
      this.extraElements.push(element);
    }
  }

  async stop(): Promise<void> {
    const lease = this.lease;
    this.lease = null;
    for (const leg of this.legs) {
      const sender = audioSender(leg.peerConnection);
      const microphone = leg.localStream.getAudioTracks()[0];
      if (sender && microphone && leg.peerConnection.connectionState !== 'closed') {
        await sender.replaceTrack(microphone).catch(() => undefined);
      }
    }
    this.legs = [];
    for (const element of this.extraElements) {
      element.srcObject = null;
      element.remove();
    }
    this.extraElements = [];
    // The sources are shared with the recorder and guidance: only the conference's links go, and its mixes stop.
    for (const [source, destination] of this.links) {
      source.disconnect(destination);
      for (const track of destination.stream.getTracks()) track.stop();
    }
    this.links = [];
    lease?.release();
  }
}

function audioSender(pc: RTCPeerConnection): RTCRtpSender | undefined {
  return pc.getSenders().find((s) => s.track?.kind === 'audio') ?? pc.getSenders()[0];
}
