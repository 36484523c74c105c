import type { Session } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { closeEarlyMicrophone, openMicrophoneEarly, takeEarlyMicrophone } from './early-microphone';

function fakeStream() {
  const track = { readyState: 'live' as 'live' | 'ended', stopped: 0, stop() { this.stopped++; this.readyState = 'ended'; } };
  return { track, stream: { getAudioTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream };
}

const session = () => ({}) as Session;
const constraints: MediaStreamConstraints = { audio: { deviceId: { ideal: 'headset' } }, video: false };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the microphone opened while a call rings', () => {
  it('is what the answer gets, once, for the same constraints', async () => {
    const { stream, track } = fakeStream();
    const call = session();
    let opened = 0;
    openMicrophoneEarly(call, constraints, async () => (opened++, stream));
    openMicrophoneEarly(call, constraints, async () => (opened++, stream)); // a second ring event opens nothing more
    expect(await takeEarlyMicrophone(call, { ...constraints })).toBe(stream);
    expect(await takeEarlyMicrophone(call, constraints)).toBeNull(); // a re-INVITE opens its own
    closeEarlyMicrophone(call);
    await flush();
    expect(opened).toBe(1);
    expect(track.stopped).toBe(0); // the call's media owns it now
  });

  it('is closed when the call ends unanswered', async () => {
    const { stream, track } = fakeStream();
    const call = session();
    openMicrophoneEarly(call, constraints, async () => stream);
    closeEarlyMicrophone(call);
    await flush();
    expect(track.stopped).toBe(1);
    expect(await takeEarlyMicrophone(call, constraints)).toBeNull();
  });

  it('is closed and not used when the agent chose another device before answering', async () => {
    const { stream, track } = fakeStream();
    const call = session();
    openMicrophoneEarly(call, constraints, async () => stream);
    expect(await takeEarlyMicrophone(call, { audio: { deviceId: { ideal: 'speakerphone' } }, video: false })).toBeNull();
    expect(track.stopped).toBe(1);
  });

  it('leaves the answer to open its own when it could not be opened or its track has ended', async () => {
    const failed = session();
    openMicrophoneEarly(failed, constraints, () => Promise.reject(new Error('NotAllowedError')));
    expect(await takeEarlyMicrophone(failed, constraints)).toBeNull();
    const unplugged = session();
    const { stream, track } = fakeStream();
    openMicrophoneEarly(unplugged, constraints, async () => stream);
    track.readyState = 'ended';
    expect(await takeEarlyMicrophone(unplugged, constraints)).toBeNull();
    expect(await takeEarlyMicrophone(session(), constraints)).toBeNull();
  });
});
