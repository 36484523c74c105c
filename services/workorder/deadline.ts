import type { IncomingMessage } from 'node:http';

/**
 * The client's deadline in this service's clock (epoch ms), sent by a desk that
 * has learnt the service's clock from `Workorder-Service-Time`: it counts the
 * time a request waited where the service cannot see it (the kernel's accept
 * queue, a keep-alive connection's unread bytes behind a busy loop).
 */
export const DEADLINE_HEADER = 'x-request-deadline';
/** This service's clock (epoch ms) on every answer, so a desk can state its deadline in it. */
export const SERVICE_TIME_HEADER = 'workorder-service-time';
/**
 * A stated deadline further in the past than this is a wrong clock estimate,
 * not a long wait (no request waits a minute to be read): ignored.
 */
const IMPLAUSIBLY_OLD_MS = 60_000;
/** Time kept back for the answer to reach the desk: a tenth of its timeout, at most this. */
const MAX_ANSWER_MARGIN_MS = 250;

export interface DeadlineInputs {
  /** Epoch ms now. */
  now: number;
  /** How long the request already sat unread (since its connection was accepted, or the loop's lag). */
  lagMs: number;
  /** X-Request-Timeout-Ms, or the default. */
  timeoutMs: number;
}

export interface RequestTiming {
  /** Epoch ms until which the service may work on the request and commit it. */
  deadline: number;
  /**
   * How long the request had already waited when it was read, since it was sent
   * (known from the stated deadline; 0 without one): in a storm, mostly the
   * kernel's accept queue, which Node drains about one connection per turn of a
   * busy loop, so neither the admission line nor the loop's lag shows it.
   */
  waitedMs: number;
}

/**
 * The deadline is the earlier of the timeout counted from arrival and the
 * absolute deadline the request stated, less a margin so that a refusal (503)
 * reaches the desk before it gives up.
 */
export function requestTiming(req: IncomingMessage, { now, lagMs, timeoutMs }: DeadlineInputs): RequestTiming {
  const margin = Math.min(MAX_ANSWER_MARGIN_MS, timeoutMs / 10);
  const fromArrival = now - lagMs + timeoutMs;
  const stated = statedDeadline(req);
  if (stated === null || stated < now - IMPLAUSIBLY_OLD_MS) return { deadline: fromArrival - margin, waitedMs: 0 };
  // Sent at (stated − timeout) in this clock; a stated deadline later than the timeout allows is not believed.
  const deadline = Math.min(stated, fromArrival);
  return { deadline: deadline - margin, waitedMs: Math.max(0, now - (deadline - timeoutMs)) };
}

function statedDeadline(req: IncomingMessage): number | null {
  const raw = req.headers[DEADLINE_HEADER];
  if (typeof raw !== 'string' || !/^\s*\d{1,15}\s*$/.test(raw)) return null;
  return Number(raw.trim());
}
