import { RECORDING_MIME_TYPE, type RecordingPeaks } from '../../../shared/recording/recording';
import { callAudio, type CallAudioLease } from '../../base/call-audio';
import { PEAKS_PER_SECOND } from './peak-buckets';
import { PEAKS_PROCESSOR, type PeaksCommand, type PeaksMessage } from './peaks-messages';

// Vite bundles the worklet into its own file and gives its URL ('self' under the CSP).
import peaksWorkletUrl from './peaks-worklet.ts?worker&url';

// Loaded into the desk's call audio as it is made (while the first call rings), not at the answer.
callAudio.preload(peaksWorkletUrl);

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
  private stopped: Promise<RecordingPeaks | null> | null = null;
  /** Other legs mixed in now (addLeg). */
  private readonly legSources: { stream: MediaStream; node: AudioNode }[] = [];
  /** The peaks of what is recorded, measured beside the recorder (null until its worklet is loaded, or if it cannot be). */
  private peaksNode: AudioWorkletNode | null = null;
  private paused = false;
  private ended = false;

  private constructor(
    private readonly lease: CallAudioLease,
    private readonly merger: ChannelMergerNode,
    private readonly sources: { stream: MediaStream; node: AudioNode }[],
    private readonly recorder: MediaRecorder,
    private readonly sink: RecorderSink,
  ) {
    recorder.ondataavailable = (event) => this.take(event.data);
  }

  static supported(): boolean {
    return typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(RECORDING_MIME_TYPE);
  }

  /**
   * Starts at once (the call's answer is the recording's time 0) in the lease's
   * context: the desk's shared call audio, taken while the call rang (a context
   * started at the answer on a busy desk cut the answer's first words). The
   * lease is the recorder's from here: `stop()` releases it.
   */
  static start(
    streams: { remote: MediaStream | null; local: MediaStream | null },
    sink: RecorderSink,
    lease: CallAudioLease,
    /** peaks false: no waveform measured while recording (the bench's baseline; the replay then measures it). */
    options: { peaks?: boolean } = {},
  ): CallRecorder {
    const context = lease.context;
    const merger = context.createChannelMerger(2);
    const used: { stream: MediaStream; node: AudioNode }[] = [];
    const connect = (stream: MediaStream | null, channel: 0 | 1) => {
      const node = lease.source(stream);
      if (!node || !stream) return;
      node.connect(merger, 0, channel);
      used.push({ stream, node });
    };
    connect(streams.remote, 0);
    connect(streams.local, 1);
    const destination = context.createMediaStreamDestination();
    destination.channelCount = 2;
    merger.connect(destination);
    const recorder = new MediaRecorder(destination.stream, { mimeType: RECORDING_MIME_TYPE, audioBitsPerSecond: RECORDING_BITS_PER_SECOND });
    const call = new CallRecorder(lease, merger, used, recorder, sink);
    recorder.start(CHUNK_MS);
    if (options.peaks !== false) call.measurePeaks(context.currentTime);
    if (context.state !== 'running') void context.resume().catch(() => undefined);
    return call;
  }

  /**
   * The waveform's peaks, measured from the same mix as the recorder hears
   * (so the replay draws a call never opened before at once). The worklet is
   * preloaded; when it starts late, the time before is silence in its peaks.
   */
  private measurePeaks(startTime: number): void {
    const context = this.lease.context;
    this.lease.addModule(peaksWorkletUrl).then(
      () => {
        if (this.ended) return;
        const node = new AudioWorkletNode(context, PEAKS_PROCESSOR, {
          numberOfInputs: 1,
          numberOfOutputs: 1,
          outputChannelCount: [1],
          channelCount: 2,
          channelCountMode: 'explicit',
          channelInterpretation: 'discrete',
          processorOptions: { startTime, perSecond: PEAKS_PER_SECOND, paused: this.paused },
        });
        this.merger.connect(node);
        // Pulled by the destination; the processor never writes its output, so this is silence.
        node.connect(context.destination);
        this.peaksNode = node;
      },
      (error: unknown) => console.warn('Recording peaks not measured (the replay will measure them)', error),
    );
  }

  private tellPeaks(command: PeaksCommand): void {
    this.peaksNode?.port.postMessage(command);
  }

  /** The peaks measured, once the recorder has stopped (bounded: 1 s); null without them. */
  private takePeaks(): Promise<RecordingPeaks | null> {
    const node = this.peaksNode;
    if (!node) return Promise.resolve(null);
    return new Promise<RecordingPeaks | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 1_000);
      node.port.onmessage = (event: MessageEvent<PeaksMessage>) => {
        if (event.data.type !== 'peaks') return;
        clearTimeout(timer);
        resolve({ perSecond: event.data.perSecond, caller: event.data.caller, agent: event.data.agent });
      };
      this.tellPeaks({ type: 'finish' });
    }).finally(() => {
      try {
        node.disconnect();
      } catch {
        // Already gone.
      }
    });
  }

  /**
   * Mixes another leg the agent is on into this recording (a consultation
   * before a transfer, a conference's other party): its far end into the left
   * channel with the caller, the agent's side of it into the right, until the
   * returned function is called (the leg ended). A stream already in a channel
   * (the agent's one microphone on both legs) is not added twice.
   */
  addLeg(streams: { remote: MediaStream | null; local: MediaStream | null }): () => void {
    const added: { stream: MediaStream; node: AudioNode; channel: 0 | 1 }[] = [];
    for (const [stream, channel] of [[streams.remote, 0], [streams.local, 1]] as const) {
      if (!stream || this.sources.some((source) => source.stream === stream) || this.legSources.some((source) => source.stream === stream)) continue;
      const node = this.lease.source(stream);
      if (!node) continue;
      node.connect(this.merger, 0, channel);
      added.push({ stream, node, channel });
    }
    this.legSources.push(...added);
    return () => {
      for (const source of added) {
        const at = this.legSources.indexOf(source);
        if (at < 0) continue;
        this.legSources.splice(at, 1);
        try {
          source.node.disconnect(this.merger);
        } catch {
          // Already gone.
        }
        this.lease.drop(source.stream);
      }
    };
  }

  get chunksSent(): number {
    return this.seq;
  }

  pause(): void {
    if (this.recorder.state === 'recording') this.recorder.pause();
    this.paused = true;
    this.tellPeaks({ type: 'pause' });
  }

  resume(): void {
    if (this.recorder.state === 'paused') this.recorder.resume();
    this.paused = false;
    this.tellPeaks({ type: 'resume' });
  }

  /**
   * Stops; resolves when the last chunk has reached the sink (bounded: 3 s),
   * with the recording's peaks when they were measured. Rejects if a chunk could not be kept.
   */
  stop(): Promise<RecordingPeaks | null> {
    // What the graph still holds (its buffer, ~40-90 ms with 'playback') belongs to the call: let it reach the encoder first.
    // (The output latency is the speakers', which a recording never goes through.)
    const drainMs = Math.min(250, Math.round((this.lease.context.baseLatency || 0) * 1000));
    this.stopped ??= new Promise<void>((resolve) => setTimeout(resolve, this.recorder.state === 'recording' ? drainMs : 0)).then(() => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3_000);
      this.recorder.onstop = () => {
        clearTimeout(timer);
        resolve();
      };
      if (this.recorder.state === 'inactive') resolve();
      else this.recorder.stop();
    })).then(async () => {
      this.ended = true;
      const peaks = await this.takePeaks();
      // Only this recorder's edges: the sources are shared with whoever else reads the call.
      this.merger.disconnect();
      for (const { stream, node } of [...this.sources, ...this.legSources.splice(0)]) {
        try {
          node.disconnect(this.merger);
        } catch {
          // Already gone with its last reader.
        }
        this.lease.drop(stream);
      }
      this.lease.release();
      await this.sending;
      if (this.failed) throw this.failed;
      return peaks;
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
