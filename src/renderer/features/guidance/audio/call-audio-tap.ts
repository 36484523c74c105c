import { AGC_AUDIO_PROFILE } from '../../../../shared/guidance/audio/config';
import type { AudioConfig } from '../../../../shared/guidance/audio/config';
import { lineBandwidthOfCodec } from '../../../../shared/guidance/audio/line-band';
import type { AudioEvent, TalkStats } from '../../../../shared/guidance/audio/types';
import { PROCESSOR_NAME, type WorkletCommand, type WorkletMessage } from './messages';

// Vite bundles the worklet (and the shared analysis it imports) into its own
// file and gives its URL: served from 'self', so `script-src 'self'` allows it.
import workletUrl from './analysis-worklet.ts?worker&url';

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
 * into one AudioWorklet running the shared analysis. Nothing is played: the
 * worklet's output is silent. One tap per call; `stop()` flushes open spans.
 */
export class CallAudioTap {
  private stopped = false;

  private constructor(
    private readonly context: AudioContext,
    private readonly node: AudioWorkletNode,
    private readonly sources: MediaStreamAudioSourceNode[],
    private readonly listener: TapListener,
  ) {
    node.port.onmessage = (event: MessageEvent<WorkletMessage>) => this.onMessage(event.data);
  }

  /** `streams.codec`: the negotiated audio codec (e.g. "PCMA"): a telephone codec tells the analysis the line's band from the first frame. */
  static async start(streams: { remote: MediaStream; local: MediaStream | null; codec?: string | null }, listener: TapListener, options: TapOptions = {}): Promise<CallAudioTap> {
    const lineBandwidthHz = streams.codec ? lineBandwidthOfCodec(streams.codec) : undefined;
    const context = new AudioContext({ sampleRate: 48_000, latencyHint: 'interactive' });
    try {
      await context.audioWorklet.addModule(workletUrl);
      const node = new AudioWorkletNode(context, PROCESSOR_NAME, {
        numberOfInputs: 2,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        channelCount: 1,
        channelCountMode: 'explicit',
        channelInterpretation: 'speakers',
        processorOptions: { config: { ...AGC_AUDIO_PROFILE, ...(lineBandwidthHz === undefined ? {} : { lineBandwidthHz }), ...options.config } },
      });
      const sources: MediaStreamAudioSourceNode[] = [];
      const caller = context.createMediaStreamSource(streams.remote);
      caller.connect(node, 0, 0);
      sources.push(caller);
      if (streams.local && streams.local.getAudioTracks().length > 0) {
        const agent = context.createMediaStreamSource(streams.local);
        agent.connect(node, 0, 1);
        sources.push(agent);
      }
      // Pulled by the destination; the processor never writes its output, so this is silence.
      node.connect(context.destination);
      const tap = new CallAudioTap(context, node, sources, listener);
      if (context.state !== 'running') await context.resume().catch(() => undefined);
      return tap;
    } catch (error) {
      void context.close().catch(() => undefined);
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
    for (const source of this.sources) source.disconnect();
    this.node.disconnect();
    this.node.port.onmessage = null;
    await this.context.close().catch(() => undefined);
  }

  private finishResolve: (() => void) | null = null;

  private decidedAt(contextTime: number): number {
    // The context clock → performance.now(): how long ago the worklet decided.
    const lagMs = Math.max(0, (this.context.currentTime - contextTime) * 1000);
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
