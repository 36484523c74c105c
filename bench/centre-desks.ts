// Simulated desks for the centre bench: plain HTTP clients that behave like the
// desk (src/main/work-orders): the change feed polled every 15 s from the head,
// one screen pop (1.5 s timeout) and one create (idempotency key, 10 s timeout)
// per call, each with its deadline in the service's clock once an answer taught it, and after an outage a batch of queued orders sent again until it
// lands, honouring 503 Retry-After with jitter as the desk does and backing off on timeouts.
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ServiceClock } from '../src/main/work-orders/service-clock';
import { retryAfterDelay } from '../src/main/work-orders/retry-after';
import { heavyPhone, ordinaryPhone } from './centre-seed';

export interface Desk {
  token: string;
  /** The service instance this desk talks to (desks are spread over instances). */
  url: string;
  /** The service's clock as this desk learnt it (X-Request-Deadline), as the desk's client does. */
  clock?: ServiceClock;
}

export type Kind = 'poll' | 'screen-pop' | 'create' | 'batch';

export class Figures {
  readonly ms = new Map<Kind, number[]>();
  readonly status = new Map<string, number>();
  /** Per kind and answer ("batch 503"): how long a desk waited for that answer. */
  readonly msByAnswer = new Map<string, number[]>();
  timeouts = 0;
  add(kind: Kind, ms: number, status: number | 'timeout' | 'error'): void {
    if (!this.ms.has(kind)) this.ms.set(kind, []);
    this.ms.get(kind)!.push(ms);
    const key = `${kind} ${status}`;
    if (!this.msByAnswer.has(key)) this.msByAnswer.set(key, []);
    this.msByAnswer.get(key)!.push(ms);
    this.status.set(key, (this.status.get(key) ?? 0) + 1);
    if (status === 'timeout') this.timeouts += 1;
  }
  percentiles(kind: Kind, answer?: number | 'timeout' | 'error'): { n: number; p50: number; p95: number; p99: number } | null {
    const values = [...((answer === undefined ? this.ms.get(kind) : this.msByAnswer.get(`${kind} ${answer}`)) ?? [])].sort((a, b) => a - b);
    if (values.length === 0) return null;
    const at = (p: number) => values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
    return { n: values.length, p50: at(50), p95: at(95), p99: at(99) };
  }
}

const FIELDS = (phone: string, n: string) => ({
  callerName: '王先生',
  callerPhone: phone,
  callbackNumber: '',
  address: '盘龙区 北京路 100 号 工地',
  district: '盘龙区',
  type: 'help-request',
  domain: 'social-management',
  departmentIds: ['labour-inspection'],
  urgency: 'normal',
  summary: `工地拖欠工资约三万元，已一年多 ${n}`,
  description: '来电人反映在某工地务工，工资约三万元被拖欠一年多，多次讨要未果。',
  scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' },
  followUpWanted: true,
  commitment: { what: '转人社局劳动监察大队核查处理，5 个工作日内答复', dueDate: '2026-12-01' },
});

/** A caller as the seeded year has them: one call in 50 from a heavy caller. */
function callerPhone(orders: number, heavyCallers: number): string {
  if (Math.random() < 0.02) return heavyPhone(Math.floor(Math.random() * heavyCallers));
  return ordinaryPhone(Math.floor(Math.random() * Math.max(1, Math.floor(orders * 0.4))));
}

/**
 * One kept-alive connection per desk, as a desk's client has (node:http, not fetch: the load generator plays every
 * desk in one process on the service's own cores, and undici's fetch costs several times the CPU per request, which
 * showed as the generator's event loop running 1.4–2.1 s late in the storm and as time a desk waited here).
 */
const agents = new WeakMap<Desk, { url: string; agent: Agent }>();
function agentOf(desk: Desk): Agent {
  const kept = agents.get(desk);
  if (kept?.url === desk.url) return kept.agent;
  kept?.agent.destroy();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.set(desk, { url: desk.url, agent });
  return agent;
}

type Reply = { status: number | 'timeout' | 'error'; json: unknown; retryAfterS: number | null };

