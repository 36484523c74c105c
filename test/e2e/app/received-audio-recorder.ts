import type { BrowserContext, Page } from 'playwright-core';
import { encodeWav } from '../../unit/guidance/wav';

/**
 * Test-only instrumentation: records the first remote audio track each page
 * receives (what the agent's app really gets, after the caller's browser
 * processing and the network), so a test can measure it and keep it as a WAV.
 * A ScriptProcessorNode needs no module URL, so the app's CSP is untouched.
 */
export async function recordReceivedAudio(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const chunks: Float32Array[] = [];
    const state = { sampleRate: 48_000, started: false };
    (window as unknown as { __receivedAudio: { chunks: Float32Array[]; state: typeof state } }).__receivedAudio = { chunks, state };
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        this.addEventListener('track', (event) => {
          if (state.started || event.track.kind !== 'audio') return;
          state.started = true;
          const context = new AudioContext({ sampleRate: 48_000 });
          state.sampleRate = context.sampleRate;
          const source = context.createMediaStreamSource(new MediaStream([event.track]));
          const recorder = context.createScriptProcessor(4096, 1, 1);
          recorder.onaudioprocess = (e) => chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
          source.connect(recorder);
          recorder.connect(context.destination);
        });
      }
    } as typeof RTCPeerConnection;
  });
}

/** The recording so far as 16-bit mono PCM WAV bytes. */
export async function receivedAudioWav(page: Page): Promise<Buffer> {
  const { base64, sampleRate } = await page.evaluate(() => {
    const { chunks, state } = (window as unknown as { __receivedAudio: { chunks: Float32Array[]; state: { sampleRate: number } } }).__receivedAudio;
    const samples = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      samples.set(chunk, offset);
      offset += chunk.length;
    }
    const bytes = new Uint8Array(samples.buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { base64: btoa(binary), sampleRate: state.sampleRate };
  });
  const raw = Buffer.from(base64, 'base64');
  const samples = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  return Buffer.from(encodeWav(samples, sampleRate));
}
