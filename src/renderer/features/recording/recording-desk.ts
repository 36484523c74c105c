import type { RecordingPolicy, RecordingSettings } from '../../../shared/recording/recording';
import { RECORDING_MIME_TYPE } from '../../../shared/recording/recording';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import { callAudio, type CallAudioLease } from '../../base/call-audio';
import type { DeskCallEvent } from '../call-session';
import { CallRecorder } from './call-recorder';
import { useRecordingStore } from './recording-store';

interface Recorded {
  recorder: CallRecorder;
  recordingId: Promise<string | null>;
  /** The call is on hold. */
  held: boolean;
  /** The recorder is paused (held, with no other leg of the agent's to record). */
  paused: boolean;
  /** Legs mixed in (a consultation about this call): their ids and how to take them out. */
  legs: Map<string, () => void>;
}

interface CallInfo {
  practice: boolean;
  /** A consultation: the call it consults about, whose recording it joins. */
  consultFor: string | null;
  /** The desk's call audio, taken (and resumed) while ringing; the recorder's nodes are made at the answer. */
  lease: CallAudioLease | null;
  answeredAt: number | null;
  media: { remote: MediaStream | null; local: MediaStream | null } | null;
}

export interface RecordingDeskDeps {
  /** Every call event of every source (the call sessions' feed). */
  onCallEvent(listener: (event: DeskCallEvent) => void): () => void;
}

/**
 * Records the desk's answered calls (practice calls too, marked practice) as
 * the desk's policy says: every call, none, or on the agent's request. Holds
 * pause the recording and are marked in main; the end stops it and main adds
 * the duration and seek index, and keeps the peaks measured while recording.
 */
export class RecordingDesk {
  private readonly calls = new Map<string, CallInfo>();
  private readonly recorded = new Map<string, Recorded>();
  private policy: RecordingPolicy = 'all';

  start(deps: RecordingDeskDeps): () => void {
    void this.loadPolicy();
    return deps.onCallEvent((event) => this.onEvent(event));
  }

  /**
   * Makes the calls' audio context and loads its worklets ahead of the first call (not at its answer). Called once
   * the start's work is done: opening the audio device took 67 ms of the main thread, which an idle callback ran
   * while the desk waited for its settings, in front of the first REGISTER.
   */
  warm(): Promise<void> {
    return callAudio.warm();
  }

  async loadPolicy(): Promise<void> {
    try {
      const view = await unwrap(bridge().recordings.settings({}));
      this.policy = view.policy;
      useRecordingStore.getState().setSettings(view);
    } catch (error) {
      console.warn('Recording settings could not be read; recording every call', error);
    }
  }

  async saveSettings(next: RecordingSettings): Promise<void> {
    const view = await unwrap(bridge().recordings.saveSettings(next));
    this.policy = view.policy;
    useRecordingStore.getState().setSettings(view);
  }

  /** On demand: the agent starts recording the answered call now. */
  recordNow(callId: string): void {
    const call = this.calls.get(callId);
    if (!call?.media || call.answeredAt === null || this.recorded.has(callId)) return;
    this.begin(callId, call, Date.now());
  }

  private onEvent(event: DeskCallEvent): void {
    switch (event.type) {
      case 'ringing':
        this.calls.set(event.callId, { practice: event.practice, consultFor: event.consultFor, lease: this.policy === 'all' && CallRecorder.supported() ? callAudio.acquire() : null, answeredAt: null, media: null });
        return;
      case 'answered': {
        const call = this.calls.get(event.callId) ?? { practice: false, consultFor: null, lease: null, answeredAt: null, media: null };
        call.answeredAt = event.at;
        call.media = { remote: event.media.remote, local: event.media.local };
        this.calls.set(event.callId, call);
        if (this.joinLeg(event.callId, call, event.at)) return;
        if (this.policy === 'all') this.begin(event.callId, call, event.at);
        else {
          call.lease?.release();
          call.lease = null;
          useRecordingStore.getState().setCall(event.callId, this.policy === 'on-demand' ? 'available' : 'off');
        }
        return;
      }
      case 'held':
      case 'resumed': {
        const recorded = this.recorded.get(event.callId);
        if (!recorded) return;
        recorded.held = event.type === 'held';
        this.follow(recorded, event.at);
        return;
      }
      case 'ended': {
        const call = this.calls.get(event.callId);
        // Never answered (or not recorded): its lease goes (a recorder releases its own when it stops).
        call?.lease?.release();
        this.calls.delete(event.callId);
        this.leaveLeg(event.callId, event.at);
        void this.finish(event.callId, event.at);
        return;
      }
      default:
        return;
    }
  }

