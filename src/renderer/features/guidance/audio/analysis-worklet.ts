/**
 * Runs in the AudioWorkletGlobalScope: the shared two-sided analysis
 * (`DuplexAnalyser`) on 128-sample render quanta. Input 0 is the caller (the
 * remote stream), input 1 the agent (the microphone). Events go to the main
 * thread as soon as they are decided, with the context time of the decision.
 * Bundled by Vite as its own file ('self' under the CSP, no eval, no blob:).
 */
import { DuplexAnalyser } from '../../../../shared/guidance/audio/duplex';
import type { AudioConfig } from '../../../../shared/guidance/audio/config';
import { PROCESSOR_NAME, type WorkletCommand, type WorkletMessage } from './messages';
import { workletScope } from '../../../base/worklet-scope';

const QUANTUM = 128;
const STATS_EVERY_MS = 1000;

class GuidanceAnalysisProcessor extends workletScope.AudioWorkletProcessor {
  private readonly analyser: DuplexAnalyser;
  private readonly silence = new Float32Array(QUANTUM);
  private running = true;
  private lastStatsMs = 0;

  constructor(options: { processorOptions?: unknown }) {
    super(options);
    const config = (options.processorOptions as { config?: Partial<AudioConfig> } | undefined)?.config;
    this.analyser = new DuplexAnalyser({ sampleRate: workletScope.sampleRate, config });
    this.port.onmessage = (event: MessageEvent<WorkletCommand>) => {
      if (event.data.type === 'finish') {
        const events = this.analyser.finish();
        this.post({ type: 'finished', events, timeMs: this.analyser.timeMs, contextTime: workletScope.currentTime, stats: this.analyser.stats() });
        this.running = false;
      }
    };
    this.post({ type: 'ready', sampleRate: workletScope.sampleRate });
  }

  process(inputs: Float32Array[][]): boolean {
    if (!this.running) return false;
    const caller = inputs[0]?.[0] ?? this.silence;
    const agent = inputs[1]?.[0] ?? this.silence;
    const events = this.analyser.push(caller, agent.length === caller.length ? agent : this.silence.subarray(0, caller.length));
    const timeMs = this.analyser.timeMs;
    if (events.length > 0) this.post({ type: 'events', events, timeMs, contextTime: workletScope.currentTime });
    if (timeMs - this.lastStatsMs >= STATS_EVERY_MS) {
      this.lastStatsMs = timeMs;
      this.post({ type: 'stats', stats: this.analyser.stats(), timeMs, contextTime: workletScope.currentTime });
    }
    return true;
  }

  private post(message: WorkletMessage): void {
    this.port.postMessage(message);
  }
}

workletScope.registerProcessor(PROCESSOR_NAME, GuidanceAnalysisProcessor);
