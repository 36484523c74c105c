import { Invitation, Inviter, SIPExtension, UserAgent } from 'sip.js';
import ringtoneUrl from '../../../../assets/ringtone.wav?url';
import { beep } from './beep';
import { ConferenceMixer } from './conference-mixer';
import { overridableSessionDescriptionHandlerFactory, usesMicrophone } from './media-override';
import { closeEarlyMicrophone, openMicrophoneEarly } from './early-microphone';
import { closeEarlyAnswer, prepareAnswer, withEarlyAnswer } from './early-answer';
import type { PhoneDeps } from './phone-service';
import { currentPreferences } from './phone-preferences';
import { browserNetworkSources } from './network-change';
import { RemoteAudio } from './remote-audio';
import { sipRegisterClient } from './registration/register-client';
import { sipInstanceId } from './registration/instance-id';
import { mediaRouting, Ringer } from '../devices';

/** The real sip.js and browser audio; tests pass fakes to PhoneService instead. */
export function browserPhoneDeps(): PhoneDeps {
  return {
    createUserAgent: (options) =>
      new UserAgent({
        ...options,
        // A monitor leg sends a mix, not the microphone (features/monitor); every other call is unchanged.
        // An incoming call's answer is prepared while it rings (early-answer.ts).
        sessionDescriptionHandlerFactory: withEarlyAnswer(overridableSessionDescriptionHandlerFactory),
        // Take over: the caller arrives at the lead's desk with an INVITE that Replaces the monitor leg.
        sipExtensionReplaces: SIPExtension.Supported,
      }),
    createRegisterClient: (userAgent) => sipRegisterClient(userAgent, sipInstanceId()),
    instanceId: () => sipInstanceId(),
    createInviter: (userAgent, target, options) => new Inviter(userAgent, target, options),
    makeUri: (text) => UserAgent.makeURI(text),
    // The ringer and call audio follow the agent's device choice (features/devices).
    ringtone: new Ringer(ringtoneUrl, mediaRouting()),
    remoteAudio: new RemoteAudio((element) => mediaRouting().registerOutput(element, 'speaker')),
    media: {
      microphone: () => mediaRouting().microphoneConstraints(),
      callStarted: (peerConnection, localStream) => mediaRouting().callMediaStarted(peerConnection, localStream),
      ringing: (session, constraints) => {
        if (!usesMicrophone(session) || !(session instanceof Invitation)) return;
        openMicrophoneEarly(session, constraints);
        prepareAnswer(session, session.body ?? '', { constraints }, overridableSessionDescriptionHandlerFactory);
      },
      ended: (session) => {
        closeEarlyAnswer(session);
        closeEarlyMicrophone(session);
      },
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
