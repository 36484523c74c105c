import type { BrowserContext, Page } from 'playwright-core';

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
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const pcm = new Int16Array(total);
    let offset = 0;
    for (const chunk of chunks) for (let i = 0; i < chunk.length; i++) pcm[offset++] = Math.max(-32768, Math.min(32767, Math.round(chunk[i]! * 32767)));
    const bytes = new Uint8Array(pcm.buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { base64: btoa(binary), sampleRate: state.sampleRate };
  });
  const data = Buffer.from(base64, 'base64');
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
