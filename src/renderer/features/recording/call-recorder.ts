import { RECORDING_MIME_TYPE } from '../../../shared/recording/recording';

/** Stereo Opus at this rate: speech from a phone line (≤ 8 kHz band) stays clear; about 0.25 MB a minute. */
export const RECORDING_BITS_PER_SECOND = 32_000;
/** MediaRecorder hands over one cluster per timeslice: what a crash can lose at most. */
export const CHUNK_MS = 1_000;

export interface RecorderSink {
  chunk(seq: number, data: Uint8Array<ArrayBuffer>): Promise<void>;
}

/**
 * Records one call in stereo (caller on the left, agent on the right) as Opus
 * in WebM, handing a chunk to the sink every second, in order. A hold pauses
 * the recorder (MediaRecorder leaves the paused time out of the stream): the
 * hold is a mark, not minutes of silence.
 */
export class CallRecorder {
  private seq = 0;
  private sending: Promise<void> = Promise.resolve();
  private failed: unknown = null;
  private stopped: Promise<void> | null = null;

  private constructor(
    private readonly context: AudioContext,
    private readonly sources: MediaStreamAudioSourceNode[],
    private readonly recorder: MediaRecorder,
    private readonly sink: RecorderSink,
  ) {
    recorder.ondataavailable = (event) => this.take(event.data);
  }

  static supported(): boolean {
    return typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(RECORDING_MIME_TYPE);
  }

  /**
   * The recorder's audio context, made while the call rings: starting one takes
   * long enough on a busy desk (audio thread, device) to cut the answer's first words.
   */
  static prepare(options: { sampleRate?: number } = {}): AudioContext {
    // 'playback' buffers more per wake-up than 'interactive': less CPU, and latency does not matter to a recording.
    return new AudioContext({ sampleRate: options.sampleRate ?? 48_000, latencyHint: 'playback' });
  }

  /** Starts at once (the call's answer is the recording's time 0), in the prepared context if there is one. */
  static start(streams: { remote: MediaStream | null; local: MediaStream | null }, sink: RecorderSink, options: { sampleRate?: number; context?: AudioContext } = {}): CallRecorder {
    const context = options.context && options.context.state !== 'closed' ? options.context : CallRecorder.prepare(options);
    const merger = context.createChannelMerger(2);
    const sources: MediaStreamAudioSourceNode[] = [];
    const connect = (stream: MediaStream | null, channel: 0 | 1) => {
      if (!stream || stream.getAudioTracks().length === 0) return;
      const source = context.createMediaStreamSource(stream);
      source.connect(merger, 0, channel);
      sources.push(source);
    };
    connect(streams.remote, 0);
    connect(streams.local, 1);
    const destination = context.createMediaStreamDestination();
    destination.channelCount = 2;
    merger.connect(destination);
    const recorder = new MediaRecorder(destination.stream, { mimeType: RECORDING_MIME_TYPE, audioBitsPerSecond: RECORDING_BITS_PER_SECOND });
    const call = new CallRecorder(context, sources, recorder, sink);
    recorder.start(CHUNK_MS);
    if (context.state !== 'running') void context.resume().catch(() => undefined);
    return call;
  }

  get chunksSent(): number {
    return this.seq;
  }

  pause(): void {
    if (this.recorder.state === 'recording') this.recorder.pause();
  }

  resume(): void {
    if (this.recorder.state === 'paused') this.recorder.resume();
  }

  /** Stops; resolves when the last chunk has reached the sink (bounded: 3 s). Rejects if a chunk could not be kept. */
  stop(): Promise<void> {
    // What the graph still holds (its buffer, ~40-90 ms with 'playback') belongs to the call: let it reach the encoder first.
    // (The output latency is the speakers', which a recording never goes through.)
    const drainMs = Math.min(250, Math.round((this.context.baseLatency || 0) * 1000));
    this.stopped ??= new Promise<void>((resolve) => setTimeout(resolve, this.recorder.state === 'recording' ? drainMs : 0)).then(() => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3_000);
      this.recorder.onstop = () => {
        clearTimeout(timer);
        resolve();
      };
      if (this.recorder.state === 'inactive') resolve();
      else this.recorder.stop();
    })).then(async () => {
      for (const source of this.sources) source.disconnect();
      await this.context.close().catch(() => undefined);
      await this.sending;
      if (this.failed) throw this.failed;
    });
    return this.stopped;
  }

  private take(blob: Blob): void {
    if (blob.size === 0) return;
    const seq = this.seq++;
    // In order, one at a time: main appends each chunk after the one before.
    this.sending = this.sending.then(async () => {
      if (this.failed) return;
      try {
        await this.sink.chunk(seq, new Uint8Array(await blob.arrayBuffer()));
      } catch (error) {
        this.failed = error;
      }
    });
  }
}
