/**
 * Three-way conference mixed in the renderer: each call's sender gets its own
 * mix of the agent's microphone and the other call's voice, so each party hears
 * the other two; the agent hears both calls. Stopping restores the plain
 * microphone on each call (replaceTrack, no renegotiation).
 */
export interface ConferenceLeg {
  id: string;
  peerConnection: RTCPeerConnection;
  remoteStream: MediaStream;
  /** The call's own microphone track (what it sent before the conference). */
  micTrack: MediaStreamTrack;
}

export interface ConferenceMixerLike {
  start(legs: ConferenceLeg[]): Promise<void>;
  stop(): Promise<void>;
  readonly running: boolean;
}

export class ConferenceMixer implements ConferenceMixerLike {
  private context: AudioContext | null = null;
  private legs: ConferenceLeg[] = [];
  private extraElements: HTMLAudioElement[] = [];

  get running(): boolean {
    return this.context !== null;
  }

  async start(legs: ConferenceLeg[]): Promise<void> {
    if (this.context) await this.stop();
    const context = new AudioContext();
    this.context = context;
    this.legs = legs;
    const remoteSources = legs.map((leg) => context.createMediaStreamSource(leg.remoteStream));
    for (const [i, leg] of legs.entries()) {
      const destination = context.createMediaStreamDestination();
      context.createMediaStreamSource(new MediaStream([leg.micTrack])).connect(destination);
      remoteSources.forEach((source, j) => {
        if (j !== i) source.connect(destination);
      });
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
    if (context.state === 'suspended') await context.resume().catch(() => undefined);
  }

  async stop(): Promise<void> {
    const context = this.context;
    this.context = null;
    for (const leg of this.legs) {
      const sender = audioSender(leg.peerConnection);
      if (sender && leg.peerConnection.connectionState !== 'closed') {
        await sender.replaceTrack(leg.micTrack).catch(() => undefined);
      }
    }
    this.legs = [];
    for (const element of this.extraElements) {
      element.srcObject = null;
      element.remove();
    }
    this.extraElements = [];
    await context?.close().catch(() => undefined);
  }
}

function audioSender(pc: RTCPeerConnection): RTCRtpSender | undefined {
  return pc.getSenders().find((s) => s.track?.kind === 'audio') ?? pc.getSenders()[0];
}