  private begin(callId: string, call: CallInfo, startedAt: number): void {
    if (!call.media || (!call.media.remote && !call.media.local) || !CallRecorder.supported()) return;
    const recordingId = unwrap(bridge().recordings.start({ callId, practice: call.practice, startedAt, mimeType: RECORDING_MIME_TYPE })).then((reply) => reply.recordingId);
    recordingId.catch(() => undefined);
    const recorder = CallRecorder.start(
      call.media,
      {
        chunk: async (seq, data) => {
          const id = await recordingId;
          if (id) await unwrap(bridge().recordings.chunk({ recordingId: id, seq, data }));
        },
      },
      call.lease ?? callAudio.acquire(),
    );
    call.lease = null;
    this.recorded.set(callId, { recorder, recordingId, held: false, paused: false, legs: new Map() });
    useRecordingStore.getState().setCall(callId, 'recording');
    // Main records nothing (the policy changed meanwhile) or could not start: nothing to keep.
    recordingId.then(
      (id) => {
        if (id === null) this.drop(callId, 'off');
      },
      (error: unknown) => {
        console.warn('The recording could not start', error);
        this.drop(callId, 'failed');
      },
    );
  }

  /** A consultation answered while the call it consults about is recorded: mixed into that recording, not one of its own. */
  private joinLeg(callId: string, call: CallInfo, at: number): boolean {
    const primary = call.consultFor ? this.recorded.get(call.consultFor) : undefined;
    if (!primary || !call.media) return false;
    call.lease?.release();
    call.lease = null;
    primary.legs.set(callId, primary.recorder.addLeg(call.media));
    this.follow(primary, at);
    useRecordingStore.getState().setCall(callId, 'recording');
    return true;
  }

  private leaveLeg(callId: string, at: number): void {
    for (const recorded of this.recorded.values()) {
      const detach = recorded.legs.get(callId);
      if (!detach) continue;
      recorded.legs.delete(callId);
      detach();
      this.follow(recorded, at);
    }
  }

  /**
   * Runs the recorder while the agent is on the call or on a leg joined to it;
   * pauses it (a hold mark in main: not minutes of silence) while the call is
   * held with nothing else to record.
   */
  private follow(recorded: Recorded, at: number): void {
    const pause = recorded.held && recorded.legs.size === 0;
    if (pause === recorded.paused) return;
    recorded.paused = pause;
    if (pause) recorded.recorder.pause();
    else recorded.recorder.resume();
    const kind = pause ? 'held' : 'resumed';
    void recorded.recordingId.then((recordingId) => (recordingId ? unwrap(bridge().recordings.mark({ recordingId, kind, at })) : null)).catch((error: unknown) => console.warn('Recording mark not kept', error));
  }

  private drop(callId: string, state: 'off' | 'failed'): void {
    const recorded = this.recorded.get(callId);
    if (!recorded) return;
    this.recorded.delete(callId);
    recorded.recorder.stop().catch(() => undefined);
    useRecordingStore.getState().setCall(callId, state);
  }

  private async finish(callId: string, endedAt: number): Promise<void> {
    const recorded = this.recorded.get(callId);
    if (!recorded) {
      useRecordingStore.getState().setCall(callId, null);
      return;
    }
    this.recorded.delete(callId);
    try {
      const peaks = await recorded.recorder.stop();
      const recordingId = await recorded.recordingId;
      if (recordingId) await unwrap(bridge().recordings.finish({ recordingId, endedAt, ...(peaks ? { peaks } : {}) }));
      useRecordingStore.getState().setCall(callId, null);
    } catch (error) {
      // Main repairs an unfinished recording at its next start: what was kept stays.
      console.warn('The recording could not be finished', error);
      useRecordingStore.getState().setCall(callId, 'failed');
    }
  }
}

export const recordingDesk = new RecordingDesk();
