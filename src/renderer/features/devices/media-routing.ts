import { callAudio } from '../../base/call-audio';
import { DEFAULT_AUDIO_DEVICES, type AudioDevices } from '../../../shared/domain/agent-state';
import {
  kindOf,
  microphoneConstraints,
  planAfterDeviceChange,
  resolveDevice,
  sinkIdFor,
  type DeviceEntry,
  type DeviceInUse,
  type DeviceRole,
  type SwitchReason,
} from './device-choice';

export interface DeviceSwitchNotice {
  role: DeviceRole;
  reason: SwitchReason;
  /** The device now in use, as the OS names it. */
  label: string;
}

type OutputRole = 'speaker' | 'ringer';
const PREFERENCE: Record<DeviceRole, keyof AudioDevices> = { microphone: 'microphoneId', speaker: 'speakerId', ringer: 'ringerId' };

/**
 * Routes call audio to the agent's chosen devices, and re-routes it when
 * devices come and go: the caller's voice and the ringtone to their outputs
 * (HTMLMediaElement.setSinkId), the microphone into every live call
 * (RTCRtpSender.replaceTrack, so no re-INVITE is needed). The phone service
 * reports its media elements and peer connections here through small hooks.
 */
export class MediaRouting {
  private preferences: AudioDevices = DEFAULT_AUDIO_DEVICES;
  private devices: DeviceEntry[] = [];
  private readonly outputs = new Map<HTMLMediaElement, OutputRole>();
  /** Live calls, with sip.js's local stream (its mute and hold act on that stream's tracks). */
  private readonly calls = new Map<RTCPeerConnection, MediaStream | null>();
  /** Microphone tracks we opened (after a switch); sip.js does not know to stop them. */
  private readonly ownTracks = new Map<RTCPeerConnection, MediaStreamTrack>();
  private readonly inUse: Partial<Record<DeviceRole, DeviceInUse>> = {};
  private watching = false;
  /** Whether the device list has been read: watching starts after the start's work (see `watch`). */
  private listed = false;

  constructor(
    private readonly onSwitch: (notice: DeviceSwitchNotice) => void = () => undefined,
    private readonly onDevices: (devices: DeviceEntry[]) => void = () => undefined,
  ) {}

  /**
   * Starts following devicechange and reads the device list. Either one starts Chromium's video capture
   * service (a process of its own, ~150-190 ms of CPU in the lab), so the desk calls this after its start's work,
   * not during it; until then outputs are routed to the chosen device's id as stored.
   */
  async watch(): Promise<DeviceEntry[]> {
    const media = navigator.mediaDevices;
    if (!media) return [];
    if (!this.watching) {
      this.watching = true;
      media.addEventListener('devicechange', () => void this.onDeviceChange());
    }
    return this.refresh();
  }

  async refresh(): Promise<DeviceEntry[]> {
    const list = (await navigator.mediaDevices?.enumerateDevices().catch(() => [])) ?? [];
    this.devices = list
      .filter((device) => device.kind === 'audioinput' || device.kind === 'audiooutput')
      .map((device) => ({ deviceId: device.deviceId, groupId: device.groupId, label: device.label, kind: device.kind as DeviceEntry['kind'] }));
    if (!this.listed) this.completeInUse();
    this.listed = true;
    this.onDevices(this.devices);
    return this.devices;
  }

  /** The agent chose devices: apply them now, mid-call included. */
  async setPreferences(next: AudioDevices): Promise<void> {
    const before = this.preferences;
    this.preferences = next;
    for (const [element, role] of this.outputs) await this.routeOutput(element, role);
    if (before.microphoneId !== next.microphoneId) {
      await this.switchMicrophone(this.target('microphone').deviceId);
    }
  }

  // --- Hooks the phone calls -------------------------------------------------

  /** An element that plays call audio or the ringtone; routed now and after every change. */
  registerOutput(element: HTMLMediaElement, role: OutputRole): void {
    this.outputs.set(element, role);
    void this.routeOutput(element, role);
  }

  microphoneConstraints(): MediaTrackConstraints | true {
    return microphoneConstraints(this.preferences.microphoneId);
  }

  /** A call's media is up: a device switch from now on must reach it. */
  callMediaStarted(peerConnection: RTCPeerConnection, localStream: MediaStream | null = null): void {
    this.prune();
    this.calls.set(peerConnection, localStream);
    const track = audioSenders(peerConnection)[0]?.track;
    const settings = track?.getSettings();
    this.inUse.microphone = {
      deviceId: resolveDevice('microphone', this.preferences.microphoneId, this.devices).deviceId || (settings?.deviceId ?? ''),
      groupId: settings?.groupId ?? null,
    };
  }

  /** Forget calls whose peer connection has closed, and release microphones we opened for them. */
  prune(): void {
    for (const pc of [...this.calls.keys()]) {
      if (pc.signalingState !== 'closed') continue;
      this.calls.delete(pc);
      this.ownTracks.get(pc)?.stop();
      this.ownTracks.delete(pc);
    }
    if (this.calls.size === 0) delete this.inUse.microphone;
  }

  // --- Internals ---------------------------------------------------------------

