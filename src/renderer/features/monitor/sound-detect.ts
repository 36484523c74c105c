/** Loud enough to be the call and not the silence of a leg that just opened (RMS of a 2048-sample frame). */
const SOUND_RMS = 0.003;

/**
 * Resolves once `stream` carries sound, checked on each animation-free timer
 * tick (20 ms) for at most `timeoutMs`; rejects after that. Used for the lead's
 * "hears the call" moment (the bench's click-to-hear).
 */
export function waitForSound(stream: MediaStream, timeoutMs: number): Promise<void> {
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  context.createMediaStreamSource(stream).connect(analyser);
  const frame = new Float32Array(analyser.fftSize);
  const started = performance.now();
  return new Promise<void>((resolve, reject) => {
    const tick = () => {
      analyser.getFloatTimeDomainData(frame);
      let sum = 0;
      for (const sample of frame) sum += sample * sample;
      if (Math.sqrt(sum / frame.length) > SOUND_RMS) return finish(resolve);
      if (performance.now() - started > timeoutMs) return finish(() => reject(new Error('no sound')));
      setTimeout(tick, 20);
    };
    const finish = (done: () => void) => {
      void context.close().catch(() => undefined);
      done();
    };
    void context.resume().catch(() => undefined);
    tick();
  });
}
