import { Web, type Session, type SessionDescriptionHandlerFactory } from 'sip.js';
import { closeEarlyMicrophone, takeEarlyMicrophone } from './early-microphone';

/**
 * A session whose local audio is not the microphone: a lead's monitor leg
 * (the agent's desk sends a mix of the caller and the agent; the lead's desk
 * starts muted). The monitor feature says which sessions and what stream.
 */
export type LocalStreamOverride = (session: Session) => MediaStream | null;

let override: LocalStreamOverride | null = null;

export function setLocalStreamOverride(next: LocalStreamOverride | null): void {
  override = next;
}

const openMicrophone = Web.defaultMediaStreamFactory();

/**
 * sip.js's own factory, except that an overridden session gets its given stream instead of getUserMedia,
 * and an answered call first takes the microphone opened while it rang (early-microphone.ts).
 */
export const overridableSessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory = (session, options) => {
  const stream = override?.(session) ?? null;
  if (stream) {
    closeEarlyMicrophone(session);
    return Web.defaultSessionDescriptionHandlerFactory(() => Promise.resolve(stream))(session, options);
  }
  return Web.defaultSessionDescriptionHandlerFactory(async (constraints, handler) => (await takeEarlyMicrophone(session, constraints)) ?? openMicrophone(constraints, handler))(session, options);
};

/** Whether the session's local audio is the microphone (not a monitor leg's given stream). */
export function usesMicrophone(session: Session): boolean {
  return !override?.(session);
}
