import { describe, expect, it, vi } from 'vitest';
import type { Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import { closeEarlyAnswer, prepareAnswer, withEarlyAnswer } from './early-answer';

const OFFER = 'v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\n';
const FACTORY_OPTIONS = { iceGatheringTimeout: 500 };

function fakeSession(): Session {
  return { sessionDescriptionHandler: undefined, userAgent: { configuration: { sessionDescriptionHandlerFactoryOptions: FACTORY_OPTIONS } } } as unknown as Session;
}

function fakeFactory() {
  /** Each handler made, with its own setDescription (the preparation wraps the handler's). */
  const made: { handler: SessionDescriptionHandler; setDescription: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> }[] = [];
  const factory = vi.fn<SessionDescriptionHandlerFactory>(() => {
    const setDescription = vi.fn(() => Promise.resolve());
    const close = vi.fn();
    const handler = { setDescription, close } as unknown as SessionDescriptionHandler;
    made.push({ handler, setDescription, close });
    return handler;
  });
  return { factory, made };
}

const audio = (deviceId: string) => ({ constraints: { audio: { deviceId }, video: false } });

describe('the answer prepared while the call rings', () => {
  it('sets the offer at ringing; the Answer gets that handler and does not set the offer again', async () => {
    const { factory, made } = fakeFactory();
    const session = fakeSession();
    prepareAnswer(session, OFFER, audio('a'), factory);
    expect(factory).toHaveBeenCalledWith(session, FACTORY_OPTIONS);
    expect(made[0]!.setDescription).toHaveBeenCalledWith(OFFER, audio('a'));

    const sipFactory = withEarlyAnswer(factory);
    const handler = sipFactory(session, FACTORY_OPTIONS);
    expect(handler).toBe(made[0]!.handler);
    await handler.setDescription(OFFER, audio('a'), []);
    expect(made[0]!.setDescription).toHaveBeenCalledTimes(1);
    // Once: a second handler for the session (a re-INVITE's) is a new one.
    sipFactory(session, FACTORY_OPTIONS);
    expect(made).toHaveLength(2);
    // The Answer took it: the end of the call is sip.js's to close, not ours.
    closeEarlyAnswer(session);
    expect(made[0]!.close).not.toHaveBeenCalled();
  });

  it('another microphone chosen before the Answer: the offer is set again with its constraints', async () => {
    const { factory, made } = fakeFactory();
    const session = fakeSession();
    prepareAnswer(session, OFFER, audio('a'), factory);
    const handler = withEarlyAnswer(factory)(session, FACTORY_OPTIONS);
    await handler.setDescription(OFFER, audio('b'), []);
    expect(made[0]!.setDescription).toHaveBeenCalledTimes(2);
    expect(made[0]!.setDescription).toHaveBeenLastCalledWith(OFFER, audio('b'), []);
  });

  it('a preparation that failed is done again by the Answer, whose outcome sip.js sees', async () => {
    const { factory, made } = fakeFactory();
    const session = fakeSession();
    factory.mockImplementationOnce(() => {
      const setDescription = vi.fn().mockRejectedValueOnce(new Error('no device')).mockResolvedValueOnce(undefined);
      const close = vi.fn();
      const handler = { setDescription, close } as unknown as SessionDescriptionHandler;
      made.push({ handler, setDescription, close });
      return handler;
    });
    prepareAnswer(session, OFFER, audio('a'), factory);
    const handler = withEarlyAnswer(factory)(session, FACTORY_OPTIONS);
    await expect(handler.setDescription(OFFER, audio('a'), [])).resolves.toBeUndefined();
    expect(made[0]!.setDescription).toHaveBeenCalledTimes(2);
  });

  it('a call never answered closes its prepared handler (peer connection and microphone)', () => {
    const { factory, made } = fakeFactory();
    const session = fakeSession();
    prepareAnswer(session, OFFER, audio('a'), factory);
    closeEarlyAnswer(session);
    expect(made[0]!.close).toHaveBeenCalledTimes(1);
    // Gone: the factory makes a new handler if asked after all.
    withEarlyAnswer(factory)(session, FACTORY_OPTIONS);
    expect(made).toHaveLength(2);
  });

  it('prepares nothing without an offer, twice, or once sip.js has its own handler', () => {
    const { factory } = fakeFactory();
    prepareAnswer(fakeSession(), '', audio('a'), factory);
    const answering = { ...fakeSession(), sessionDescriptionHandler: {} } as unknown as Session;
    prepareAnswer(answering, OFFER, audio('a'), factory);
    expect(factory).not.toHaveBeenCalled();
    const session = fakeSession();
    prepareAnswer(session, OFFER, audio('a'), factory);
    prepareAnswer(session, OFFER, audio('a'), factory);
    expect(factory).toHaveBeenCalledTimes(1);
  });
});
