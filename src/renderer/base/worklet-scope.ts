/**
 * The AudioWorkletGlobalScope's names, which TypeScript's DOM lib does not
 * declare, typed once for every worklet module. Read them only inside a
 * worklet: evaluated anywhere else they are undefined.
 */
export interface WorkletProcessor {
  readonly port: MessagePort;
}

interface AudioWorkletScope {
  /** The context's sample rate. */
  readonly sampleRate: number;
  /** The context's time (s) of the render quantum being processed. */
  readonly currentTime: number;
  readonly AudioWorkletProcessor: new (options?: unknown) => WorkletProcessor;
  registerProcessor(name: string, processor: new (options: { processorOptions?: unknown }) => WorkletProcessor): void;
}

export const workletScope = globalThis as unknown as AudioWorkletScope;
