import type { Session } from 'sip.js';

/**
 * The microphone opened while an incoming call rings, so the Answer does not
 * wait for the device to open (getUserMedia: tens of ms on the first call of a
 * shift, more on a real headset) before its 200 OK. Nothing is sent before the
 * answer: there is no peer connection until then. A call not answered (or
 * answered with other constraints: the agent changed the device meanwhile)
 * closes it again.
 */
interface Early {
  key: string;
  stream: Promise<MediaStream | null>;
  taken: boolean;
}

const early = new WeakMap<Session, Early>();

const keyOf = (constraints: MediaStreamConstraints) => JSON.stringify(constraints);

export function openMicrophoneEarly(session: Session, constraints: MediaStreamConstraints, open = (c: MediaStreamConstraints) => navigator.mediaDevices.getUserMedia(c)): void {
  if (early.has(session)) return;
  const stream = open(constraints).catch(() => null);
  early.set(session, { key: keyOf(constraints), stream, taken: false });
}

/** The stream opened at ringing for these constraints (once), or null: then the answer opens its own. */
export async function takeEarlyMicrophone(session: Session, constraints: MediaStreamConstraints): Promise<MediaStream | null> {
  const entry = early.get(session);
  if (!entry || entry.taken) return null;
  entry.taken = true;
  const stream = await entry.stream;
  if (stream && entry.key === keyOf(constraints) && stream.getAudioTracks().every((track) => track.readyState === 'live')) return stream;
  stop(stream);
  return null;
}

/** The call ended: a stream never taken by the answer is closed (one taken belongs to the call's media now). */
export function closeEarlyMicrophone(session: Session): void {
  const entry = early.get(session);
  if (!entry) return;
  early.delete(session);
  if (entry.taken) return;
  entry.taken = true;
  void entry.stream.then(stop);
}

function stop(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
