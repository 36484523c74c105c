/**
 * Types shared by the in-page caller phone (caller-phone.ts, bundled for the
 * browser) and the Node-side test helpers (page.ts). Type-only module.
 */

export type CallerCallState = 'Idle' | 'Initial' | 'Establishing' | 'Established' | 'Terminating' | 'Terminated';

export interface CallerRegisterOptions {
  wsUrl: string;
  /** sip:2001@hotline.test */
  uri: string;
  authUser: string;
  password: string;
  displayName?: string;
  /** Answer every incoming call (true / options) instead of letting it ring. */
  autoAnswer?: boolean | CallerAnswerOptions;
  /** Bound for WebSocket connect + REGISTER. Default 10 s. */
  timeoutMs?: number;
  /** Registration expiry requested (s). Default 300. */
  expires?: number;
}

export interface CallerCallOptions {
  /** Raw header lines, e.g. ['X-Case: 42']. */
  extraHeaders?: string[];
  /** getUserMedia audio constraints. Default true. */
  audio?: boolean | MediaTrackConstraints;
}

export interface CallerAnswerOptions {
  audio?: boolean | MediaTrackConstraints;
  /** Let it ring this long before answering (ms). */
  delayMs?: number;
  extraHeaders?: string[];
}

export interface IncomingCallInfo {
  fromUri: string;
  fromDisplayName: string;
  toUri: string;
  callId: string;
  /** All headers of the INVITE, raw values, by header name as sip.js normalises it (e.g. 'X-Case'). */
  headers: Record<string, string[]>;
}

export interface InboundAudioStats {
  packetsReceived: number;
  bytesReceived: number;
  packetsLost: number;
  audioLevel?: number;
  totalAudioEnergy?: number;
  jitterBufferDelay?: number;
  jitterBufferEmittedCount?: number;
  concealedSamples?: number;
  totalSamplesReceived?: number;
}

export interface OutboundAudioStats {
  packetsSent: number;
  bytesSent: number;
}

export interface CallerPhoneApi {
  /** Connects and registers; resolves 'registered' or rejects with e.g. "REGISTER rejected: 401 Unauthorized". */
  register(options: CallerRegisterOptions): Promise<'registered'>;
  /** Unregister (bounded). */
  unregister(timeoutMs?: number): Promise<void>;
  /** Starts a call; resolves once the INVITE is sent. Follow with waitForState. */
  call(targetUri: string, options?: CallerCallOptions): Promise<void>;
  /** Answer the next incoming call automatically (one-shot). */
  answerNext(options?: CallerAnswerOptions): void;
  /** Answer the currently ringing incoming call. */
  answer(options?: CallerAnswerOptions): Promise<void>;
  /** Reject the currently ringing incoming call (default 486). */
  reject(statusCode?: number): Promise<void>;
  /** Cancel / reject / BYE, whatever fits the current call. No-op without a call. */
  hangup(): Promise<void>;
  /** State of the current (latest) call. */
  state(): CallerCallState;
  /**
   * Resolves when a call reaches `state`; rejects on timeout or when that call
   * ends first (the message then carries the reason, e.g. "404 Not Found").
   * which = 'latest' (default): the latest call, even if it already ended (so
   *   `call(); waitForState('Established')` cannot miss a fast 404); without
   *   any call yet, the next one.
   * which = 'next': a call that starts after this request (e.g. the callee
   *   waiting for the next incoming call while an old one is Terminated).
   */
  waitForState(state: CallerCallState, timeoutMs: number, which?: 'latest' | 'next'): Promise<CallerCallState>;
  /** Next incoming call not yet returned by an earlier waitForIncoming. */
  waitForIncoming(timeoutMs: number): Promise<IncomingCallInfo>;
  inboundAudioStats(): Promise<InboundAudioStats | null>;
  outboundAudioStats(): Promise<OutboundAudioStats | null>;
  /** Polls getStats (bounded) until at least `minPackets` audio packets arrived. */
  waitForInboundAudio(minPackets: number, timeoutMs: number): Promise<InboundAudioStats>;
  /**
   * Simulate a hung phone: drop every SIP message from the server unseen (the
   * WebSocket stays open, so the registrar still routes to it).
   */
  setUnresponsive(on: boolean): void;
  /** DTMF digits received by SIP INFO (application/dtmf-relay) so far, in order. */
  dtmfReceived(): string;
  /** Whether the other party holds us (our negotiated direction is recvonly/inactive). */
  remoteHold(): 'held' | 'active' | 'none';
  /** ICE ufrag of the remote description (changes on an ICE restart). */
  remoteIceUfrag(): string | null;
  /** Turns the microphone track(s) of the current call on/off. */
  setMicEnabled(on: boolean): void;
  /** Reconnects the WebSocket (after a server restart) and registers again. */
  reconnect(timeoutMs?: number): Promise<'registered'>;
  isConnected(): boolean;
  /** Sends a SIP MESSAGE; resolves with the final status code. */
  sendMessage(targetUri: string, body: string, timeoutMs?: number): Promise<number>;
  /** e.g. "480 Temporarily Unavailable" for the last failed call/registration, else null. */
  lastFailure(): string | null;
  /** Human-readable event log of this page (for failure messages). */
  events(): string[];
  /** Hang up, unregister, stop the user agent (bounded). */
  stop(timeoutMs?: number): Promise<void>;
}

declare global {
  interface Window {
    callerPhone?: CallerPhoneApi;
  }
}
