import type { UserAgent } from 'sip.js';

/**
 * Keep-alive on the WebSocket: an OPTIONS to the registrar every interval. A
 * half-open connection (the server or a NAT forgot us, no FIN ever came) shows
 * up as no answer; then `onDead` runs and the service reconnects. Kamailio and
 * Asterisk answer an OPTIONS without a user part themselves.
 */
export const KEEPALIVE_INTERVAL_MS = 20_000;
export const KEEPALIVE_TIMEOUT_MS = 5_000;

export class KeepAlive {
  private interval: ReturnType<typeof setInterval> | null = null;
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly userAgent: UserAgent,
    private readonly onDead: () => void,
    private readonly intervalMs = KEEPALIVE_INTERVAL_MS,
    private readonly timeoutMs = KEEPALIVE_TIMEOUT_MS,
  ) {}

  start(): void {
    this.stop();
    this.interval = setInterval(() => this.ping(), this.intervalMs);
  }

  stop(): void {
    if (this.interval) clearInterval(this.interval);
    if (this.pending) clearTimeout(this.pending);
    this.interval = null;
    this.pending = null;
  }

  /** One OPTIONS now; `onDead` unless answered within `timeoutMs`. A ping already waiting for its answer stands for it. */
  ping(timeoutMs = this.timeoutMs): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.onDead();
    }, timeoutMs);
    const answered = () => {
      if (this.pending) clearTimeout(this.pending);
      this.pending = null;
    };
    try {
      const core = this.userAgent.userAgentCore;
      const uri = this.userAgent.configuration.uri;
      // sip:<domain>: the registrar itself, not a user.
      const target = uri.clone();
      target.user = undefined;
      const message = core.makeOutgoingRequestMessage('OPTIONS', target, uri, uri, {});
      // Any final answer, even 404 or 405, proves the server still has us.
      core.request(message, { onAccept: answered, onReject: answered });
    } catch {
      // Not connected right now: the transport's own events drive reconnection.
      answered();
    }
  }
}
