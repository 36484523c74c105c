import type { Core, UserAgent } from 'sip.js';
import { judgeRegisterAnswer, type OurContact, type RegisterAnswer } from './register-answer';

type IncomingResponse = Core.IncomingResponse;

/**
 * REGISTER through sip.js's lower layer (UserAgentCore.register: transaction,
 * digest challenge and retry, Via and Call-ID handling) without its
 * Registerer. The Registerer cannot be made to behave from outside (each seen
 * against a test server): it re-registers by itself at once on a 200 OK
 * granting 0 s or a Contact without `expires` (hundreds of REGISTERs a second),
 * drops a 200 OK without our Contact in silence and stays "waiting" for ever
 * (every later register() throws "REGISTER request already in progress"), a
 * disposed one un-REGISTERs a Contact its replacement already uses, and answers
 * reaching a disposed one throw "Invalid state transition". Here every answer
 * goes to the caller once and nothing is ever sent that the caller did not ask for.
 */
export interface RegisterDelegate {
  /** A 2xx, judged: granted or not (see register-answer.ts). */
  onAnswer(answer: RegisterAnswer): void;
  /** Any final non-2xx (a transport error arrives as sip.js's internal 503). */
  onReject(statusCode: number): void;
}

export interface RegisterClient {
  /** Our Contact, as the registrar must list it back. */
  readonly contact: OurContact;
  /** Sends one REGISTER asking for `expires` seconds (0 removes our binding). Throws when it cannot be sent. */
  send(expires: number, delegate: RegisterDelegate): void;
}

const ALLOW = 'ACK,CANCEL,INVITE,MESSAGE,BYE,OPTIONS,INFO,NOTIFY,REFER';

/**
 * One Call-ID for all REGISTERs of this UserAgent, with the CSeq rising by one
 * each time (RFC 3261 10.2); the digest retry inside sip.js raises it too, so we
 * continue from the highest number that went out.
 * `instanceId` (a bare UUID) adds `+sip.instance` so the registrar can replace
 * the binding a previous run of the desk left behind (RFC 5626/5627).
 */
export function sipRegisterClient(userAgent: UserAgent, instanceId: string | null): RegisterClient {
  const core = userAgent.userAgentCore;
  const registrar = userAgent.configuration.uri.clone();
  registrar.user = undefined;
  const contactUri = userAgent.contact.uri;
  const instance = instanceId ? `urn:uuid:${instanceId}` : null;
  let callId: string | undefined;
  let cseq = 0;
  /**
   * The credentials of the last REGISTER the registrar accepted, sent again with
   * the next one (a refresh), as sip.js's Registerer did: one request per
   * refresh instead of a challenge and a retry each time. A registrar that no
   * longer takes them answers 401 and sip.js answers that challenge once.
   */
  let authorization: Credentials | null = null;
  const contact: OurContact = { user: contactUri.user ?? '', host: contactUri.host, instance };

  return {
    contact,
    send(expires, delegate) {
      const contactHeader = `<${contactUri.toString()}>${instance ? `;+sip.instance="<${instance}>"` : ''};expires=${expires}`;
      const message = core.makeOutgoingRequestMessage(
        'REGISTER',
        registrar,
        core.configuration.aor,
        userAgent.configuration.uri,
        { ...(callId ? { callId } : {}), cseq: cseq + 1 },
        [`Contact: ${contactHeader}`, `Expires: ${expires}`, `Allow: ${ALLOW}`],
      );
      if (authorization) message.setHeader(authorization.name, authorization.value);
      callId = message.callId;
      cseq = message.cseq;
      const settle = (response: IncomingResponse, accepted: boolean) => {
        cseq = Math.max(cseq, message.cseq);
        const statusCode = response.message.statusCode ?? 0;
        if (!accepted) {
          authorization = null;
          delegate.onReject(statusCode);
          return;
        }
        authorization = credentialsOf(message);
        delegate.onAnswer(judgeRegisterAnswer(headers(response, 'contact'), headers(response, 'expires'), contact, expires));
      };
      core.register(message, {
        onAccept: (response) => settle(response, true),
        onReject: (response) => settle(response, false),
        onRedirect: (response) => settle(response, false),
      });
    },
  };
}

interface Credentials {
  name: 'authorization' | 'proxy-authorization';
  value: string;
}

function credentialsOf(message: { getHeader(name: string): string | undefined }): Credentials | null {
  const value = message.getHeader('authorization');
  if (value) return { name: 'authorization', value };
  const proxy = message.getHeader('proxy-authorization');
  return proxy ? { name: 'proxy-authorization', value: proxy } : null;
}

/** Raw header values; a response sip.js parsed oddly must not throw into its transaction layer. */
function headers(response: IncomingResponse, name: string): string[] {
  try {
    return response.message.getHeaders(name);
  } catch {
    return [];
  }
}
