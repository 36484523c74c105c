import { resolveAudioConfig, type AudioConfig } from './config';
import { SpeakerAnalyser, type FrameResult } from './speaker';
import type { AudioEvent, Side, Span, TalkStats } from './types';

const OTHER: Record<Side, Side> = { caller: 'agent', agent: 'caller' };

/** Collects samples that arrive in any chunk size (an AudioWorklet gives 128) into whole frames. */
export class Framer {
  private readonly buffer: Float32Array;
  private filled = 0;

  constructor(readonly frameLength: number) {
    this.buffer = new Float32Array(frameLength);
  }

  /** Calls `onFrame` for every complete frame; the frame array is reused, copy it to keep it. */
  push(samples: Float32Array, onFrame: (frame: Float32Array) => void): void {
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(this.frameLength - this.filled, samples.length - offset);
      this.buffer.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frameLength) {
        onFrame(this.buffer);
        this.filled = 0;
      }
    }
  }
}

interface Turn {
  startMs: number;
  lastSpeechEndMs: number;
  announced: boolean;
}

/**
 * Caller and agent side by side: voice activity and loudness per side, and
 * the conversation between them (overlap, interruptions, dead air,
 * monologues, talk time). Streaming: `push` chunks of both sides as they
 * come; events come back as soon as they are decided.
 */
export class DuplexAnalyser {
  readonly config: AudioConfig;
  readonly sampleRate: number;
  private readonly speakers: Record<Side, SpeakerAnalyser>;
  private readonly framers: Record<Side, Framer>;
  private readonly queues: Record<Side, Float32Array[]> = { caller: [], agent: [] };
  private readonly closedSpans: Span[] = [];
  private readonly frameLog?: Record<Side, FrameResult[]>;
  private frames = 0;

  private overlapSince: number | undefined;
  private overlapAnnounced = false;
  private pendingInterruption: Partial<Record<Side, number>> = {};
  private silenceSince = 0;
  private deadAirAnnounced = false;
  private readonly turns: Partial<Record<Side, Turn>> = {};
  private readonly otherRunMs: Record<Side, number> = { caller: 0, agent: 0 };
  private readonly counters = { caller: 0, agent: 0, both: 0, none: 0, interruptions: 0 };
  private raisedSince: Partial<Record<Side, number>> = {};

  /** `speechLike`: a trained VAD's per-frame decisions instead of ours (see SpeakerAnalyser; the bench's comparison). */
  constructor(options: { sampleRate: number; config?: Partial<AudioConfig>; keepFrames?: boolean; speechLike?: (side: Side, frameIndex: number) => boolean }) {
    this.config = resolveAudioConfig(options.config);
    this.sampleRate = options.sampleRate;
    const external = options.speechLike;
    this.speakers = {
      caller: new SpeakerAnalyser(this.config, options.sampleRate, external && ((index) => external('caller', index))),
      agent: new SpeakerAnalyser(this.config, options.sampleRate, external && ((index) => external('agent', index))),
    };
    const length = this.speakers.caller.frameLength;
    this.framers = { caller: new Framer(length), agent: new Framer(length) };
    if (options.keepFrames) this.frameLog = { caller: [], agent: [] };
  }

  /** Time analysed so far, ms. */
  get timeMs(): number {
    return this.frames * this.config.frameMs;
  }

  /**
   * Add samples of both sides (mono, [-1, 1], any length; the two may differ,
   * frames are analysed once both sides have one). Returns the events decided.
   */
  push(caller: Float32Array, agent: Float32Array): AudioEvent[] {
    this.framers.caller.push(caller, (frame) => this.queues.caller.push(frame.slice()));
    this.framers.agent.push(agent, (frame) => this.queues.agent.push(frame.slice()));
    const events: AudioEvent[] = [];
    while (this.queues.caller.length > 0 && this.queues.agent.length > 0) {
      this.step(this.queues.caller.shift()!, this.queues.agent.shift()!, events);
    }
    return events;
  }

  /** End of stream: close open speech, overlaps, dead air and monologues. */
  finish(): AudioEvent[] {
    const events: AudioEvent[] = [];
    const at = this.timeMs;
    for (const side of ['caller', 'agent'] as const) {
      const done = this.speakers[side].finish();
      if (done.raisedEnded) this.raisedEnd(side, done.raisedEnded, at, events);
      if (done.ended) this.speechEnd(side, done.ended, at, events);
    }
    if (this.overlapSince !== undefined) this.overlapEnd(at, at, events);
    if (this.deadAirAnnounced) this.deadAirEnd(at, at, events);
    for (const side of ['caller', 'agent'] as const) this.endTurn(side, at, events);
    return events;
  }

