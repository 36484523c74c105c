/**
 * A SIP-over-WebSocket registrar that answers in RFC-legal but hostile ways, to
 * see whether the desk ever storms, lies about being registered, or throws. It
 * knows no digest auth (not the point here) and keeps one binding: the desk's.
 *
 *   const registrar = await startHostileRegistrar();
 *   registrar.answerRegisters('zero-expiry');       // every REGISTER from now on
 *   registrar.answerRegisters('foreign-contact', 1); // the next one only, then 'good'
 *   await registrar.ring();                          // INVITE to the desk, resolves on its 180
 *   registrar.resetConnection();                     // TCP cut, no close frame
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { startWsServer, type WsConnection, type WsServer } from './websocket-server';

export type RegisterAnswerMode =
  /** 200 OK listing the desk's Contact with `expires=<grant>`. */
  | 'good'
  /** 200 OK listing the desk's Contact with `expires=0`. */
  | 'zero-expiry'
  /** 200 OK listing the desk's Contact with no `expires` anywhere (legal: the registrar then holds what was asked). */
  | 'no-expiry'
  /** 200 OK with no Contact header. */
  | 'no-contact'
  /** 200 OK listing only another device's Contact. */
  | 'foreign-contact';

export interface SipMessage {
  startLine: string;
  headers: Map<string, string[]>;
  body: string;
  raw: string;
}

export interface RegisterSeen {
  /** Date.now() when it arrived. */
  t: number;
  connection: number;
  /** What the desk asked for (Contact `expires` or the Expires header). */
  expires: number | null;
  contact: string;
}

export interface AnswerSent {
  t: number;
  mode: RegisterAnswerMode;
}

export interface HostileRegistrar {
  url: string;
  readonly registers: RegisterSeen[];
  /** REGISTERs that asked for a binding (not un-REGISTERs). */
  bindingRegisters(): RegisterSeen[];
  readonly answers: AnswerSent[];
  /** How the next `count` REGISTERs are answered (default: all of them until changed); 'good' afterwards. */
  answerRegisters(mode: RegisterAnswerMode, count?: number): void;
  /** The expiry granted by a 'good' answer (seconds). */
  grantSeconds: number;
  /**
   * How the desk's re-INVITEs are answered: 'accept' (fresh ICE credentials) or
   * 'refuse-audio' (200 OK with the audio line rejected, m=audio 0, as a relay
   * or SBC that cannot handle the re-offer answers).
   */
  answerReinvites: 'accept' | 'refuse-audio';
  /** Sends an INVITE (with an SDP offer) to the desk's Contact; resolves with its Call-ID once the desk answers 180. */
  ring(options?: { timeoutMs?: number; displayName?: string }): Promise<string>;
  /** Resolves when the desk sends a 200 OK to the INVITE `callId` (it answered); the server ACKs it. */
  answeredBy(callId: string, timeoutMs?: number): Promise<void>;
  /** Sends raw text on the desk's current connection. */
  sendRaw(text: string): void;
  /** Cuts the desk's current connection (no close frame). Returns Date.now() of the cut. */
  resetConnection(): number;
  /** Resolves with the next message from the desk matching `match`. */
  next(match: (message: SipMessage) => boolean, timeoutMs: number, what: string): Promise<SipMessage>;
  /** The desk's Contact URI from its last REGISTER. */
  deskContact(): string | null;
  /** Every request and response the desk sent, in order. */
  readonly received: { t: number; message: SipMessage }[];
  close(): Promise<void>;
}

export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = canonical(line.slice(0, colon).trim().toLowerCase());
    const list = headers.get(name) ?? [];
    list.push(line.slice(colon + 1).trim());
    headers.set(name, list);
  }
  return { startLine, headers, body, raw };
}

const COMPACT: Readonly<Record<string, string>> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type' };
const canonical = (name: string) => COMPACT[name] ?? name;
const header = (message: SipMessage, name: string) => message.headers.get(name)?.[0] ?? '';
const token = () => randomBytes(6).toString('hex');

