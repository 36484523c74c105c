/**
 * The desk's one AudioContext for calls' audio, shared by everything that
 * listens to a call (guidance's analysis, the recorder): one audio thread and
 * one wake-up schedule instead of one per feature per call, and one source node
 * per stream whoever reads it. Each user holds a lease; with no lease left the
 * context is suspended (no audio thread running between calls), not closed, so
 * the next call neither pays for a new context nor loads its worklets again.
 */

export interface CallAudioLease {
  readonly context: AudioContext;
  /**
   * The stream's audio in the shared context (one node per stream, shared by every lease; it follows the stream's
   * microphone through a switch, see renew); null for no stream or no audio track.
   */
  source(stream: MediaStream | null): AudioNode | null;
  /** Lets the stream's source go for this lease (disconnected once no lease reads it). */
  drop(stream: MediaStream | null): void;
  /** Loads an AudioWorklet module into the context once, however many leases ask for it. */
  addModule(url: string): Promise<void>;
  /** Ends the lease: its sources are dropped; the last lease suspends the context. Idempotent. */
  release(): void;
}

export interface CallAudioOptions {
  /** Made on first use; a test or a bench passes its own. */
  createContext?: () => AudioContext;
}

const defaultContext = () =>
  // 'interactive': guidance's prompts follow what the worklet hears, so its wake-ups stay short.
  new AudioContext({ sampleRate: 48_000, latencyHint: 'interactive' });

export class CallAudio {
  private context: AudioContext | null = null;
  private leases = 0;
  /**
   * Per stream: the source node of its track, feeding the bus its readers hold. A MediaStreamAudioSourceNode keeps the
   * track it was made with, so when the track is swapped the bus gets a new source and the readers hear on.
   */
  private readonly sources = new Map<MediaStream, { input: MediaStreamAudioSourceNode; bus: GainNode; track: MediaStreamTrack | undefined; users: number }>();
  private readonly modules = new Map<string, Promise<void>>();
  private readonly preloads = new Set<string>();

  constructor(private readonly options: CallAudioOptions = {}) {}

  /**
   * A worklet every call will load (guidance's analysis): loaded as soon as the
   * context is made, i.e. while the first call rings. Chromium moves a context's
   * rendering onto a worklet thread when the first module loads; done at the
   * answer, that switch left a gap in the timestamps of a recording already running.
   */
  preload(url: string): void {
    this.preloads.add(url);
  }

  /**
   * Makes the context and loads the preloaded worklets now (the desk idle after
   * its start), then lets it sleep: a call answered at once (auto-answer) then
   * finds the worklet thread already running its context.
   */
  warm(): Promise<void> {
    const lease = this.acquire();
    return Promise.all([...this.preloads].map((url) => lease.addModule(url)))
      .then(() => undefined, () => undefined)
      .finally(() => lease.release());
  }

  /** A lease on the running context (made, or resumed, now). */
  acquire(): CallAudioLease {
    let context = this.context;
    if (!context || context.state === 'closed') {
      context = (this.options.createContext ?? defaultContext)();
      this.context = context;
      this.sources.clear();
      this.modules.clear();
      for (const url of this.preloads) this.load(context, url).catch(() => undefined);
    }
    this.leases++;
    // The first lease resumes even a context that reads 'running': the last release's suspend may still be on its
    // way to the audio thread (the state changes only when it is done), and would then stop a call's audio.
    if (this.leases === 1 || context.state !== 'running') void context.resume().catch(() => undefined);
    const held = new Map<MediaStream, number>();
    let released = false;
    const shared = context;
    const lease: CallAudioLease = {
      context: shared,
      source: (stream) => {
        if (released || !stream || stream.getAudioTracks().length === 0) return null;
        let entry = this.sources.get(stream);
        if (!entry) {
          const input = shared.createMediaStreamSource(stream);
          const bus = shared.createGain();
          input.connect(bus);
          entry = { input, bus, track: sourcedTrack(stream), users: 0 };
          this.sources.set(stream, entry);
        }
        entry.users++;
        held.set(stream, (held.get(stream) ?? 0) + 1);
        return entry.bus;
      },
      drop: (stream) => {
        const count = stream ? held.get(stream) : undefined;
        if (!stream || !count) return;
        if (count === 1) held.delete(stream);
        else held.set(stream, count - 1);
        this.unuse(stream);
      },
      addModule: (url) => this.load(shared, url),
      release: () => {
        if (released) return;
        released = true;
        for (const [stream, count] of held) for (let i = 0; i < count; i++) this.unuse(stream);
        held.clear();
        this.leases--;
        if (this.leases === 0 && this.context === shared && shared.state !== 'closed') void shared.suspend().catch(() => undefined);
      },
    };
    return lease;
  }

  /**
   * The stream's microphone was swapped (a device switch during a call, features/devices): everything reading the
   * stream (the recorder, guidance) hears the new track from now on, instead of the stopped one.
   */
  renew(stream: MediaStream): void {
    const entry = this.sources.get(stream);
    const context = this.context;
    const track = sourcedTrack(stream);
    if (!entry || !context || context.state === 'closed' || !track || track === entry.track) return;
    entry.input.disconnect();
    entry.input = context.createMediaStreamSource(stream);
    entry.input.connect(entry.bus);
    entry.track = track;
  }

  /** Leases held now (for tests and the bench). */
  get leaseCount(): number {
    return this.leases;
  }

  private load(context: AudioContext, url: string): Promise<void> {
    let loading = this.modules.get(url);
    if (!loading) {
      loading = context.audioWorklet.addModule(url);
      // A failed load may be tried again by the next call.
      loading.catch(() => this.modules.delete(url));
      this.modules.set(url, loading);
    }
    return loading;
  }

  private unuse(stream: MediaStream): void {
    const entry = this.sources.get(stream);
    if (!entry) return;
    entry.users--;
    if (entry.users > 0) return;
    entry.input.disconnect();
    entry.bus.disconnect();
    this.sources.delete(stream);
  }
}

/** The track a MediaStreamAudioSourceNode takes from a stream: its audio track whose id sorts first. */
function sourcedTrack(stream: MediaStream): MediaStreamTrack | undefined {
  return [...stream.getAudioTracks()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

export const callAudio = new CallAudio();
