import { Inviter, Registerer, UserAgent } from 'sip.js';
import ringtoneUrl from '../../../../assets/ringtone.wav?url';
import { beep } from './beep';
import { ConferenceMixer } from './conference-mixer';
import type { PhoneDeps } from './phone-service';
import { REGISTER_EXPIRES_S } from './phone-service';
import { currentPreferences } from './phone-preferences';
import { browserNetworkSources } from './network-change';
import { RemoteAudio } from './remote-audio';
import { mediaRouting } from '../devices/media-routing';
import { Ringer } from '../devices/ringer';

/** The real sip.js and browser audio; tests pass fakes to PhoneService instead. */
export function browserPhoneDeps(): PhoneDeps {
  return {
    createUserAgent: (options) => new UserAgent(options),
    // Our own REGISTER timeout decides; sip.js logging its config on every replacement is noise.
    // We refresh at half the granted expiry ourselves (registration-refresh.ts); sip.js's own
    // refresh at 99 % then never fires first.
    createRegisterer: (userAgent) => new Registerer(userAgent, { logConfiguration: false, expires: REGISTER_EXPIRES_S }),
    createInviter: (userAgent, target, options) => new Inviter(userAgent, target, options),
    makeUri: (text) => UserAgent.makeURI(text),
    // The ringer and call audio follow the agent's device choice (features/devices).
    ringtone: new Ringer(ringtoneUrl, mediaRouting()),
    remoteAudio: new RemoteAudio((element) => mediaRouting().registerOutput(element, 'speaker')),
    media: {
      microphone: () => mediaRouting().microphoneConstraints(),
      callStarted: (peerConnection, localStream) => mediaRouting().callMediaStarted(peerConnection, localStream),
    },
    beep: () => beep(),
    createMixer: () => new ConferenceMixer(),
    preferences: () => currentPreferences(),
    backupServers: () => currentPreferences().backupServers,
    networkEvents: () => browserNetworkSources(),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    random: () => Math.random(),
  };
}
