import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskCallEvent } from '../call-session';

// The recorder's WebAudio and MediaRecorder and main's IPC are stand-ins here: what is
// checked is what the desk asks of them as a call and its consultation come and go.
const recorders: FakeRecorder[] = [];
const marks: { kind: string; at: number }[] = [];
const starts: string[] = [];

class FakeRecorder {
  state: 'recording' | 'paused' | 'stopped' = 'recording';
  readonly legs: { remote: unknown; local: unknown; live: boolean }[] = [];
  constructor(readonly streams: { remote: unknown; local: unknown }) {}
  pause() {
    this.state = 'paused';
  }
  resume() {
    this.state = 'recording';
  }
  addLeg(streams: { remote: unknown; local: unknown }) {
    const leg = { ...streams, live: true };
    this.legs.push(leg);
    return () => {
      leg.live = false;
    };
  }
  async stop() {
    this.state = 'stopped';
  }
}

vi.mock('./call-recorder', () => ({
  CallRecorder: {
    supported: () => true,
    start: (streams: { remote: unknown; local: unknown }) => {
      const recorder = new FakeRecorder(streams);
      recorders.push(recorder);
      return recorder;
    },
  },
}));
vi.mock('../../base/call-audio', () => ({ callAudio: { acquire: () => ({ release: () => undefined }) } }));
vi.mock('../../ipc/bridge', () => ({
  bridge: () => ({
    recordings: {
      settings: async () => ({ ok: true, value: { policy: 'all', retentionDays: 180, keyProtection: 'os-keychain' } }),
      start: async ({ callId }: { callId: string }) => {
        starts.push(callId);
        return { ok: true, value: { recordingId: `rec-${callId}` } };
      },
      mark: async ({ kind, at }: { kind: string; at: number }) => {
        marks.push({ kind, at });
        return { ok: true, value: { done: true } };
      },
      chunk: async () => ({ ok: true, value: { done: true } }),
      finish: async () => ({ ok: true, value: {} }),
    },
  }),
}));

const { RecordingDesk } = await import('./recording-desk');

const stream = (name: string) => ({ name }) as unknown as MediaStream;
const ringing = (callId: string, consultFor: string | null): DeskCallEvent =>
  ({ type: 'ringing', callId, source: 'sip', direction: consultFor ? 'outbound' : 'inbound', caller: { number: '1', name: '' }, at: 0, waiting: false, autoAnswerAt: null, consultFor, practice: false }) as DeskCallEvent;
const answered = (callId: string, at: number, remote: MediaStream, local: MediaStream): DeskCallEvent => ({ type: 'answered', callId, at, media: { remote, local } }) as DeskCallEvent;
const simple = (type: 'held' | 'resumed', callId: string, at: number): DeskCallEvent => ({ type, callId, at, by: 'agent' }) as DeskCallEvent;
const ended = (callId: string, at: number): DeskCallEvent => ({ type: 'ended', callId, at, outcome: 'answered', endedBy: 'agent', quality: null, transferred: false }) as DeskCallEvent;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('recording a call with the consultation the agent made about it', () => {
  let emit: (event: DeskCallEvent) => void;

  beforeEach(async () => {
    recorders.length = 0;
    marks.length = 0;
    starts.length = 0;
    const desk = new RecordingDesk();
    desk.start({
      onCallEvent: (listener) => {
        emit = listener;
        return () => undefined;
      },
    });
    await settle();
  });

  it('mixes the consultation into the call’s recording (consulted party left, agent right) and records it while the caller is held', async () => {
    const [caller, mic, consulted, mic2] = [stream('caller'), stream('mic'), stream('consulted'), stream('mic-2')];
    emit(ringing('call-1', null));
    emit(answered('call-1', 1_000, caller, mic));
    expect(recorders).toHaveLength(1);
    const recorder = recorders[0]!;
    expect(recorder.streams).toEqual({ remote: caller, local: mic });

    // Attended transfer: the caller is held, then the consultation is placed and answered.
    emit(simple('held', 'call-1', 5_000));
    expect(recorder.state).toBe('paused');
    emit(ringing('call-2', 'call-1'));
    emit(answered('call-2', 8_000, consulted, mic2));
    expect(recorders).toHaveLength(1); // no recording of its own
    expect(recorder.legs).toEqual([{ remote: consulted, local: mic2, live: true }]);
    expect(recorder.state).toBe('recording');

    // The consultation ends with the caller still held: paused again; the caller back: recording.
    emit(ended('call-2', 20_000));
    expect(recorder.legs[0]!.live).toBe(false);
    expect(recorder.state).toBe('paused');
    emit(simple('resumed', 'call-1', 22_000));
    expect(recorder.state).toBe('recording');
    await settle();
    // The marks main keeps are the spans not recorded: 5 s → 8 s and 20 s → 22 s.
    expect(marks).toEqual([
      { kind: 'held', at: 5_000 },
      { kind: 'resumed', at: 8_000 },
      { kind: 'held', at: 20_000 },
      { kind: 'resumed', at: 22_000 },
    ]);
    expect(starts).toEqual(['call-1']);
  });

  it('keeps recording through a hold while a joined leg is up, and a consultation about an unrecorded call is recorded on its own', async () => {
    emit(ringing('call-1', null));
    emit(answered('call-1', 0, stream('caller'), stream('mic')));
    emit(ringing('call-2', 'call-1'));
    emit(answered('call-2', 1_000, stream('consulted'), stream('mic')));
    emit(simple('held', 'call-1', 2_000));
    expect(recorders[0]!.state).toBe('recording');
    await settle();
    expect(marks).toEqual([]);

    emit(ringing('call-3', 'call-9'));
    emit(answered('call-3', 3_000, stream('other'), stream('mic')));
    expect(recorders).toHaveLength(2);
    await settle();
    expect(starts).toEqual(['call-1', 'call-3']);
  });
});
