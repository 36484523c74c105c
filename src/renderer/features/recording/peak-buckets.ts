/**
 * The waveform's peaks as the recording is made: for each channel, the
 * loudest sample of every 1/perSecond s of recorded audio, as a byte (0..255
 * for 0..1). Paused (a hold) it takes nothing, as the recorder records
 * nothing. No DOM: it runs in the recorder's AudioWorklet and in unit tests.
 */
export const PEAKS_PER_SECOND = 20;

export class PeakBuckets {
  private readonly framesPerBucket: number;
  private caller: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  private agent: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  private count = 0;
  private frames = 0;
  private callerMax = 0;
  private agentMax = 0;
  private paused = false;

  constructor(
    sampleRate: number,
    readonly perSecond = PEAKS_PER_SECOND,
  ) {
    this.framesPerBucket = Math.max(1, Math.round(sampleRate / perSecond));
  }

  /** Buckets of silence at the start: the recording had begun before the first frames arrived here. */
  padStart(seconds: number): void {
    const buckets = Math.floor(Math.max(0, seconds) * this.perSecond);
    for (let i = 0; i < buckets; i++) this.emit(0, 0);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  /** One block of frames; `agent` may be shorter (no agent stream): silence then. */
  push(caller: Float32Array, agent: Float32Array | null): void {
    if (this.paused) return;
    for (let i = 0; i < caller.length; i++) {
      const left = Math.abs(caller[i]!);
      const right = agent && i < agent.length ? Math.abs(agent[i]!) : 0;
      if (left > this.callerMax) this.callerMax = left;
      if (right > this.agentMax) this.agentMax = right;
      if (++this.frames === this.framesPerBucket) this.close();
    }
  }

  /** Everything so far, the partial last bucket included. */
  finish(): { perSecond: number; caller: Uint8Array<ArrayBuffer>; agent: Uint8Array<ArrayBuffer> } {
    if (this.frames > 0) this.close();
    return { perSecond: this.perSecond, caller: this.caller.slice(0, this.count), agent: this.agent.slice(0, this.count) };
  }

  get buckets(): number {
    return this.count;
  }

  private close(): void {
    this.emit(this.callerMax, this.agentMax);
    this.frames = 0;
    this.callerMax = 0;
    this.agentMax = 0;
  }

  private emit(caller: number, agent: number): void {
    if (this.count === this.caller.length) {
      this.caller = grow(this.caller);
      this.agent = grow(this.agent);
    }
    this.caller[this.count] = toByte(caller);
    this.agent[this.count] = toByte(agent);
    this.count++;
  }
}

const toByte = (value: number) => Math.min(255, Math.round(value * 255));

function grow(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(bytes.length * 2);
  bigger.set(bytes);
  return bigger;
}
