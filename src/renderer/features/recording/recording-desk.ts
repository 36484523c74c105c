import type { RecordingPolicy, RecordingSettings } from '../../../shared/recording/recording';
import { RECORDING_MIME_TYPE } from '../../../shared/recording/recording';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import type { DeskCallEvent } from '../call-session';
import { CallRecorder } from './call-recorder';
import { useRecordingStore } from './recording-store';

interface Recorded {
  recorder: CallRecorder;
  recordingId: Promise<string | null>;
}

interface CallInfo {
  practice: boolean;
  /** The recorder's audio context, made while ringing. */
  context: AudioContext | null;
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
 * the duration and seek index.
 */
export class RecordingDesk {
  private readonly calls = new Map<string, CallInfo>();
  private readonly recorded = new Map<string, Recorded>();
  private policy: RecordingPolicy = 'all';

  start(deps: RecordingDeskDeps): () => void {
    void this.loadPolicy();
    return deps.onCallEvent((event) => this.onEvent(event));
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
        this.calls.set(event.callId, { practice: event.practice, context: this.policy === 'all' && CallRecorder.supported() ? CallRecorder.prepare() : null, answeredAt: null, media: null });
        return;
      case 'answered': {
        const call = this.calls.get(event.callId) ?? { practice: false, context: null, answeredAt: null, media: null };
        call.answeredAt = event.at;
        call.media = { remote: event.media.remote, local: event.media.local };
        this.calls.set(event.callId, call);
        if (this.policy === 'all') this.begin(event.callId, call, event.at);
        else {
          void call.context?.close().catch(() => undefined);
          call.context = null;
          useRecordingStore.getState().setCall(event.callId, this.policy === 'on-demand' ? 'available' : 'off');
        }
        return;
      }
      case 'held':
      case 'resumed': {
        const recorded = this.recorded.get(event.callId);
        if (!recorded) return;
        if (event.type === 'held') recorded.recorder.pause();
        else recorded.recorder.resume();
        const at = event.at;
        void recorded.recordingId.then((recordingId) => (recordingId ? unwrap(bridge().recordings.mark({ recordingId, kind: event.type, at })) : null)).catch((error: unknown) => console.warn('Recording mark not kept', error));
        return;
      }
      case 'ended': {
        const call = this.calls.get(event.callId);
        // Never answered (or not recorded): its prepared context goes.
        if (call?.context && !this.recorded.has(event.callId)) void call.context.close().catch(() => undefined);
        this.calls.delete(event.callId);
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
      call.context ? { context: call.context } : {},
    );
    call.context = null;
    this.recorded.set(callId, { recorder, recordingId });
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
      await recorded.recorder.stop();
      const recordingId = await recorded.recordingId;
      if (recordingId) await unwrap(bridge().recordings.finish({ recordingId, endedAt }));
      useRecordingStore.getState().setCall(callId, null);
    } catch (error) {
      // Main repairs an unfinished recording at its next start: what was kept stays.
      console.warn('The recording could not be finished', error);
      useRecordingStore.getState().setCall(callId, 'failed');
    }
  }
}

export const recordingDesk = new RecordingDesk();
