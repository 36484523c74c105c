import { describe, expect, it } from 'vitest';
import { microphoneConstraints, planAfterDeviceChange, resolveDevice, sinkIdFor, type DeviceEntry } from './device-choice';

const mic = (deviceId: string, groupId: string, label = deviceId): DeviceEntry => ({ deviceId, groupId, label, kind: 'audioinput' });
const out = (deviceId: string, groupId: string, label = deviceId): DeviceEntry => ({ deviceId, groupId, label, kind: 'audiooutput' });

// A laptop with built-in audio, and a USB headset plugged in.
const LAPTOP = [mic('default', 'g-laptop'), mic('laptop-mic', 'g-laptop'), out('default', 'g-laptop'), out('laptop-spk', 'g-laptop')];
const WITH_HEADSET = [
  mic('default', 'g-headset'),
  mic('laptop-mic', 'g-laptop'),
  mic('headset-mic', 'g-headset'),
  out('default', 'g-headset'),
  out('laptop-spk', 'g-laptop'),
  out('headset-spk', 'g-headset'),
];

describe('resolveDevice', () => {
  it('uses the preferred device when present, else the default, and says it fell back', () => {
    expect(resolveDevice('microphone', 'headset-mic', WITH_HEADSET)).toEqual({ deviceId: 'headset-mic', groupId: 'g-headset', fellBack: false });
    expect(resolveDevice('microphone', 'headset-mic', LAPTOP)).toEqual({ deviceId: 'default', groupId: 'g-laptop', fellBack: true });
    expect(resolveDevice('speaker', '', LAPTOP)).toEqual({ deviceId: 'default', groupId: 'g-laptop', fellBack: false });
  });

  it('never picks a device of the other kind', () => {
    expect(resolveDevice('ringer', 'headset-mic', WITH_HEADSET).deviceId).toBe('default');
    expect(resolveDevice('microphone', '', [out('default', 'g')])).toEqual({ deviceId: '', groupId: null, fellBack: false });
  });
});

describe('planAfterDeviceChange', () => {
  it('falls back to the default when the headset is unplugged mid-call', () => {
    expect(planAfterDeviceChange('microphone', 'headset-mic', { deviceId: 'headset-mic', groupId: 'g-headset' }, LAPTOP)).toEqual({
      change: true,
      deviceId: 'default',
      groupId: 'g-laptop',
      reason: 'lost',
    });
  });

  it('goes back to the chosen headset when it is plugged in again', () => {
    expect(planAfterDeviceChange('speaker', 'headset-spk', { deviceId: 'default', groupId: 'g-laptop' }, WITH_HEADSET)).toEqual({
      change: true,
      deviceId: 'headset-spk',
      groupId: 'g-headset',
      reason: 'returned',
    });
  });

  it('follows the system default to a newly plugged headset when the agent chose "default"', () => {
    expect(planAfterDeviceChange('microphone', '', { deviceId: 'default', groupId: 'g-laptop' }, WITH_HEADSET)).toEqual({
      change: true,
      deviceId: 'default',
      groupId: 'g-headset',
      reason: 'default-changed',
    });
  });

  it('keeps everything when an unrelated device comes or goes', () => {
    const withWebcamMic = [...WITH_HEADSET, mic('webcam-mic', 'g-webcam')];
    expect(planAfterDeviceChange('microphone', 'headset-mic', { deviceId: 'headset-mic', groupId: 'g-headset' }, withWebcamMic)).toEqual({ change: false });
    expect(planAfterDeviceChange('ringer', 'laptop-spk', { deviceId: 'laptop-spk', groupId: 'g-laptop' }, LAPTOP)).toEqual({ change: false });
  });

  it('does nothing for a role not in use (no call, no ring)', () => {
    expect(planAfterDeviceChange('speaker', 'headset-spk', null, LAPTOP)).toEqual({ change: false });
  });
});

describe('constraints and sink ids', () => {
  it('asks for the preferred microphone as ideal, so a missing one cannot fail the answer', () => {
    expect(microphoneConstraints('headset-mic')).toEqual({ deviceId: { ideal: 'headset-mic' } });
    expect(microphoneConstraints('')).toBe(true);
    expect(microphoneConstraints('default')).toBe(true);
  });

  it('maps the default output to the empty sink id', () => {
    expect(sinkIdFor('default')).toBe('');
    expect(sinkIdFor('headset-spk')).toBe('headset-spk');
  });
});
