import { Web, type Session, type SessionDescriptionHandlerFactory } from 'sip.js';

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

const microphone = Web.defaultSessionDescriptionHandlerFactory();

/** sip.js's own factory, except that an overridden session gets its given stream instead of getUserMedia. */
export const overridableSessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory = (session, options) => {
  const stream = override?.(session) ?? null;
  if (!stream) return microphone(session, options);
  return Web.defaultSessionDescriptionHandlerFactory(() => Promise.resolve(stream))(session, options);
};