  /** Finished spans so far (speech, raised voice, overlap, dead air, monologue), in the order they closed. */
  spans(): Span[] {
    return [...this.closedSpans];
  }

  stats(): TalkStats {
    const { caller, agent, both, none, interruptions } = this.counters;
    const ms = this.config.frameMs;
    const callerSpeechMs = (caller + both) * ms;
    const agentSpeechMs = (agent + both) * ms;
    const talk = callerSpeechMs + agentSpeechMs;
    return {
      totalMs: this.timeMs,
      callerSpeechMs,
      agentSpeechMs,
      overlapMs: both * ms,
      silenceMs: none * ms,
      agentTalkRatio: talk === 0 ? 0 : agentSpeechMs / talk,
      interruptions,
    };
  }

  /** Per-frame results, when constructed with `keepFrames` (tests, tuning). */
  frameResults(side: Side): FrameResult[] {
    return this.frameLog ? this.frameLog[side] : [];
  }

  private step(callerFrame: Float32Array, agentFrame: Float32Array, events: AudioEvent[]): void {
    const c = this.config;
    const results = { caller: this.speakers.caller.process(callerFrame), agent: this.speakers.agent.process(agentFrame) };
    this.frames++;
    const now = this.timeMs; // end of this frame: when decisions are made
    if (this.frameLog) {
      this.frameLog.caller.push(results.caller);
      this.frameLog.agent.push(results.agent);
    }

    for (const side of ['caller', 'agent'] as const) {
      const r = results[side];
      if (r.ended) this.speechEnd(side, r.ended, now, events);
      if (r.started) {
        events.push({ type: 'speech-start', side, atMs: now, startMs: r.started.startMs });
        const other = this.speakers[OTHER[side]];
        if (other.isActive && r.started.startMs - other.activeSinceMs >= c.interruptAfterMs) this.pendingInterruption[side] = r.started.startMs;
      }
      if (r.raisedStarted) {
        this.raisedSince[side] = r.raisedStarted.startMs;
        events.push({ type: 'raised-voice-start', side, atMs: now, ...r.raisedStarted });
      }
      if (r.raisedEnded) this.raisedEnd(side, r.raisedEnded, now, events);
    }

    const callerOn = results.caller.active;
    const agentOn = results.agent.active;
    if (callerOn && agentOn) this.counters.both++;
    else if (callerOn) this.counters.caller++;
    else if (agentOn) this.counters.agent++;
    else this.counters.none++;

    // Interruptions: the newcomer kept talking for interruptMinMs.
    for (const side of ['caller', 'agent'] as const) {
      const since = this.pendingInterruption[side];
      if (since === undefined) continue;
      if (!results[side].active) delete this.pendingInterruption[side];
      else if (this.speakers[side].lastSpeechMs - since >= c.interruptMinMs) {
        delete this.pendingInterruption[side];
        this.counters.interruptions += side === 'agent' ? 1 : 0;
        events.push({ type: 'interruption', by: side, atMs: now, startMs: since });
      }
    }

    // Overlap.
    if (callerOn && agentOn) {
      this.overlapSince ??= Math.max(this.speakers.caller.activeSinceMs, this.speakers.agent.activeSinceMs);
      // Judged on speech-like frames, not the hangover: a 200 ms "嗯" is not an overlap.
      const bothSpoke = Math.min(this.speakers.caller.lastSpeechMs, this.speakers.agent.lastSpeechMs);
      if (!this.overlapAnnounced && bothSpoke - this.overlapSince >= c.overlapMinMs) {
        this.overlapAnnounced = true;
        events.push({ type: 'overlap-start', atMs: now, startMs: this.overlapSince });
      }
    } else if (this.overlapSince !== undefined) {
      this.overlapEnd(now, results.caller.ended?.endMs ?? results.agent.ended?.endMs ?? now, events);
    }

    // Dead air.
    if (callerOn || agentOn) {
      if (this.deadAirAnnounced) {
        const startMs = Math.min(...(['caller', 'agent'] as const).filter((s) => results[s].active).map((s) => this.speakers[s].activeSinceMs));
        this.deadAirEnd(now, startMs, events);
      }
      this.silenceSince = now;
    } else {
      const lastEnd = Math.max(results.caller.ended?.endMs ?? 0, results.agent.ended?.endMs ?? 0);
      if (lastEnd > 0) this.silenceSince = lastEnd;
      if (!this.deadAirAnnounced && now - this.silenceSince >= c.deadAirMs) {
        this.deadAirAnnounced = true;
        events.push({ type: 'dead-air-start', atMs: now, startMs: this.silenceSince });
      }
    }

    // Monologues: who holds the floor, and for how long.
    for (const side of ['caller', 'agent'] as const) {
      const other = OTHER[side];
      this.otherRunMs[side] = results[other].active ? this.otherRunMs[side] + c.frameMs : 0;
      let turn = this.turns[side];
      if (results[side].speechLike && results[side].active) {
        if (!turn && !results[other].active) {
          turn = { startMs: this.speakers[side].activeSinceMs, lastSpeechEndMs: now, announced: false };
          this.turns[side] = turn;
        }
        if (turn) turn.lastSpeechEndMs = now;
      }
      if (!turn) continue;
      if (this.otherRunMs[side] > c.monologueBreakMs || now - turn.lastSpeechEndMs > c.monologueGapMs) {
        this.endTurn(side, turn.lastSpeechEndMs, events, now);
      } else if (!turn.announced && turn.lastSpeechEndMs - turn.startMs >= c.monologueMs) {
        turn.announced = true;
        events.push({ type: 'monologue-start', side, atMs: now, startMs: turn.startMs });
      }
    }
  }