function send(desk: Desk, method: string, path: string, timeoutMs: number, headers: Record<string, string>, body: string | undefined, onAnswer: (serviceTime: string | null) => void): Promise<Reply> {
  return new Promise((resolve) => {
    const url = new URL(path, desk.url);
    let settled = false;
    const finish = (reply: Reply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(reply);
    };
    const outgoing = httpRequest(url, { method, agent: agentOf(desk), headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      onAnswer(headerText(response.headers['workorder-service-time']));
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', () => finish({ status: 'error', json: null, retryAfterS: null }));
      response.on('end', () => {
        let json: unknown = null;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          // A body that is not JSON: the status still counts.
        }
        const retryAfter = headerText(response.headers['retry-after']);
        finish({ status: response.statusCode ?? 0, json, retryAfterS: retryAfter === null ? null : Number(retryAfter) });
      });
    });
    const timer = setTimeout(() => {
      finish({ status: 'timeout', json: null, retryAfterS: null });
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on('error', () => finish({ status: 'error', json: null, retryAfterS: null }));
    outgoing.end(body);
  });
}

const headerText = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

async function request(
  figures: Figures | null,
  kind: Kind,
  desk: Desk,
  method: string,
  path: string,
  timeoutMs: number,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const started = performance.now();
  const sentAt = Date.now();
  desk.clock ??= new ServiceClock();
  const clock = desk.clock;
  const deadline = clock.deadlineHeader(sentAt, timeoutMs);
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const reply = await send(
    desk,
    method,
    path,
    timeoutMs,
    {
      authorization: `Bearer ${desk.token}`,
      'x-request-timeout-ms': String(timeoutMs),
      ...(deadline !== undefined ? { 'x-request-deadline': deadline } : {}),
      ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    text,
    (serviceTime) => clock.observe(sentAt, Date.now(), serviceTime),
  );
  figures?.add(kind, performance.now() - started, reply.status);
  return reply;
}

export interface SteadyOptions {
  seconds: number;
  pollMs: number;
  /** Mean time between calls per desk (a ~4-minute call). */
  callMs: number;
  orders: number;
  heavyCallers: number;
}

/** Desks at work for `seconds`: polling, and a screen pop + create per call. */
export async function steady(desks: readonly Desk[], options: SteadyOptions): Promise<Figures> {
  const figures = new Figures();
  const end = performance.now() + options.seconds * 1000;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, end - performance.now()))));
  await Promise.all(
    desks.map(async (desk) => {
      let cursor = 'head';
      const poller = (async () => {
        await sleep(Math.random() * options.pollMs);
        while (performance.now() < end) {
          const reply = await request(figures, 'poll', desk, 'GET', `/v1/changes?since=${cursor}&limit=500`, 10_000);
          if (reply.status === 200) cursor = (reply.json as { nextCursor: string }).nextCursor;
          await sleep(options.pollMs);
        }
      })();
      const caller = (async () => {
        // Calls arrive at random (exponential gaps), each with a screen pop and then a create.
        for (;;) {
          await sleep(-Math.log(1 - Math.random()) * options.callMs);
          if (performance.now() >= end) return;
          const phone = callerPhone(options.orders, options.heavyCallers);
          await request(figures, 'screen-pop', desk, 'GET', `/v1/work-orders?phone=${phone}&limit=50`, 1_500);
          await request(figures, 'create', desk, 'POST', '/v1/work-orders', 10_000, { fields: FIELDS(phone, randomUUID().slice(0, 8)) }, {
            'idempotency-key': randomUUID(),
          });
        }
      })();
      await Promise.all([poller, caller]);
    }),
  );
  return figures;
}

export interface StormResult {
  figures: Figures;
  drainMs: number;
  requests: number;
  busy: number;
  timeouts: number;
  replayedItems: number;
  undrained: number;
  /** The load generator's own event-loop delay in the storm (ms): time a desk's answer waited here, not at the service. */
  generatorDelay: { p50: number; p99: number; max: number };
  /** 503s each desk got before its batch landed. */
  refusalsPerDesk: number[];
  /** Every Retry-After the service sent (seconds). */
  retryAfters: number[];
}

/**
 * How a desk waits after a 503 with Retry-After (ms): 'desk' as the desk's
 * outbox does (src/main/work-orders/retry-after.ts: the pause plus up to as
 * much again, 1–60 s); 'jitter-1s': the pause plus up to one second.
 */
export type RetryPolicy = 'desk' | 'jitter-1s';
const RETRY_WAIT: Record<RetryPolicy, (retryAfterS: number) => number> = {
  desk: (retryAfterS) => retryAfterDelay(retryAfterS * 1000),
  'jitter-1s': (retryAfterS) => Math.min(60_000, Math.max(1_000, retryAfterS * 1000) + Math.random() * 1000),
};

/**
 * Every desk comes back at once (within `spreadMs`) with `perDesk` queued orders
 * and sends them as one batch until it lands: 503 → wait as `retry` says;
 * timeout or error → the desk's backoff (1 s, doubling, equal jitter).
 * Bounded by `maxSeconds`.
 */
export async function storm(desks: readonly Desk[], perDesk: number, spreadMs: number, maxSeconds: number, retry: RetryPolicy = 'desk'): Promise<StormResult> {
  const figures = new Figures();
  const started = performance.now();
  const end = started + maxSeconds * 1000;
  let requests = 0;
  let busy = 0;
  let replayedItems = 0;
  let undrained = 0;
  let lastDone = started;
  const refusalsPerDesk: number[] = [];
  const retryAfters: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await Promise.all(
    desks.map(async (desk) => {
      // The desk's outbox sends the same queued items on every attempt: serialised once.
      const batch = JSON.stringify({ items: Array.from({ length: perDesk }, (_, i) => ({ idempotencyKey: randomUUID(), fields: FIELDS(ordinaryPhone(i), `storm-${i}`) })) });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * spreadMs));
      let refused = 0;
      for (let attempt = 1; performance.now() < end; attempt += 1) {
        requests += 1;
        const reply = await request(figures, 'batch', desk, 'POST', '/v1/work-orders:batch', 10_000, batch);
        if (reply.status === 200) {
          const results = (reply.json as { results: { status: number; replayed?: boolean }[] }).results;
          replayedItems += results.filter((r) => r.replayed).length;
          lastDone = Math.max(lastDone, performance.now());
          refusalsPerDesk.push(refused);
          return;
        }
        let waitMs: number;
        if (reply.status === 503 && reply.retryAfterS !== null) {
          busy += 1;
          refused += 1;
          retryAfters.push(reply.retryAfterS);
          waitMs = RETRY_WAIT[retry](reply.retryAfterS);
        } else {
          const step = Math.min(300_000, 1000 * 2 ** Math.min(30, attempt - 1));
          waitMs = step / 2 + Math.random() * (step / 2);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, Math.max(0, end - performance.now()))));
      }
      undrained += 1;
      refusalsPerDesk.push(refused);
    }),
  );
  delay.disable();
  const generatorDelay = { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
  return { figures, drainMs: lastDone - started, requests, busy, timeouts: figures.timeouts, replayedItems, undrained, generatorDelay, refusalsPerDesk, retryAfters };
}
