import type { Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory, SessionDescriptionHandlerOptions } from 'sip.js';

/**
 * The answer's peer connection made while the call rings: the session
 * description handler is created and given the caller's offer (the microphone
 * added, the remote description set) after the ringing frame is painted, so
 * the Answer only creates and sends the answer. Nothing goes on the network
 * before the answer: ICE gathers only once the local description is set, at
 * the Answer. A call not answered closes it; an Answer with other constraints
 * (the agent picked another microphone meanwhile) sets the offer again with
 * them, as sip.js would.
 */
interface Early {
  handler: SessionDescriptionHandler;
  offer: string;
  key: string;
  ready: Promise<void>;
  taken: boolean;
}

const early = new WeakMap<Session, Early>();

const keyOf = (options: SessionDescriptionHandlerOptions | undefined) => JSON.stringify(options?.constraints ?? null);

/** `offer` is the INVITE's SDP; `factory` the one sip.js will ask at the Answer (the same options). */
export function prepareAnswer(session: Session, offer: string, options: SessionDescriptionHandlerOptions, factory: SessionDescriptionHandlerFactory): void {
  // Already answering (sip.js made its handler): nothing to prepare.
  if (early.has(session) || session.sessionDescriptionHandler || offer.trim() === '') return;
  const handler = factory(session, session.userAgent.configuration.sessionDescriptionHandlerFactoryOptions);
  const setDescription = handler.setDescription.bind(handler);
  const entry: Early = { handler, offer, key: keyOf(options), ready: setDescription(offer, options), taken: false };
  // A failed preparation is not reported here: the Answer sets the offer again and reports what sip.js reports.
  entry.ready.catch(() => undefined);
  handler.setDescription = (sdp, answerOptions, modifiers) => {
    const prepared = !entry.taken && sdp === entry.offer && keyOf(answerOptions) === entry.key && !modifiers?.length;
    entry.taken = true;
    return prepared ? entry.ready.catch(() => setDescription(sdp, answerOptions, modifiers)) : setDescription(sdp, answerOptions, modifiers);
  };
  early.set(session, entry);
}

/** sip.js's factory for the session: the handler prepared while it rang, once, else a new one. */
export function withEarlyAnswer(factory: SessionDescriptionHandlerFactory): SessionDescriptionHandlerFactory {
  return (session, options) => {
    const entry = early.get(session);
    if (!entry || entry.taken) return factory(session, options);
    early.delete(session);
    return entry.handler;
  };
}

/** The call ended: a handler the Answer never took is closed (its peer connection and its microphone). */
export function closeEarlyAnswer(session: Session): void {
  const entry = early.get(session);
  if (!entry) return;
  early.delete(session);
  if (!entry.taken) entry.handler.close();
}
