import { Registerer, UserAgent } from 'sip.js';
import ringtoneUrl from '../../../../assets/ringtone.wav?url';
import type { PhoneDeps } from './phone-service';
import { RemoteAudio } from './remote-audio';
import { Ringtone } from './ringtone';

/** The real sip.js and browser audio; tests pass fakes to PhoneService instead. */
export function browserPhoneDeps(): PhoneDeps {
  return {
    createUserAgent: (options) => new UserAgent(options),
    // Our own REGISTER timeout decides; sip.js logging its config on every replacement is noise.
    createRegisterer: (userAgent) => new Registerer(userAgent, { logConfiguration: false }),
    makeUri: (text) => UserAgent.makeURI(text),
    ringtone: new Ringtone(ringtoneUrl),
    remoteAudio: new RemoteAudio(),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    random: () => Math.random(),
  };
}