  private speechEnd(side: Side, ended: { startMs: number; endMs: number; levelDb: number }, now: number, events: AudioEvent[]): void {
    events.push({ type: 'speech-end', side, atMs: now, startMs: ended.startMs, endMs: ended.endMs, levelDb: Math.round(ended.levelDb * 10) / 10 });
    this.closedSpans.push({ kind: 'speech', side, startMs: ended.startMs, endMs: ended.endMs });
  }

  private raisedEnd(side: Side, ended: { startMs: number; endMs: number }, now: number, events: AudioEvent[]): void {
    delete this.raisedSince[side];
    events.push({ type: 'raised-voice-end', side, atMs: now, startMs: ended.startMs, endMs: ended.endMs });
    this.closedSpans.push({ kind: 'raised-voice', side, startMs: ended.startMs, endMs: ended.endMs });
  }

  private overlapEnd(now: number, endMs: number, events: AudioEvent[]): void {
    const startMs = this.overlapSince!;
    if (this.overlapAnnounced) {
      events.push({ type: 'overlap-end', atMs: now, startMs, endMs });
      this.closedSpans.push({ kind: 'overlap', startMs, endMs });
    }
    this.overlapSince = undefined;
    this.overlapAnnounced = false;
  }

  private deadAirEnd(now: number, endMs: number, events: AudioEvent[]): void {
    const startMs = this.silenceSince;
    events.push({ type: 'dead-air-end', atMs: now, startMs, endMs });
    this.closedSpans.push({ kind: 'dead-air', startMs, endMs });
    this.deadAirAnnounced = false;
  }

  private endTurn(side: Side, endMs: number, events: AudioEvent[], now = endMs): void {
    const turn = this.turns[side];
    if (!turn) return;
    delete this.turns[side];
    if (!turn.announced) return;
    events.push({ type: 'monologue-end', side, atMs: now, startMs: turn.startMs, endMs });
    this.closedSpans.push({ kind: 'monologue', side, startMs: turn.startMs, endMs });
  }
}

export interface BufferAnalysis {
  events: AudioEvent[];
  spans: Span[];
  stats: TalkStats;
  frames: Record<Side, FrameResult[]>;
}

/**
 * Whole-buffer convenience (tests, offline review): analyse two recordings
 * side by side. A missing or shorter side is padded with silence.
 */
export function analyzeBuffers(input: {
  caller: Float32Array;
  agent?: Float32Array;
  sampleRate: number;
  config?: Partial<AudioConfig>;
  speechLike?: (side: Side, frameIndex: number) => boolean;
}): BufferAnalysis {
  const analyser = new DuplexAnalyser({ sampleRate: input.sampleRate, config: input.config, keepFrames: true, speechLike: input.speechLike });
  const length = Math.max(input.caller.length, input.agent?.length ?? 0);
  const pad = (samples: Float32Array | undefined) => {
    if (samples && samples.length === length) return samples;
    const out = new Float32Array(length);
    if (samples) out.set(samples);
    return out;
  };
  const events = [...analyser.push(pad(input.caller), pad(input.agent)), ...analyser.finish()];
  return { events, spans: analyser.spans(), stats: analyser.stats(), frames: { caller: analyser.frameResults('caller'), agent: analyser.frameResults('agent') } };
}
