import { AGC_AUDIO_PROFILE } from '../../../../shared/guidance/audio/config';
import type { AudioConfig } from '../../../../shared/guidance/audio/config';
import { lineBandwidthOfCodec } from '../../../../shared/guidance/audio/line-band';
import type { AudioEvent, TalkStats } from '../../../../shared/guidance/audio/types';
import { callAudio, type CallAudioLease } from '../../../base/call-audio';
import { PROCESSOR_NAME, type WorkletCommand, type WorkletMessage } from './messages';

// Vite bundles the worklet (and the shared analysis it imports) into its own
// file and gives its URL: served from 'self', so `script-src 'self'` allows it.
import workletUrl from './analysis-worklet.ts?worker&url';

// Loaded into the desk's call audio as it is made (while the first call rings), not at the answer.
callAudio.preload(workletUrl);

export interface TapListener {
  /** Events as decided, with the performance.now() time the worklet decided them (for latency figures). */
  onEvents(events: AudioEvent[], info: { timeMs: number; decidedAt: number }): void;
  onStats?(stats: TalkStats): void;
}

export interface TapOptions {
  /**
   * Thresholds. Default: the AGC profile, because both sides reach us through
   * automatic gain control (the caller's phone or browser, our microphone).
   */
  config?: Partial<AudioConfig>;
}

/**
 * Taps the call's two streams (caller = remote, agent = local microphone)
 * into one AudioWorklet running the shared analysis, in the desk's shared call
 * audio context (the recorder reads the same source nodes there). Nothing is
 * played: the worklet's output is silent. One tap per call; `stop()` flushes open spans.
 */
export class CallAudioTap {
  private stopped = false;

  private constructor(
    private readonly lease: CallAudioLease,
    private readonly node: AudioWorkletNode,
    private readonly sources: AudioNode[],
    private readonly listener: TapListener,
  ) {
    node.port.onmessage = (event: MessageEvent<WorkletMessage>) => this.onMessage(event.data);
  }

  /** `streams.codec`: the negotiated audio codec (e.g. "PCMA"): a telephone codec tells the analysis the line's band from the first frame. */
  static async start(streams: { remote: MediaStream; local: MediaStream | null; codec?: string | null }, listener: TapListener, options: TapOptions = {}): Promise<CallAudioTap> {
    const lineBandwidthHz = streams.codec ? lineBandwidthOfCodec(streams.codec) : undefined;
    const lease = callAudio.acquire();
    const context = lease.context;
    try {
      await lease.addModule(workletUrl);
      const node = new AudioWorkletNode(context, PROCESSOR_NAME, {
        numberOfInputs: 2,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        channelCount: 1,
        channelCountMode: 'explicit',
        channelInterpretation: 'speakers',
        processorOptions: { config: { ...AGC_AUDIO_PROFILE, ...(lineBandwidthHz === undefined ? {} : { lineBandwidthHz }), ...options.config } },
      });
      const used: AudioNode[] = [];
      const caller = lease.source(streams.remote);
      if (caller) {
        caller.connect(node, 0, 0);
        used.push(caller);
      }
      const agent = lease.source(streams.local);
      if (agent) {
        agent.connect(node, 0, 1);
        used.push(agent);
      }
      // Pulled by the destination; the processor never writes its output, so this is silence.
      node.connect(context.destination);
      const tap = new CallAudioTap(lease, node, used, listener);
      if (context.state !== 'running') await context.resume().catch(() => undefined);
      return tap;
    } catch (error) {
      lease.release();
      throw error;
    }
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Ends the analysis: open spans are closed and reported, then everything is released (bounded). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const finished = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 500);
      this.finishResolve = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.node.port.postMessage({ type: 'finish' } satisfies WorkletCommand);
    await finished;
    // The node and its inputs' edges to it go; the shared sources stay for their other readers.
    this.node.disconnect();
    for (const source of this.sources) {
      try {
        source.disconnect(this.node);
      } catch {
        // Not connected any more.
      }
    }
    this.node.port.onmessage = null;
    this.lease.release();
  }

  private finishResolve: (() => void) | null = null;

  private decidedAt(contextTime: number): number {
    // The context clock → performance.now(): how long ago the worklet decided.
    const lagMs = Math.max(0, (this.lease.context.currentTime - contextTime) * 1000);
    return performance.now() - lagMs;
  }

  private onMessage(message: WorkletMessage): void {
    switch (message.type) {
      case 'events':
        this.listener.onEvents(message.events, { timeMs: message.timeMs, decidedAt: this.decidedAt(message.contextTime) });
        return;
      case 'stats':
        this.listener.onStats?.(message.stats);
        return;
      case 'finished':
        if (message.events.length > 0) this.listener.onEvents(message.events, { timeMs: message.timeMs, decidedAt: this.decidedAt(message.contextTime) });
        this.listener.onStats?.(message.stats);
        this.finishResolve?.();
        return;
      case 'ready':
        return;
    }
  }
}
