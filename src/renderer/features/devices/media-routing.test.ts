import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_AUDIO_DEVICES } from '../../../shared/domain/agent-state';
import { MediaRouting, type DeviceSwitchNotice } from './media-routing';

interface FakeDevice {
  deviceId: string;
  groupId: string;
  label: string;
  kind: 'audioinput' | 'audiooutput' | 'videoinput';
}

/** navigator.mediaDevices as Chromium answers it: a 'default' entry per audio kind, and a camera. */
function fakeMediaDevices(initial: FakeDevice[]) {
  let devices = initial;
  let onChange: (() => void) | null = null;
  const media = {
    enumerations: 0,
    enumerateDevices: vi.fn(async () => {
      media.enumerations++;
      return devices;
    }),
    addEventListener: (type: string, listener: () => void) => {
      if (type === 'devicechange') onChange = listener;
    },
    /** The OS reports a change: the new list, then the event. */
    change(next: FakeDevice[]) {
      devices = next;
      onChange?.();
    },
  };
  return media;
}

/** An <audio> element's routing: what setSinkId was asked, and which ids it refuses (a device that is gone). */
function fakeOutput(missing: string[] = []) {
  const sinks: string[] = [];
  const element = {
    setSinkId: async (id: string) => {
      sinks.push(id);
      if (missing.includes(id)) throw new DOMException('Requested device not found', 'NotFoundError');
    },
  };
  return { element: element as unknown as HTMLMediaElement, sinks };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const LIST: FakeDevice[] = [
  { deviceId: 'default', groupId: 'g-speakers', label: 'Default - Speakers', kind: 'audiooutput' },
  { deviceId: 'speakers', groupId: 'g-speakers', label: 'Speakers', kind: 'audiooutput' },
  { deviceId: 'usb-ringer', groupId: 'g-ringer', label: 'USB ringer', kind: 'audiooutput' },
  { deviceId: 'default', groupId: 'g-mic', label: 'Default - Microphone', kind: 'audioinput' },
  { deviceId: 'cam', groupId: 'g-cam', label: 'Camera', kind: 'videoinput' },
];

describe('MediaRouting before and after the device list is read', () => {
  let media: ReturnType<typeof fakeMediaDevices>;
  beforeEach(() => {
    media = fakeMediaDevices(LIST);
    vi.stubGlobal('navigator', { mediaDevices: media });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('routes the ringer to the stored device without listing devices (listing starts the video capture service)', async () => {
    const routing = new MediaRouting();
    await routing.setPreferences({ ...DEFAULT_AUDIO_DEVICES, ringerId: 'usb-ringer' });
    const ringer = fakeOutput();
    routing.registerOutput(ringer.element, 'ringer');
    await flush();
    expect(ringer.sinks).toEqual(['usb-ringer']);
    expect(media.enumerations).toBe(0);
  });

  it('falls back to the default output when the stored device is gone, and says so once the list is read', async () => {
    const notices: DeviceSwitchNotice[] = [];
    const routing = new MediaRouting((notice) => notices.push(notice));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await routing.setPreferences({ ...DEFAULT_AUDIO_DEVICES, ringerId: 'unplugged-headset' });
    const ringer = fakeOutput(['unplugged-headset']);
    routing.registerOutput(ringer.element, 'ringer');
    await flush();
    expect(ringer.sinks).toEqual(['unplugged-headset', '']);
    await routing.watch();
    // Already on the default, as the list would have chosen: nothing to switch, nothing to tell.
    media.change(LIST);
    await flush();
    expect(notices).toEqual([]);
  });

  it('routed before the list, then a change of the default device is noticed (the list completes what is in use)', async () => {
    const notices: DeviceSwitchNotice[] = [];
    const routing = new MediaRouting((notice) => notices.push(notice));
    const speaker = fakeOutput();
    routing.registerOutput(speaker.element, 'speaker');
    await flush();
    expect(speaker.sinks).toEqual(['']);
    await routing.watch();
    expect(media.enumerations).toBe(1);

    // The same list again: the default is still the speakers, no notice.
    media.change(LIST);
    await flush();
    expect(notices).toEqual([]);

    // A headset becomes the OS default: the speaker follows it and the agent is told.
    const headset: FakeDevice = { deviceId: 'headset', groupId: 'g-headset', label: 'Headset', kind: 'audiooutput' };
    media.change([{ ...headset, deviceId: 'default', label: 'Default - Headset' }, headset, ...LIST.slice(1)]);
    await flush();
    expect(notices).toEqual([{ role: 'speaker', reason: 'default-changed', label: 'Default - Headset' }]);
  });

  it('reads the list on every watch (the picker opening), and follows devicechange with one listener', async () => {
    const routing = new MediaRouting();
    await routing.watch();
    await routing.watch();
    expect(media.enumerations).toBe(2);
    media.change(LIST);
    await flush();
    expect(media.enumerations).toBe(3);
  });
});