  private async onDeviceChange(): Promise<void> {
    const devices = await this.refresh();
    this.prune();
    for (const role of ['microphone', 'speaker', 'ringer'] as const) {
      const plan = planAfterDeviceChange(role, this.preferences[PREFERENCE[role]], this.inUse[role] ?? null, devices);
      if (!plan.change) continue;
      if (role === 'microphone') await this.switchMicrophone(plan.deviceId);
      else for (const [element, output] of this.outputs) if (output === role) await this.routeOutput(element, role);
      const label = devices.find((device) => device.deviceId === plan.deviceId && device.kind === (role === 'microphone' ? 'audioinput' : 'audiooutput'))?.label ?? '';
      this.onSwitch({ role, reason: plan.reason, label });
    }
  }

  private async routeOutput(element: HTMLMediaElement, role: OutputRole): Promise<void> {
    const target = this.target(role);
    this.inUse[role] = { deviceId: target.deviceId || 'default', groupId: target.groupId };
    const sinkable = element as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };
    if (!sinkable.setSinkId) return;
    await sinkable.setSinkId(sinkIdFor(target.deviceId)).catch((error: unknown) => {
      // The device vanished between the list and the call (or before the list, the stored one is gone): the default.
      console.warn(`Could not route the ${role} to ${target.deviceId}`, error);
      this.inUse[role] = { deviceId: 'default', groupId: this.listed ? resolveDevice(role, '', this.devices).groupId : null };
      return sinkable.setSinkId?.('').catch(() => undefined);
    });
  }

  /** The device to use for a role: the preference resolved against the list, or as stored before there is one. */
  private target(role: DeviceRole): { deviceId: string; groupId: string | null } {
    const preferred = this.preferences[PREFERENCE[role]];
    return this.listed ? resolveDevice(role, preferred, this.devices) : unlistedTarget(preferred);
  }

  /** Routed before the list was read: the physical device behind each id in use, as the first list tells it. */
  private completeInUse(): void {
    for (const role of ['microphone', 'speaker', 'ringer'] as const) {
      const used = this.inUse[role];
      if (!used || used.groupId !== null) continue;
      used.groupId = this.devices.find((device) => device.kind === kindOf(role) && device.deviceId === used.deviceId)?.groupId ?? null;
    }
  }

  /** Opens `deviceId` and puts it into every live call in place of the old microphone. */
  private async switchMicrophone(deviceId: string): Promise<void> {
    this.prune();
    if (this.calls.size === 0) return;
    let fresh: MediaStreamTrack | undefined;
    try {
      const audio = deviceId && deviceId !== 'default' ? { deviceId: { exact: deviceId } } : true;
      fresh = (await navigator.mediaDevices.getUserMedia({ audio, video: false })).getAudioTracks()[0];
    } catch (error) {
      console.warn('Could not open the microphone', deviceId, error);
      return;
    }
    if (!fresh) return;
    let first = true;
    for (const [pc, localStream] of this.calls) {
      const track = first ? fresh : fresh.clone();
      first = false;
      const senders = audioSenders(pc);
      // The microphone in use is sip.js's stream's track; a sender carrying something else (a barge or conference
      // mix, which reads that stream through the shared call audio) keeps it, and the mix follows the stream.
      const old = localStream?.getAudioTracks()[0] ?? senders[0]?.track ?? null;
      track.enabled = old?.enabled ?? true; // a muted call stays muted
      for (const sender of senders) if (sender.track === old) await sender.replaceTrack(track);
      if (localStream) {
        // Keep sip.js's stream in step, so its mute/hold and its clean-up reach the new track.
        if (old && old !== track) localStream.removeTrack(old);
        if (!localStream.getTracks().includes(track)) localStream.addTrack(track);
        // The recorder, guidance and any mix read this stream through the shared call audio: they follow the new track.
        callAudio.renew(localStream);
      }
      if (old && old !== track) old.stop();
      this.ownTracks.set(pc, track);
    }
    this.inUse.microphone = { deviceId: deviceId || 'default', groupId: fresh.getSettings().groupId ?? null };
  }
}

/** Before the list: the stored id as it is (setSinkId falls back to the default when that device is gone). */
function unlistedTarget(preferredId: string): { deviceId: string; groupId: string | null } {
  return { deviceId: preferredId || 'default', groupId: null };
}

function audioSenders(pc: RTCPeerConnection): RTCRtpSender[] {
  return pc.getSenders().filter((sender) => sender.track?.kind === 'audio');
}

let routing: MediaRouting | null = null;
const listeners = {
  onSwitch: (_notice: DeviceSwitchNotice): void => undefined,
  onDevices: (_devices: DeviceEntry[]): void => undefined,
};

/** The one router for the window (created on first use, so importing touches no browser API). */
export function mediaRouting(): MediaRouting {
  return (routing ??= new MediaRouting(
    (notice) => listeners.onSwitch(notice),
    (devices) => listeners.onDevices(devices),
  ));
}

/** The devices store listens here. */
export function listenToMediaRouting(next: Partial<typeof listeners>): void {
  Object.assign(listeners, next);
}
