/**
 * Which audio device to use, as pure decisions so they can be tested without
 * hardware. A preference of '' means "the system default".
 */
export type DeviceRole = 'microphone' | 'speaker' | 'ringer';

export interface DeviceEntry {
  deviceId: string;
  groupId: string;
  label: string;
  kind: 'audioinput' | 'audiooutput';
}

export interface DeviceInUse {
  /** What we asked for: a device ID, or 'default'. */
  deviceId: string;
  /** The physical device behind it when we asked (for 'default', the OS default at that time). */
  groupId: string | null;
}

export type SwitchReason =
  /** The chosen device went away (headset unplugged): now on the default. */
  | 'lost'
  /** The chosen device came back (headset plugged in again). */
  | 'returned'
  /** We follow the system default, and the default is now another device. */
  | 'default-changed';

export type SwitchPlan = { change: false } | { change: true; deviceId: string; groupId: string | null; reason: SwitchReason };

export const kindOf = (role: DeviceRole): DeviceEntry['kind'] => (role === 'microphone' ? 'audioinput' : 'audiooutput');

/** Chromium lists a 'default' entry per kind; without one, the first device is what the default means. */
const DEFAULT_ID = 'default';

export function resolveDevice(
  role: DeviceRole,
  preferredId: string,
  available: readonly DeviceEntry[],
): { deviceId: string; groupId: string | null; fellBack: boolean } {
  const kind = kindOf(role);
  const ofKind = available.filter((device) => device.kind === kind);
  if (preferredId && preferredId !== DEFAULT_ID) {
    const preferred = ofKind.find((device) => device.deviceId === preferredId);
    if (preferred) return { deviceId: preferred.deviceId, groupId: preferred.groupId, fellBack: false };
  }
  const fallback = ofKind.find((device) => device.deviceId === DEFAULT_ID) ?? ofKind[0];
  return {
    deviceId: fallback ? DEFAULT_ID : '',
    groupId: fallback?.groupId ?? null,
    fellBack: Boolean(preferredId) && preferredId !== DEFAULT_ID,
  };
}

/**
 * After a `devicechange` (a headset plugged in or out, mid-call or not): keep
 * the device in use, or switch, and why. The agent is told about every switch.
 */
export function planAfterDeviceChange(
  role: DeviceRole,
  preferredId: string,
  inUse: DeviceInUse | null,
  available: readonly DeviceEntry[],
): SwitchPlan {
  if (!inUse) return { change: false };
  const target = resolveDevice(role, preferredId, available);
  if (target.deviceId !== inUse.deviceId) {
    const reason: SwitchReason = target.fellBack ? 'lost' : target.deviceId === preferredId ? 'returned' : 'lost';
    return { change: true, deviceId: target.deviceId, groupId: target.groupId, reason };
  }
  // Same ID: if it is the default, it may now stand for another physical device.
  if (target.deviceId === DEFAULT_ID && target.groupId !== inUse.groupId) {
    return { change: true, deviceId: target.deviceId, groupId: target.groupId, reason: 'default-changed' };
  }
  return { change: false };
}

/** getUserMedia constraints for the preferred microphone: `ideal`, so a missing one falls back to the default instead of failing the answer. */
export function microphoneConstraints(preferredId: string): MediaTrackConstraints | true {
  return preferredId && preferredId !== DEFAULT_ID ? { deviceId: { ideal: preferredId } } : true;
}

/** The id for HTMLMediaElement.setSinkId: '' is the default output. */
export const sinkIdFor = (deviceId: string): string => (deviceId === DEFAULT_ID ? '' : deviceId);
