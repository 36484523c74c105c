import type { ConferenceMixerLike } from './conference-mixer';
import { isHeld, type SipCall } from './sip-call';

/**
 * The three-way conference: the agent's two answered calls joined in a
 * WebAudio mix (each party hears the agent and the other). A collaborator of
 * CallControl, which decides when it starts and ends.
 */
export class ConferenceControl {
  private mixer: ConferenceMixerLike | null = null;
  private legs: string[] = [];

  constructor(private readonly createMixer: () => ConferenceMixerLike) {}

  includes(callId: string): boolean {
    return this.legs.includes(callId);
  }

  get active(): boolean {
    return this.legs.length > 0;
  }

  /** Joins the two calls; both must be answered and off hold. False if the mix could not start. */
  async start(calls: SipCall[]): Promise<boolean> {
    if (calls.length !== 2 || calls.some((call) => call.ended || !call.answered || isHeld(call.hold))) return false;
    const legs = calls.map((call) => {
      const peerConnection = call.peerConnection();
      const { remote: remoteStream, local: localStream } = call.media();
      return peerConnection && remoteStream && localStream && localStream.getAudioTracks().length > 0
        ? { id: call.id, peerConnection, remoteStream, localStream }
        : null;
    });
    if (legs.some((leg) => leg === null)) return false;
    try {
      this.mixer ??= this.createMixer();
      await this.mixer.start(legs as NonNullable<(typeof legs)[number]>[]);
    } catch {
      return false;
    }
    this.legs = calls.map((call) => call.id);
    return true;
  }

  /** Ends the mix (a leg hung up, or the agent holds one); returns the legs that were in it. */
  async end(): Promise<string[]> {
    const legs = this.legs;
    this.legs = [];
    await this.mixer?.stop().catch(() => undefined);
    return legs;
  }
}