/** An SDP offer Chromium accepts (DTLS fingerprint, ICE credentials, one audio line); no media ever flows. */
export function fakeSdp(ufrag = token()): string {
  const fingerprint = Array.from(randomBytes(32), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return [
    'v=0',
    `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 0 8',
    'c=IN IP4 127.0.0.1',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${randomBytes(12).toString('hex')}`,
    `a=fingerprint:sha-256 ${fingerprint}`,
    'a=setup:actpass',
    'a=mid:0',
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=candidate:1 1 udp 2122260223 127.0.0.1 9 typ host',
    '',
  ].join('\r\n');
}

/** An answer that rejects the audio line (RFC 3264 §6: port 0) and so leaves the call with no media at all. */
export function audioRefusedSdp(): string {
  return fakeSdp()
    .split('\r\n')
    .filter((line) => !line.startsWith('a=group:BUNDLE') && !line.startsWith('a=candidate'))
    .map((line) => (line.startsWith('m=audio ') ? line.replace(/^m=audio \d+ /, 'm=audio 0 ') : line))
    .join('\r\n');
}

export async function startHostileRegistrar(): Promise<HostileRegistrar> {
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const registers: RegisterSeen[] = [];
  const answers: AnswerSent[] = [];
  const received: { t: number; message: SipMessage }[] = [];
  let mode: RegisterAnswerMode = 'good';
  let modeLeft = Infinity;
  let current: WsConnection | null = null;
  let contact: string | null = null;
  let server: WsServer | null = null;
  const self = { grantSeconds: 300, answerReinvites: 'accept' as 'accept' | 'refuse-audio' };

  const reply = (connection: WsConnection, request: SipMessage, status: string, extra: string[] = [], body = '') => {
    const to = header(request, 'to');
    const lines = [
      `SIP/2.0 ${status}`,
      ...(request.headers.get('via') ?? []).map((v) => `Via: ${v}`),
      `From: ${header(request, 'from')}`,
      `To: ${/;\s*tag=/i.test(to) ? to : `${to};tag=${token()}`}`,
      `Call-ID: ${header(request, 'call-id')}`,
      `CSeq: ${header(request, 'cseq')}`,
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    connection.send(lines.join('\r\n'));
  };

  const onRegister = (connection: WsConnection, request: SipMessage) => {
    const contactValue = header(request, 'contact');
    const uri = /<([^>]+)>/.exec(contactValue)?.[1] ?? '';
    const fromContact = /;\s*expires\s*=\s*(\d+)/i.exec(contactValue.slice(contactValue.indexOf('>') + 1));
    const expiresHeader = header(request, 'expires');
    const expires = fromContact ? Number(fromContact[1]) : expiresHeader !== '' ? Number(expiresHeader) : null;
    registers.push({ t: Date.now(), connection: connection.id, expires, contact: uri });
    if (expires === 0) {
      contact = null;
      reply(connection, request, '200 OK');
      return;
    }
    contact = uri;
    current = connection;
    const answer = modeLeft > 0 ? mode : 'good';
    if (modeLeft > 0) modeLeft--;
    answers.push({ t: Date.now(), mode: answer });
    const ours = `<${uri}>`;
    switch (answer) {
      case 'good':
        reply(connection, request, '200 OK', [`Contact: ${ours};expires=${self.grantSeconds}`]);
        break;
      case 'zero-expiry':
        reply(connection, request, '200 OK', [`Contact: ${ours};expires=0`]);
        break;
      case 'no-expiry':
        reply(connection, request, '200 OK', [`Contact: ${ours}`]);
        break;
      case 'no-contact':
        reply(connection, request, '200 OK');
        break;
      case 'foreign-contact':
        reply(connection, request, '200 OK', ['Contact: <sip:9999@192.0.2.7:5060;transport=udp>;expires=300']);
        break;
    }
  };

  const onText = (connection: WsConnection, text: string) => {
    if (text.trim() === '') return; // CRLF keep-alive
    const message = parseSip(text);
    received.push({ t: Date.now(), message });
    const method = /^([A-Z]+) /.exec(message.startLine)?.[1];
    if (method === 'REGISTER') onRegister(connection, message);
    else if (method === 'OPTIONS' || method === 'BYE' || method === 'CANCEL' || method === 'MESSAGE') reply(connection, message, '200 OK');
    else if (method === 'INVITE') {
      // A re-INVITE from the desk (hold, or media restore after a reconnect).
      const body = self.answerReinvites === 'accept' ? fakeSdp() : audioRefusedSdp();
      reply(connection, message, '200 OK', ['Contact: <sip:2001@127.0.0.1;transport=ws>', 'Content-Type: application/sdp'], body);
    }
    events.emit('message', message);
  };

  server = await startWsServer(
    () => undefined,
    onText,
    (connection) => {
      if (current === connection) current = null;
    },
  );

  const next = (match: (message: SipMessage) => boolean, timeoutMs: number, what: string) =>
    new Promise<SipMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        events.off('message', listener);
        reject(new Error(`${what}: nothing within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (message: SipMessage) => {
        if (!match(message)) return;
        clearTimeout(timer);
        events.off('message', listener);
        resolve(message);
      };
      events.on('message', listener);
    });

  const sendRaw = (text: string) => {
    if (!current) throw new Error('hostile registrar: the desk is not connected');
    current.send(text);
  };

  const isResponseTo = (callId: string, status: number) => (message: SipMessage) =>
    message.startLine.startsWith(`SIP/2.0 ${status} `) && header(message, 'call-id') === callId && / INVITE$/i.test(header(message, 'cseq'));

  return {
    url: server.url,
    registers,
    bindingRegisters: () => registers.filter((r) => r.expires !== 0),
    answers,
    answerRegisters(next: RegisterAnswerMode, count = Infinity) {
      mode = next;
      modeLeft = count;
    },
    get grantSeconds() {
      return self.grantSeconds;
    },
    set grantSeconds(value: number) {
      self.grantSeconds = value;
    },
    get answerReinvites() {
      return self.answerReinvites;
    },
    set answerReinvites(value: 'accept' | 'refuse-audio') {
      self.answerReinvites = value;
    },
    async ring({ timeoutMs = 5_000, displayName = '王女士' } = {}) {
      if (!contact) throw new Error('hostile registrar: the desk has no binding to ring');
      const callId = `hostile-${token()}`;
      const body = fakeSdp();
      const ringing = next(isResponseTo(callId, 180), timeoutMs, 'the desk ringing (180)');
      sendRaw(
        [
          `INVITE ${contact} SIP/2.0`,
          `Via: SIP/2.0/WSS hostile.invalid;branch=z9hG4bK${token()}`,
          'Max-Forwards: 70',
          `From: "${displayName}" <sip:13800138000@hotline.test>;tag=${token()}`,
          'To: <sip:1001@hotline.test>',
          `Call-ID: ${callId}`,
          'CSeq: 1 INVITE',
          'Contact: <sip:2001@127.0.0.1;transport=ws>',
          'Content-Type: application/sdp',
          `Content-Length: ${Buffer.byteLength(body)}`,
          '',
          body,
        ].join('\r\n'),
      );
      await ringing;
      return callId;
    },
    async answeredBy(callId, timeoutMs = 10_000) {
      const ok = await next(isResponseTo(callId, 200), timeoutMs, 'the desk answering (200)');
      const to = header(ok, 'to');
      const target = /<([^>]+)>/.exec(header(ok, 'contact'))?.[1] ?? contact ?? '';
      sendRaw(
        [
          `ACK ${target} SIP/2.0`,
          `Via: SIP/2.0/WSS hostile.invalid;branch=z9hG4bK${token()}`,
          'Max-Forwards: 70',
          `From: ${header(ok, 'from')}`,
          `To: ${to}`,
          `Call-ID: ${callId}`,
          'CSeq: 1 ACK',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
    },
    sendRaw,
    resetConnection() {
      const connection = current;
      if (!connection) throw new Error('hostile registrar: the desk is not connected');
      current = null;
      connection.reset();
      return Date.now();
    },
    next,
    deskContact: () => contact,
    received,
    close: async () => {
      await server?.close();
    },
  };
}
