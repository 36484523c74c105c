/**
 * Runs in the AudioWorkletGlobalScope, fed the recorder's stereo mix (caller
 * left, agent right): the waveform's peaks of what is recorded, kept here
 * until the recording stops, then sent back whole. Bundled by Vite as its own
 * file ('self' under the CSP).
 */
import { PeakBuckets } from './peak-buckets';
import { PEAKS_PROCESSOR, type PeaksCommand, type PeaksMessage } from './peaks-messages';
import { workletScope } from '../../base/worklet-scope';

class RecordingPeaksProcessor extends workletScope.AudioWorkletProcessor {
  private readonly peaks: PeakBuckets;
  private readonly startTime: number;
  private started = false;
  private running = true;
  private readonly silence = new Float32Array(128);

  constructor(options: { processorOptions?: unknown }) {
    super(options);
    const init = (options.processorOptions ?? {}) as { startTime?: number; perSecond?: number; paused?: boolean };
    this.peaks = new PeakBuckets(workletScope.sampleRate, init.perSecond);
    this.startTime = init.startTime ?? workletScope.currentTime;
    this.peaks.setPaused(init.paused === true);
    this.port.onmessage = (event: MessageEvent<PeaksCommand>) => {
      const command = event.data;
      if (command.type === 'pause' || command.type === 'resume') this.peaks.setPaused(command.type === 'pause');
      else if (command.type === 'finish') {
        const { perSecond, caller, agent } = this.peaks.finish();
        this.port.postMessage({ type: 'peaks', perSecond, caller, agent } satisfies PeaksMessage, [caller.buffer as ArrayBuffer, agent.buffer as ArrayBuffer]);
        this.running = false;
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (!this.running) return false;
    if (!this.started) {
      // The recorder started before this node did (its module loading): that time is in the recording.
      this.started = true;
      this.peaks.padStart(workletScope.currentTime - this.startTime);
    }
    // An input with nothing playing into it has no channels: silence, still recorded time.
    const input = inputs[0];
    this.peaks.push(input?.[0] ?? this.silence, input?.[1] ?? null);
    return true;
  }
}

workletScope.registerProcessor(PEAKS_PROCESSOR, RecordingPeaksProcessor);
