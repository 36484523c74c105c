/// <reference types="vite/client" />
// Runs in the bench's Chromium page (bundled by recording.bench.ts): a call's two
// streams from oscillators (caller 440 Hz, agent 1 kHz, speech-like on/off), and
// the two ways to record them: the desk's CallRecorder (MediaRecorder), or the
// WebCodecs path not taken (AudioWorklet → AudioData → AudioEncoder, raw Opus packets).
// As on the desk, the guidance tap (its real analysis worklet) can run beside the
// recorder: with the recorder in its own context (the build before) or in the tap's
// shared one (src/renderer/base/call-audio.ts).
import { CallAudio, callAudio } from '../src/renderer/base/call-audio';
import { CallAudioTap } from '../src/renderer/features/guidance/audio/call-audio-tap';
import { CallRecorder } from '../src/renderer/features/recording/call-recorder';

interface Bench {
  bytes: number;
  chunks: number;
  stop(): Promise<void>;
}

function callStreams(): { remote: MediaStream; local: MediaStream; context: AudioContext } {
  const context = new AudioContext({ sampleRate: 48_000 });
  const stream = (hz: number, periodS: number) => {
    const osc = context.createOscillator();
    osc.frequency.value = hz;
    // Talk and pause (speech is not a steady tone): the gain follows a square LFO.
    const gain = context.createGain();
    const lfo = context.createOscillator();
    lfo.type = 'square';
    lfo.frequency.value = 1 / periodS;
    const depth = context.createGain();
    depth.gain.value = 0.25;
    gain.gain.value = 0.25;
    lfo.connect(depth).connect(gain.gain);
    const destination = context.createMediaStreamDestination();
    osc.connect(gain).connect(destination);
    osc.start();
    lfo.start();
    return destination.stream;
  };
  return { remote: stream(440, 3), local: stream(1_000, 4), context };
}

/** The recorder's context before it was shared: its own, made per call, 'playback'. */
function ownContext(sampleRate: number): { audio: CallAudio; close(): Promise<void> } {
  let made: AudioContext | null = null;
  const audio = new CallAudio({ createContext: () => (made = new AudioContext({ sampleRate, latencyHint: 'playback' })) });
  return { audio, close: async () => void (await made?.close()) };
}

async function mediaRecorder(options: { sampleRate?: number; tap?: boolean; shared?: boolean; peaks?: boolean } = {}): Promise<Bench> {
  const { remote, local, context } = callStreams();
  const bench: Bench = { bytes: 0, chunks: 0, stop: async () => undefined };
  const tap = options.tap ? await CallAudioTap.start({ remote, local }, { onEvents: () => undefined }) : null;
  const own = options.shared ? null : ownContext(options.sampleRate ?? 48_000);
  const recorder = CallRecorder.start(
    { remote, local },
    {
      chunk: async (_seq, data) => {
        bench.bytes += data.byteLength;
        bench.chunks++;
      },
    },
    (own?.audio ?? callAudio).acquire(),
    { peaks: options.peaks ?? true },
  );
  bench.stop = async () => {
    await recorder.stop();
    await tap?.stop();
    await own?.close();
    await context.close();
  };
  return bench;
}

/** The guidance tap alone: what every answered call runs anyway. */
async function tapOnly(): Promise<Bench> {
  const { remote, local, context } = callStreams();
  const tap = await CallAudioTap.start({ remote, local }, { onEvents: () => undefined });
  return { bytes: 0, chunks: 0, stop: async () => {
    await tap.stop();
    await context.close();
  } };
}

const WORKLET = `
class Tap extends AudioWorkletProcessor {
  constructor() { super(); this.frames = 0; this.left = new Float32Array(960); this.right = new Float32Array(960); }
  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0) return true;
    const l = input[0], r = input[1] || input[0];
    for (let i = 0; i < l.length; i++) {
      this.left[this.frames] = l[i]; this.right[this.frames] = r[i]; this.frames++;
      if (this.frames === 960) {
        const planar = new Float32Array(1920); planar.set(this.left); planar.set(this.right, 960);
        this.port.postMessage(planar, [planar.buffer]); this.frames = 0;
      }
    }
    return true;
  }
}
registerProcessor('tap', Tap);`;

async function webCodecs(): Promise<Bench> {
  const { remote, local, context } = callStreams();
  const bench: Bench = { bytes: 0, chunks: 0, stop: async () => undefined };
  await context.audioWorklet.addModule(URL.createObjectURL(new Blob([WORKLET], { type: 'text/javascript' })));
  const merger = context.createChannelMerger(2);
  context.createMediaStreamSource(remote).connect(merger, 0, 0);
  context.createMediaStreamSource(local).connect(merger, 0, 1);
  const tap = new AudioWorkletNode(context, 'tap', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 2, channelCountMode: 'explicit' });
  merger.connect(tap);
  const encoder = new AudioEncoder({
    output: (chunk) => {
      bench.bytes += chunk.byteLength;
      bench.chunks++;
    },
    error: (error) => console.error(error),
  });
  encoder.configure({ codec: 'opus', sampleRate: 48_000, numberOfChannels: 2, bitrate: 32_000 });
  let timestamp = 0;
  tap.port.onmessage = (event: MessageEvent<Float32Array<ArrayBuffer>>) => {
    const data = new AudioData({ format: 'f32-planar', sampleRate: 48_000, numberOfFrames: 960, numberOfChannels: 2, timestamp, data: event.data });
    timestamp += 20_000;
    encoder.encode(data);
    data.close();
  };
  bench.stop = async () => {
    await encoder.flush();
    encoder.close();
    await context.close();
  };
  return bench;
}

/** The recorder's WebAudio graph (its own context, the stereo merger, a stream destination) without the encoder: how the cost splits. */
async function graphOnly(): Promise<Bench> {
  const { remote, local, context } = callStreams();
  const graph = new AudioContext({ sampleRate: 48_000, latencyHint: 'playback' });
  const merger = graph.createChannelMerger(2);
  graph.createMediaStreamSource(remote).connect(merger, 0, 0);
  graph.createMediaStreamSource(local).connect(merger, 0, 1);
  const destination = graph.createMediaStreamDestination();
  merger.connect(destination);
  return { bytes: 0, chunks: 0, stop: () => Promise.all([graph.close(), context.close()]).then(() => undefined) };
}

/** Just the call's streams (the baseline: what a call costs without recording). */
async function none(): Promise<Bench> {
  const { context } = callStreams();
  return { bytes: 0, chunks: 0, stop: () => context.close() };
}

const running: Bench[] = [];
(window as unknown as Record<string, unknown>).recordingBench = {
  start: async (kind: string) => {
    const kinds: Record<string, () => Promise<Bench>> = {
      none,
      tap: tapOnly,
      'tap+recorder-own': () => mediaRecorder({ tap: true }),
      'tap+recorder-shared': () => mediaRecorder({ tap: true, shared: true }),
      // The recorder as before its waveform's peaks were measured while recording.
      'tap+recorder-shared-no-peaks': () => mediaRecorder({ tap: true, shared: true, peaks: false }),
      'media-recorder': () => mediaRecorder(),
      'media-recorder-16k': () => mediaRecorder({ sampleRate: 16_000 }),
      webcodecs: webCodecs,
      'graph-only': graphOnly,
    };
    const make = kinds[kind];
    if (!make) throw new Error(`No bench kind ${kind}`);
    running.push(await make());
  },
  stop: async () => {
    const bench = running.pop();
    if (!bench) return { bytes: 0, chunks: 0 };
    await bench.stop();
    return { bytes: bench.bytes, chunks: bench.chunks };
  },
};
