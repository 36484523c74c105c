/**
 * V8 flags for the renderer (passed as Chromium's `--js-flags` by the Electron
 * entry; the phone bench starts its Chromium with the same string).
 *
 * `--no-sparkplug` turns off V8's baseline (non-optimising) compiler tier. By
 * the 20th call of a session its machine code was the largest single holder of
 * the renderer's JS heap (about 1.4 MB of 6.3 MB live): Sparkplug compiles
 * every function that has run a few times, and most of the desk's code runs a
 * few times per call. Without it, warm code stays in the interpreter until it
 * is hot enough for the optimising tiers, which still compile the real hot
 * paths (SIP parsing, React's reconciler, the audio analysis in the worklet).
 * Measured side by side in `npm run bench -- phone` (docs/benchmarks.md): the
 * call-path latencies did not move; the heap during a call fell by ~1.4 MB.
 */
export const RENDERER_JS_FLAGS = '--no-sparkplug';
