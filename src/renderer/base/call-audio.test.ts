import { describe, expect, it } from 'vitest';
import { CallAudio } from './call-audio';

class FakeNode {
  disconnected = 0;
  readonly outputs: FakeNode[] = [];
  connect(to: FakeNode): void {
    this.outputs.push(to);
  }
  disconnect(): void {
    this.disconnected++;
  }
}

class FakeSource extends FakeNode {
  /** The track the node took when it was made (as a real one keeps it). */
  readonly track: { id: string } | undefined;
  constructor(readonly stream: FakeStream) {
    super();
    this.track = stream.getAudioTracks()[0];
  }
}

class FakeStream {
  tracks: { id: string }[];
  constructor(count = 1) {
    this.tracks = Array.from({ length: count }, (_, i) => ({ id: `track-${i}` }));
  }
  getAudioTracks(): { id: string }[] {
    return this.tracks;
  }
}

class FakeContext {
  state: 'running' | 'suspended' | 'closed' = 'suspended';
  readonly calls: string[] = [];
  readonly sources: FakeSource[] = [];
  readonly loaded: string[] = [];
  audioWorklet = {
    addModule: async (url: string) => {
      this.loaded.push(url);
    },
  };
  readonly gains: FakeNode[] = [];
  createGain(): FakeNode {
    const gain = new FakeNode();
    this.gains.push(gain);
    return gain;
  }
  createMediaStreamSource(stream: FakeStream): FakeSource {
    const source = new FakeSource(stream);
    this.sources.push(source);
    return source;
  }
  async resume(): Promise<void> {
    this.calls.push('resume');
    this.state = 'running';
  }
  async suspend(): Promise<void> {
    this.calls.push('suspend');
    this.state = 'suspended';
  }
}

function setUp() {
  const made: FakeContext[] = [];
  const audio = new CallAudio({
    createContext: () => {
      const context = new FakeContext();
      made.push(context);
      return context as unknown as AudioContext;
    },
  });
  return { audio, made };
}

const stream = (tracks = 1) => new FakeStream(tracks) as unknown as MediaStream;

describe('the desk’s shared call audio', () => {
  it('gives every lease one context, made once and resumed; the last release suspends it', async () => {
    const { audio, made } = setUp();
    const recorder = audio.acquire();
    const guidance = audio.acquire();
    expect(made).toHaveLength(1);
    expect(recorder.context).toBe(guidance.context);
    await Promise.resolve();
    expect(made[0]!.state).toBe('running');
    recorder.release();
    expect(made[0]!.calls).not.toContain('suspend');
    guidance.release();
    guidance.release(); // idempotent
    await Promise.resolve();
    expect(made[0]!.state).toBe('suspended');
    expect(audio.leaseCount).toBe(0);
    // The next call uses the same context again.
    const next = audio.acquire();
    expect(made).toHaveLength(1);
    expect(next.context).toBe(recorder.context);
  });

  it('makes one source node per stream for all leases and disconnects it when its last reader lets go', () => {
    const { audio, made } = setUp();
    const caller = stream();
    const recorder = audio.acquire();
    const guidance = audio.acquire();
    const a = recorder.source(caller);
    const b = guidance.source(caller);
    expect(a).toBe(b);
    expect(made[0]!.sources).toHaveLength(1);
    guidance.release();
    expect(made[0]!.sources[0]!.disconnected).toBe(0);
    recorder.drop(caller);
    expect(made[0]!.sources[0]!.disconnected).toBe(1);
    // A new reader gets a new node.
    const again = audio.acquire();
    expect(again.source(caller)).not.toBe(a);
  });

  it('follows a microphone switched during the call: the readers keep their node and hear the new track', () => {
    const { audio, made } = setUp();
    const microphone = new FakeStream();
    const recorder = audio.acquire();
    const node = recorder.source(microphone as unknown as MediaStream);
    const context = made[0]!;
    expect(context.sources[0]!.outputs).toEqual([node]);
    // The same track: nothing to do.
    audio.renew(microphone as unknown as MediaStream);
    expect(context.sources).toHaveLength(1);
    // features/devices swaps the track in the stream (the old one is stopped).
    microphone.tracks = [{ id: 'headset' }];
    audio.renew(microphone as unknown as MediaStream);
    expect(context.sources).toHaveLength(2);
    expect(context.sources[0]!.disconnected).toBe(1);
    expect(context.sources[1]!.track).toEqual({ id: 'headset' });
    expect(context.sources[1]!.outputs).toEqual([node]);
    // A new reader gets the same node, now fed by the new track.
    expect(audio.acquire().source(microphone as unknown as MediaStream)).toBe(node);
    // A stream no one reads is left alone.
    audio.renew(new FakeStream() as unknown as MediaStream);
    expect(context.sources).toHaveLength(2);
  });

  it('has no source for a missing stream or one without an audio track', () => {
    const { audio } = setUp();
    const lease = audio.acquire();
    expect(lease.source(null)).toBeNull();
    expect(lease.source(stream(0))).toBeNull();
    lease.release();
    expect(lease.source(stream())).toBeNull();
  });

  it('loads a worklet module once per context', async () => {
    const { audio, made } = setUp();
    const first = audio.acquire();
    await first.addModule('/worklet.js');
    first.release();
    const second = audio.acquire();
    await second.addModule('/worklet.js');
    expect(made[0]!.loaded).toEqual(['/worklet.js']);
  });

  it('loads the preloaded worklets as soon as it makes the context (while the first call rings)', async () => {
    const { audio, made } = setUp();
    audio.preload('/analysis.js');
    const ringing = audio.acquire();
    await Promise.resolve();
    expect(made[0]!.loaded).toEqual(['/analysis.js']);
    await ringing.addModule('/analysis.js');
    expect(made[0]!.loaded).toEqual(['/analysis.js']);
  });

  it('warms up: makes the context, loads the preloaded worklets, then suspends it until a call comes', async () => {
    const { audio, made } = setUp();
    audio.preload('/analysis.js');
    await audio.warm();
    expect(made[0]!.loaded).toEqual(['/analysis.js']);
    expect(made[0]!.state).toBe('suspended');
    expect(audio.leaseCount).toBe(0);
  });

  it('makes a new context when the old one was closed (the OS took the audio device away)', () => {
    const { audio, made } = setUp();
    audio.acquire().release();
    made[0]!.state = 'closed';
    audio.acquire();
    expect(made).toHaveLength(2);
  });
  it('resumes for a lease taken while the last release’s suspend is still on its way (the state still reads running)', async () => {
    // A real context changes its state only when the audio thread has done the suspend; calls are done in order.
    const queued: (() => void)[] = [];
    class SlowContext extends FakeContext {
      override state: 'running' | 'suspended' | 'closed' = 'running';
      override resume(): Promise<void> {
        this.calls.push('resume');
        return new Promise((done) => queued.push(() => { this.state = 'running'; done(); }));
      }
      override suspend(): Promise<void> {
        this.calls.push('suspend');
        return new Promise((done) => queued.push(() => { this.state = 'suspended'; done(); }));
      }
    }
    const context = new SlowContext();
    const audio = new CallAudio({ createContext: () => context as unknown as AudioContext });
    audio.acquire().release(); // the warm-up's lease, let go while idle
    expect(context.state).toBe('running');
    const call = audio.acquire(); // a call rings before the audio thread has suspended
    for (const step of queued.splice(0)) step();
    await Promise.resolve();
    expect(context.state).toBe('running');
    expect(audio.leaseCount).toBe(1);
    call.release();
  });
});
