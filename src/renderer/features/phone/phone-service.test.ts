import { SessionState, type Invitation, type UserAgent, type UserAgentOptions, type Web } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhoneEventSink, PhoneNotice } from './phone-events';
import type { CallEvent } from '../../../shared/domain/call';
import { PhoneService, REGISTER_TIMEOUT_MS, STOP_TIMEOUT_MS, UNREGISTER_TIMEOUT_MS, type PhoneDeps } from './phone-service';
import type { RegisterDelegate } from './registration/register-client';
import type { RegisterAnswer } from './registration/register-answer';
import { IDLE_REGISTRATION, reduceRegistration, type RegistrationState } from './registration-state';
import { NETWORK_PROBE_TIMEOUT_MS } from './network-change';

// --- Fakes: just the parts of sip.js the service touches -------------------------

class FakeEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  addListener(listener: (value: T) => void) {
    this.listeners.push(listener);
  }
  emit(value: T) {
    for (const listener of this.listeners) listener(value);
  }
}

type Connect = 'ok' | 'fail' | 'hang';

class FakeUserAgent {
  nextConnect: Connect[] = [];
  stopHangs = false;
  readonly start = vi.fn(() => this.connect());
  readonly reconnect = vi.fn(() => this.connect());
  readonly stop = vi.fn(() => (this.stopHangs ? new Promise<void>(() => undefined) : Promise.resolve()));
  readonly transport = { disconnect: vi.fn(() => Promise.resolve()) };
  /** The server answers OPTIONS (keep-alive) at once; when false they wait in `unanswered`. */
  answersOptions = true;
  readonly unanswered: { onAccept(): void }[] = [];
  readonly configuration = { uri: { clone: () => ({ user: '1001' as string | undefined }) } };
  readonly userAgentCore = {
    makeOutgoingRequestMessage: vi.fn((method: string) => ({ method })),
    request: vi.fn((_message: unknown, delegate: { onAccept(): void }) => {
      if (this.answersOptions) delegate.onAccept();
      else this.unanswered.push(delegate);
    }),
  };
  constructor(readonly options: UserAgentOptions) {}

  private connect(): Promise<void> {
    const how = this.nextConnect.shift() ?? 'ok';
    if (how === 'ok') return Promise.resolve();
    if (how === 'fail') return Promise.reject(new Error('WebSocket closed'));
    return new Promise(() => undefined);
  }
  dropTransport() {
    this.options.delegate?.onDisconnect?.(new Error('connection dropped'));
  }
  invite(invitation: FakeInvitation) {
    this.options.delegate?.onInvite?.(invitation as unknown as Invitation);
  }
}

/** Stands for registration/register-client.ts: records each REGISTER; the test answers it. */
class FakeRegisterClient {
  readonly contact = { user: 'k3v9a2', host: 'r4nd0m.invalid', instance: null };
  readonly delegates: RegisterDelegate[] = [];
  /** Expiries of the un-REGISTERs (expires 0) sent; the fake registrar confirms them at once. */
  readonly unregisters: number[] = [];
  /** REGISTERs asking for a binding (not the un-REGISTERs). */
  readonly send = vi.fn((expires: number, delegate: RegisterDelegate) => {
    if (expires === 0) {
      this.unregisters.push(expires);
      delegate.onAnswer({ kind: 'not-granted', why: 'zero-expiry' });
      return;
    }
    this.delegates.push(delegate);
  });
  accept(expires = 300) {
    this.delegates.at(-1)?.onAnswer({ kind: 'granted', expires });
  }
  answer(answer: RegisterAnswer) {
    this.delegates.at(-1)?.onAnswer(answer);
  }
  reject(statusCode: number) {
    this.delegates.at(-1)?.onReject(statusCode);
  }
  /** How many REGISTERs asked for a binding. */
  get registers(): number {
    return this.delegates.length;
  }
}

class FakeInvitation {
  state: SessionState = SessionState.Initial;
  readonly stateChange = new FakeEmitter<SessionState>();
  readonly remoteIdentity: { uri: { user: string | undefined }; displayName: string };
  readonly sessionDescriptionHandler = { remoteMediaStream: { id: 'remote-stream' } };
  readonly request = { getHeaders: (_name: string): string[] => [] };
  readonly accept = vi.fn(() => {
    this.setState(SessionState.Established);
    return Promise.resolve();
  });
  readonly reject = vi.fn((_options?: { statusCode?: number }) => {
    this.setState(SessionState.Terminated);
    return Promise.resolve();
  });
  readonly bye = vi.fn(() => {
    this.setState(SessionState.Terminated);
    return Promise.resolve();
  });
  constructor(user: string | undefined, displayName = '') {
    this.remoteIdentity = { uri: { user }, displayName };
  }
  setState(state: SessionState) {
    this.state = state;
    this.stateChange.emit(state);
  }
}

// --- Harness -----------------------------------------------------------------------

const ACCOUNT = {
  wsServer: 'wss://sip.example.test:7443',
  sipUri: 'sip:1001@sip.example.test',
  authUser: '1001',
  displayName: 'Agent 1001',
};

function setup() {
  const userAgents: FakeUserAgent[] = [];
  const registerers: FakeRegisterClient[] = [];
  const events = {
    registration: IDLE_REGISTRATION as RegistrationState,
    ringing: [] as ({ id: string; number: string; name: string } & Extract<CallEvent, { type: 'ringing' }>)[],
    answered: [] as { id: string; answeredAt: number }[],
    ended: [] as ({ id: string } & Extract<CallEvent, { type: 'ended' }>)[],
    notices: [] as PhoneNotice[],
  };
  const sink: PhoneEventSink = {
    registration: (event) => (events.registration = reduceRegistration(events.registration, event)),
    call: (event) => {
      if (event.type === 'ringing') events.ringing.push({ ...event, id: event.callId, ...event.caller });
      if (event.type === 'answered') events.answered.push({ id: event.callId, answeredAt: event.at });
      if (event.type === 'ended') events.ended.push({ ...event, id: event.callId });
    },
    notice: (notice) => events.notices.push(notice),
  };
  const pendingConnects: Connect[] = [];
  const network = { window: new EventTarget(), connection: new EventTarget() };
  let ringtonePlays = true;
  let ids = 0;
  const deps: PhoneDeps = {
    createUserAgent: (options) => {
      const ua = new FakeUserAgent(options);
      ua.nextConnect.push(...pendingConnects.splice(0));
      userAgents.push(ua);
      return ua as unknown as UserAgent;
    },
    createRegisterClient: () => {
      const client = new FakeRegisterClient();
      registerers.push(client);
      return client;
    },
    makeUri: (text) => (text.startsWith('sip:') ? ({ text } as never) : undefined),
    ringtone: { start: vi.fn(() => Promise.resolve(ringtonePlays)), stop: vi.fn() },
    remoteAudio: { attach: vi.fn(), detach: vi.fn() },
    createInviter: () => {
      throw new Error('no outbound calls in these tests');
    },
    beep: vi.fn(),
    createMixer: () => ({ running: false, start: () => Promise.resolve(), stop: () => Promise.resolve() }),
    preferences: () => ({ dtmfMode: 'rfc4733', autoAnswer: { mode: 'off', seconds: 3 } }),
    now: () => Date.now(),
    newId: () => `call-0000-${++ids}`,
    random: () => 1,
    networkEvents: () => network,
  };
  const service = new PhoneService(sink, deps);
  service.configure(ACCOUNT, 'secret');
  return {
    service,
    deps,
    events,
    ua: () => userAgents.at(-1)!,
    userAgents,
    registerer: () => registerers.at(-1)!,
    registerers,
    /** Connection outcomes for the next UserAgent, in order. */
    connects: (...outcomes: Connect[]) => pendingConnects.push(...outcomes),
    blockRingtone: () => (ringtonePlays = false),
    network,
    /** The browser reports a network event (online/offline on window, change on navigator.connection). */
    networkEvent: (name: 'online' | 'offline' | 'change') =>
      (name === 'change' ? network.connection : network.window).dispatchEvent(new Event(name)),
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

async function startRegistered(h: ReturnType<typeof setup>) {
  void h.service.start();
  await settle();
  h.registerer().accept();
  expect(h.events.registration.status).toBe('registered');
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

// --- Registration ------------------------------------------------------------------

describe('PhoneService registration', () => {
  it('connects with the account, then registers', async () => {
    const h = setup();
    void h.service.start();
    await settle();
    expect(h.ua().options.authorizationUsername).toBe('1001');
    expect(h.ua().options.authorizationPassword).toBe('secret');
    expect(h.ua().options.logLevel).toBe('warn');
    expect(h.events.registration.status).toBe('registering');
    h.registerer().accept();
    expect(h.events.registration).toEqual({ status: 'registered', reason: null, statusCode: null });
  });

  it('registers with the same Contact and +sip.instance on every start once main gave the instance id', async () => {
    const h = setup();
    h.deps.instanceId = () => '943ad30c-77a2-43f4-821b-cd12f8238052';
    void h.service.start();
    await settle();
    void h.service.start();
    await settle();
    const [first, second] = h.userAgents.map((ua) => ua.options);
    expect(first).toMatchObject({ instanceId: '943ad30c-77a2-43f4-821b-cd12f8238052', contactName: '943ad30c', viaHost: '77a243f4821b.invalid' });
    expect(second).toMatchObject({ instanceId: first!.instanceId, contactName: first!.contactName, viaHost: first!.viaHost });
  });

  it('without an instance id leaves Contact and instance to sip.js (random per start)', async () => {
    const h = setup();
    void h.service.start();
    await settle();
    expect(h.ua().options.instanceId).toBeUndefined();
    expect(h.ua().options.contactName).toBeUndefined();
  });

  it('asks no STUN server (sip.js would ask Google’s on every call) and bounds the wait for candidates', async () => {
    const h = setup();
    void h.service.start();
    await settle();
    const media = h.ua().options.sessionDescriptionHandlerFactoryOptions as Web.SessionDescriptionHandlerFactoryOptions | undefined;
    expect(media?.peerConnectionConfiguration?.iceServers).toEqual([]);
    expect(media?.iceGatheringTimeout).toBeGreaterThan(0);
    expect(media?.iceGatheringTimeout).toBeLessThanOrEqual(1_000);
  });

  it('reports a wrong password as failed/auth and does not retry it', async () => {
    const h = setup();
    void h.service.start();
    await settle();
    h.registerer().reject(401);
    expect(h.events.registration).toMatchObject({ status: 'failed', reason: 'auth', statusCode: 401 });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.registerer().registers).toBe(1);
    expect(h.events.registration.reason).toBe('auth');
  });

  it('keeps the status code of another rejection and retries after a backoff', async () => {
    const h = setup();
    void h.service.start();
    await settle();
    h.registerer().reject(503);
    expect(h.events.registration).toMatchObject({ status: 'failed', reason: 'rejected', statusCode: 503 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.registerer().registers).toBe(2);
    h.registerer().accept();
    expect(h.events.registration.status).toBe('registered');
  });

  it('reports an unreachable server, keeps retrying, and registers once it answers', async () => {
    const h = setup();
    h.connects('fail', 'fail', 'ok');
    void h.service.start();
    await settle();
    expect(h.events.registration).toMatchObject({ status: 'failed', reason: 'unreachable', statusCode: null });
    await vi.advanceTimersByTimeAsync(1_000); // first retry fails
    expect(h.ua().reconnect).toHaveBeenCalledTimes(1);
    expect(h.events.registration.reason).toBe('unreachable');
    await vi.advanceTimersByTimeAsync(2_000); // second retry connects
    expect(h.ua().reconnect).toHaveBeenCalledTimes(2);
    expect(h.events.registration.status).toBe('registering');
    h.registerer().accept();
    expect(h.events.registration.status).toBe('registered');
  });

  it('after a transport drop reports connection-lost, reconnects and sends a new REGISTER', async () => {
    const h = setup();
    await startRegistered(h);
    h.ua().nextConnect.push('fail', 'ok');
    h.ua().dropTransport();
    expect(h.events.registration).toMatchObject({ status: 'failed', reason: 'connection-lost', statusCode: null });

    await vi.advanceTimersByTimeAsync(1_000); // reconnect attempt fails: still connection-lost
    expect(h.events.registration.reason).toBe('connection-lost');
    await vi.advanceTimersByTimeAsync(2_000); // next attempt connects
    expect(h.ua().reconnect).toHaveBeenCalledTimes(2);
    // sip.js would not re-REGISTER by itself; we must have.
    expect(h.registerer().registers).toBe(2);
    expect(h.events.registration.status).toBe('registering');
    h.registerer().accept();
    expect(h.events.registration.status).toBe('registered');
  });

  it('times out a REGISTER without answer and retries after the backoff', async () => {
    const h = setup();
    void h.service.start();
    await settle();
    await vi.advanceTimersByTimeAsync(REGISTER_TIMEOUT_MS);
    expect(h.events.registration).toMatchObject({ status: 'failed', reason: 'timeout', statusCode: null });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.registerer().registers).toBe(2);
    h.registerer().accept();
    expect(h.events.registration.status).toBe('registered');
  });

  it.each([
    ['a grant of 0 s', { kind: 'not-granted', why: 'zero-expiry' }],
    ['no Contact', { kind: 'not-granted', why: 'no-contact' }],
    ['only a foreign Contact', { kind: 'not-granted', why: 'foreign-contact' }],
  ] as const)('a 200 OK with %s is not registered, says so at once, and never storms', async (_name, answer) => {
    const h = setup();
    await startRegistered(h);
    // Every later REGISTER is answered the same odd way, at once.
    h.registerer().send.mockImplementation((expires: number, delegate: RegisterDelegate) => {
      h.registerer().delegates.push(delegate);
      if (expires > 0) delegate.onAnswer(answer);
    });
    await vi.advanceTimersByTimeAsync(150_000); // the refresh at half of 300 s
    expect(h.registerer().registers).toBe(2);
    expect(h.events.registration).toMatchObject({ status: 'failed', reason: 'no-binding' });
    await vi.advanceTimersByTimeAsync(10_000);
    // Backoff 1 s, 2 s, 4 s: at most 4 REGISTERs in the 10 s after the first odd answer.
    expect(h.registerer().registers - 1).toBeLessThanOrEqual(4);
    expect(h.events.registration.status).toBe('failed');
    await vi.advanceTimersByTimeAsync(600_000);
    // Ten minutes of the same answer: the backoff grew to 30 s (not one REGISTER a second).
    expect(h.registerer().registers).toBeLessThan(40);
  });

  it('is registered again about a second after one odd answer, once the registrar behaves', async () => {
    const h = setup();
    await startRegistered(h);
    await vi.advanceTimersByTimeAsync(150_000);
    h.registerer().answer({ kind: 'not-granted', why: 'foreign-contact' });
    expect(h.events.registration.reason).toBe('no-binding');
    await vi.advanceTimersByTimeAsync(1_000);
    h.registerer().accept();
    expect(h.events.registration.status).toBe('registered');
  });

  it('never sends more than 4 REGISTERs in 10 s, even when the link keeps dropping after each', async () => {
    const h = setup();
    await startRegistered(h);
    for (let i = 0; i < 20; i++) {
      h.registerer().accept();
      h.ua().dropTransport();
      await vi.advanceTimersByTimeAsync(400);
    }
    const sent = h.registerer().send.mock.calls.filter(([expires]) => expires > 0).length;
    expect(sent).toBeLessThanOrEqual(1 + 4);
  });

  it('un-REGISTERs on a clean stop, and only what this desk registered', async () => {
    const h = setup();
    await startRegistered(h);
    await h.service.stop();
    expect(h.registerer().unregisters).toHaveLength(1);
    expect(h.ua().stop).toHaveBeenCalled();
  });

  it('does not un-REGISTER when it was never registered', async () => {
    const h = setup();
    void h.service.start();
    await settle();
    await h.service.stop();
    expect(h.registerer().unregisters).toHaveLength(0);
  });

  it('ignores a late answer to a REGISTER that already timed out', async () => {
    const h = setup();
    void h.service.start();
    await settle();
    const first = h.registerer().delegates[0]!;
    await vi.advanceTimersByTimeAsync(REGISTER_TIMEOUT_MS);
    first.onReject(401);
    expect(h.events.registration.reason).toBe('timeout');
  });

  it('bounds stop() when UserAgent.stop hangs, closes the socket and goes idle', async () => {
    const h = setup();
    await startRegistered(h);
    h.ua().stopHangs = true;
    let stopped = false;
    void h.service.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(UNREGISTER_TIMEOUT_MS + STOP_TIMEOUT_MS);
    expect(stopped).toBe(true);
    expect(h.ua().transport.disconnect).toHaveBeenCalled();
    expect(h.events.registration.status).toBe('idle');
  });

  it('ignores events from the previous UserAgent after a restart', async () => {
    const h = setup();
    await startRegistered(h);
    const old = h.ua();
    void h.service.start();
    await settle();
    expect(h.userAgents).toHaveLength(2);
    old.dropTransport();
    expect(h.events.registration.status).toBe('registering');
  });
});

// --- Calls ---------------------------------------------------------------------------

describe('PhoneService network changes', () => {
  it('probes the link at once; without an answer it is lost, reconnected and registered again', async () => {
    const h = setup();
    await startRegistered(h);
    h.ua().answersOptions = false;
    h.networkEvent('offline');
    h.networkEvent('change');
    h.networkEvent('online');
    // One OPTIONS for the burst (the first is still waiting for its answer), not one per event.
    expect(h.ua().userAgentCore.request).toHaveBeenCalledTimes(1);
    expect(h.ua().userAgentCore.makeOutgoingRequestMessage).toHaveBeenCalledWith('OPTIONS', expect.anything(), expect.anything(), expect.anything(), {});
    await vi.advanceTimersByTimeAsync(NETWORK_PROBE_TIMEOUT_MS - 1);
    expect(h.events.registration.status).toBe('registered');
    await vi.advanceTimersByTimeAsync(1);
    expect(h.events.registration).toMatchObject({ status: 'failed', reason: 'connection-lost' });
    expect(h.ua().transport.disconnect).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000); // the quick retry
    expect(h.ua().reconnect).toHaveBeenCalledTimes(1);
    expect(h.registerer().registers).toBe(2);
    h.registerer().accept();
    expect(h.events.registration.status).toBe('registered');
  });

  it('leaves a link that answers the probe alone', async () => {
    const h = setup();
    await startRegistered(h);
    h.ua().answersOptions = false;
    h.networkEvent('change');
    expect(h.ua().unanswered).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(NETWORK_PROBE_TIMEOUT_MS / 2);
    h.ua().unanswered[0]!.onAccept();
    await vi.advanceTimersByTimeAsync(NETWORK_PROBE_TIMEOUT_MS * 2);
    expect(h.events.registration.status).toBe('registered');
    expect(h.ua().reconnect).not.toHaveBeenCalled();
  });

  it('reconnects at once when the network comes back during a backoff', async () => {
    const h = setup();
    h.connects('fail', 'fail', 'ok');
    void h.service.start();
    await settle();
    await vi.advanceTimersByTimeAsync(1_000); // first retry fails: the next waits 2 s
    expect(h.ua().reconnect).toHaveBeenCalledTimes(1);
    h.networkEvent('online');
    await settle();
    expect(h.ua().reconnect).toHaveBeenCalledTimes(2);
    expect(h.events.registration.status).toBe('registering');
    // The retry it replaced does not run as well.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.ua().reconnect).toHaveBeenCalledTimes(2);
  });

  it('stops listening once stopped', async () => {
    const h = setup();
    await startRegistered(h);
    const removedFromWindow = vi.spyOn(h.network.window, 'removeEventListener');
    const removedFromConnection = vi.spyOn(h.network.connection, 'removeEventListener');
    await h.service.stop();
    expect(removedFromWindow.mock.calls.map(([name]) => name).sort()).toEqual(['offline', 'online']);
    expect(removedFromConnection.mock.calls.map(([name]) => name)).toEqual(['change']);
    h.networkEvent('online');
    expect(h.ua().userAgentCore.request).not.toHaveBeenCalled();
  });
});

describe('PhoneService calls', () => {
  it('ends a ringing call at once when the link drops, and tells the agent the line was lost', async () => {
    const h = setup();
    await startRegistered(h);
    const invitation = new FakeInvitation('13800138000', '王女士');
    h.ua().invite(invitation);
    expect(h.events.ringing).toHaveLength(1);
    h.ua().dropTransport();
    expect(h.events.ended).toHaveLength(1);
    expect(h.events.ended[0]!.id).toBe(h.events.ringing[0]!.id);
    expect(h.events.notices).toContain('callerLineLost');
    expect(h.deps.ringtone.stop).toHaveBeenCalled();
  });

  it('rings with the caller identity cleaned and bounded, and starts the ringtone', async () => {
    const h = setup();
    await startRegistered(h);
    h.ua().invite(new FakeInvitation('013800\u202e138000', `<b>${'张'.repeat(200)}</b>`));
    expect(h.events.ringing).toHaveLength(1);
    const call = h.events.ringing[0]!;
    expect(call.number).toBe('013800138000');
    expect(call.name.length).toBe(128);
    expect(call.name.startsWith('<b>')).toBe(true); // plain text: shown, never interpreted
    expect(h.deps.ringtone.start).toHaveBeenCalled();
  });

  it('answers with audio only, plays the remote stream, and records a remote hang-up', async () => {
    const h = setup();
    await startRegistered(h);
    const invitation = new FakeInvitation('13800138000', 'Caller');
    h.ua().invite(invitation);
    await h.service.answer();
    expect(invitation.accept).toHaveBeenCalledWith({
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    expect(h.events.answered).toHaveLength(1);
    expect(h.deps.ringtone.stop).toHaveBeenCalled();
    expect(h.deps.remoteAudio.attach).toHaveBeenCalledWith(invitation.sessionDescriptionHandler.remoteMediaStream);

    invitation.setState(SessionState.Terminated); // remote BYE
    expect(h.events.ended).toMatchObject([{ outcome: 'answered', endedBy: 'remote' }]);
    expect(h.deps.remoteAudio.detach).toHaveBeenCalled();
  });

  it('hangs up with BYE and records the agent as ending the call', async () => {
    const h = setup();
    await startRegistered(h);
    const invitation = new FakeInvitation('13800138000');
    h.ua().invite(invitation);
    await h.service.answer();
    await h.service.hangup();
    expect(invitation.bye).toHaveBeenCalled();
    expect(h.events.ended).toMatchObject([{ outcome: 'answered', endedBy: 'agent' }]);
  });

  it('declines with 603', async () => {
    const h = setup();
    await startRegistered(h);
    const invitation = new FakeInvitation('13800138000');
    h.ua().invite(invitation);
    await h.service.decline();
    expect(invitation.reject).toHaveBeenCalledWith({ statusCode: 603 });
    expect(h.events.ended).toMatchObject([{ outcome: 'declined', endedBy: 'agent' }]);
  });

  it('records a call the caller gave up on while ringing as missed', async () => {
    const h = setup();
    await startRegistered(h);
    const invitation = new FakeInvitation('13800138000');
    h.ua().invite(invitation);
    invitation.setState(SessionState.Terminated); // CANCEL
    expect(h.events.ended).toMatchObject([{ outcome: 'missed', endedBy: 'remote' }]);
    expect(h.deps.ringtone.stop).toHaveBeenCalled();
  });

  it('shows a second INVITE during a call as waiting, without ringing over the call; a fourth gets 486', async () => {
    const h = setup();
    await startRegistered(h);
    h.ua().invite(new FakeInvitation('13800138000'));
    const second = new FakeInvitation('13900139000');
    h.ua().invite(second);
    expect(second.reject).not.toHaveBeenCalled();
    expect(h.events.ringing).toHaveLength(2);
    expect(h.events.ringing[1]).toMatchObject({ waiting: true, number: '13900139000' });
    expect(h.deps.ringtone.start).toHaveBeenCalledTimes(1);
    h.ua().invite(new FakeInvitation('13700137000'));
    const fourth = new FakeInvitation('13600136000');
    h.ua().invite(fourth);
    expect(fourth.reject).toHaveBeenCalledWith({ statusCode: 486 });
  });

  it('lets an incoming gate reject calls (e.g. 486 when not Ready)', async () => {
    const h = setup();
    await startRegistered(h);
    h.service.setIncomingGate(() => 486);
    const invitation = new FakeInvitation('13800138000');
    h.ua().invite(invitation);
    expect(invitation.reject).toHaveBeenCalledWith({ statusCode: 486 });
    expect(h.events.ringing).toHaveLength(0);
  });

  it('records a failed answer as failed/system and tells the agent', async () => {
    const h = setup();
    await startRegistered(h);
    const invitation = new FakeInvitation('13800138000');
    invitation.accept.mockImplementation(() => {
      invitation.setState(SessionState.Terminated);
      return Promise.reject(new Error('SDP could not be parsed'));
    });
    h.ua().invite(invitation);
    await h.service.answer();
    expect(h.events.ended).toMatchObject([{ outcome: 'failed', endedBy: 'system' }]);
    expect(h.events.notices).toContain('answerFailed');
  });

  it('says so when the ringtone is blocked by the autoplay policy', async () => {
    const h = setup();
    h.blockRingtone();
    await startRegistered(h);
    h.ua().invite(new FakeInvitation('13800138000'));
    await settle();
    expect(h.events.notices).toEqual(['ringtoneBlocked']);
  });
});
