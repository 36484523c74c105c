import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FloorReporter, type FloorReporterOptions, type FloorTarget } from '../../../src/main/floor/floor-reporter';
import { FLOOR_STATE_PATH, FloorStateReportSchema, type FloorState } from '../../../src/shared/domain/floor';
import type { CallLedgerEvent } from '../../../src/shared/domain/call-log';

interface Seen {
  at: number;
  path: string;
  authorization: string | undefined;
  body: FloorState;
}

type Answer = (req: IncomingMessage, res: ServerResponse, index: number) => void;

/** A real HTTP server standing in for the centre's floor route; `answer` decides each reply. */
async function startCentre(answer: Answer = (_req, res) => ok(res)): Promise<{ url: string; seen: Seen[]; server: Server; waitFor: (n: number) => Promise<Seen[]>; answer: Answer }> {
  const seen: Seen[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const centre = {
    url: '',
    seen,
    answer,
    server: null as unknown as Server,
    waitFor: (n: number) =>
      new Promise<Seen[]>((resolve, reject) => {
        if (seen.length >= n) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`Timed out waiting for request ${n} (saw ${seen.length})`)), 5_000);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(seen)) });
      }),
  };
  centre.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = seen.length;
      seen.push({
        at: Date.now(),
        path: req.url ?? '',
        authorization: req.headers.authorization,
        // Every report must satisfy the shared contract the centre validates with.
        body: FloorStateReportSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))),
      });
      for (const waiter of waiters.filter((w) => seen.length >= w.n)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      centre.answer(req, res, index);
    });
  });
  await new Promise<void>((resolve) => centre.server.listen(0, '127.0.0.1', resolve));
  centre.url = `http://127.0.0.1:${(centre.server.address() as AddressInfo).port}`;
  return centre;
}

function ok(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"eventId":"1"}');
}

const answered = (id: string, remoteNumber: string, extra: Partial<CallLedgerEvent> = {}): CallLedgerEvent =>
  ({ type: 'answered', id, direction: 'inbound', remoteNumber, remoteName: '', startedAt: 1_000, answeredAt: 2_000, practice: false, consultFor: null, ...extra }) as CallLedgerEvent;

describe('FloorReporter: the desk reports its state to the live floor (real HTTP server)', () => {
  const cleanup: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  const reporter = (options: FloorReporterOptions) => {
    const floor = new FloorReporter(options);
    cleanup.push(() => floor.close());
    return floor;
  };
  const centre = async (answer?: Answer) => {
    const c = await startCentre(answer);
    cleanup.push(() => new Promise<void>((resolve) => c.server.close(() => resolve())));
    cleanup.push(() => c.server.closeAllConnections());
    return c;
  };

  it('posts a state change with the bearer token, whole and valid against the shared schema', async () => {
    const c = await centre();
    const floor = reporter({ target: () => ({ centreUrl: c.url, token: 'tok-A' }), heartbeatMs: 60_000 });
    floor.start();
    floor.agentChanged({ status: 'ready', reason: null, cause: 'agent', at: 5_000 });
    floor.callEvent({ type: 'ringing', id: 'call-1', direction: 'inbound', remoteNumber: '13812345678', remoteName: '', startedAt: 6_000, practice: false, consultFor: null });
    // The first request (the state at start, offline) was in flight; both changes go in the second.
    const seen = await c.waitFor(2);
    expect(seen[0]).toMatchObject({ path: FLOOR_STATE_PATH, authorization: 'Bearer tok-A', body: { agentState: 'offline', callPhase: 'idle' } });
    expect(seen[1]).toMatchObject({ path: FLOOR_STATE_PATH, authorization: 'Bearer tok-A' });
    expect(seen[1]!.body).toMatchObject({ agentState: 'ready', since: 5_000, callPhase: 'ringing', callStartedAt: 6_000, callerNumber: '13812345678' });
  });

  it('coalesces: many changes while a request is in flight become few requests, and the last state wins', async () => {
    let release: (() => void) | null = null;
    const c = await centre((_req, res, index) => {
      if (index === 0) release = () => ok(res);
      else ok(res);
    });
    const floor = reporter({ target: () => ({ centreUrl: c.url, token: 'tok-A' }), heartbeatMs: 60_000 });
    floor.start();
    await c.waitFor(1);
    for (let i = 0; i < 50; i += 1) {
      floor.agentChanged({ status: i % 2 === 0 ? 'not-ready' : 'break', reason: i % 2 === 0 ? null : `小休${i}`, cause: 'agent', at: 10_000 + i });
    }
    floor.callEvent(answered('call-9', '02087654321'));
    expect(c.seen).toHaveLength(1);
    (release as (() => void) | null)!();
    // At most one in flight: the 51 changes made during the first request are one second request.
    const seen = await c.waitFor(2);
    expect(seen).toHaveLength(2);
    expect(c.seen[1]!.body).toMatchObject({ agentState: 'break', breakReason: '小休49', since: 10_049, callPhase: 'talking', callerNumber: '02087654321' });
  });

  it('re-posts the same state every heartbeat without a change', async () => {
    const c = await centre();
    const floor = reporter({ target: () => ({ centreUrl: c.url, token: 'tok-A' }), heartbeatMs: 40 });
    floor.agentChanged({ status: 'after-call', reason: null, cause: 'call-ended', at: 7_000 });
    floor.start();
    const seen = await c.waitFor(3);
    expect(seen[2]!.body).toEqual(seen[1]!.body);
    expect(seen[2]!.body).toMatchObject({ agentState: 'after-call', callPhase: 'after-call' });
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(30);
  });

  it('retries an unreachable centre with the backoff, waits bounded by its maximum, and the retry carries the latest state', async () => {
    const c = await centre((req, res, index) => {
      if (index < 5) req.socket.destroy();
      else ok(res);
    });
    const errors: unknown[] = [];
    const floor = reporter({
      target: () => ({ centreUrl: c.url, token: 'tok-A' }),
      backoff: { baseMs: 20, maxMs: 80, jitter: 0 },
      random: () => 0,
      heartbeatMs: 60_000,
      onError: (error) => errors.push(error),
    });
    floor.start();
    await c.waitFor(2);
    floor.agentChanged({ status: 'ready', reason: null, cause: 'agent', at: 9_000 });
    const seen = await c.waitFor(6);
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i]!.at);
    // 20, 40, 80, 80, 80 ms (capped): each wait at least its step, never much beyond the maximum.
    [20, 40, 80, 80, 80].forEach((step, i) => expect(gaps[i]).toBeGreaterThanOrEqual(step - 5));
    for (const gap of gaps) expect(gap).toBeLessThan(80 + 1_500);
    expect(seen[5]!.body.agentState).toBe('ready');
    expect(errors).toEqual([]);
  });

  it('sends nothing while not signed in; the first report after sign-in carries the state reached meanwhile', async () => {
    const c = await centre();
    let target: FloorTarget | null = null;
    const floor = reporter({ target: () => target, heartbeatMs: 60_000, signedOutCheckMs: 30 });
    floor.start();
    floor.agentChanged({ status: 'not-ready', reason: null, cause: 'agent', at: 1_000 });
    floor.callEvent(answered('call-1', '13800000000'));
    floor.callEvent({ type: 'ended', id: 'call-1', endedAt: 3_000, outcome: 'answered', endedBy: 'remote', quality: null });
    floor.agentChanged({ status: 'ready', reason: null, cause: 'agent', at: 4_000 });
    target = { centreUrl: c.url, token: 'tok-B' };
    // Found by the next signed-out check, without a further change.
    const seen = await c.waitFor(1);
    expect(seen[0]).toMatchObject({ authorization: 'Bearer tok-B', body: { agentState: 'ready', since: 4_000, callPhase: 'idle', callerNumber: null } });
  });

  it('a 401 token_revoked goes to the session once, and nothing more is sent with that token', async () => {
    const c = await centre((req, res) => {
      if (req.headers.authorization === 'Bearer tok-old') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"token_revoked","message":"revoked"}}');
      } else ok(res);
    });
    let target: FloorTarget | null = { centreUrl: c.url, token: 'tok-old' };
    const refused: Array<[string, string]> = [];
    let onRefused: () => void = () => undefined;
    const wasRefused = new Promise<void>((resolve) => (onRefused = resolve));
    const floor = reporter({
      target: () => target,
      heartbeatMs: 60_000,
      signedOutCheckMs: 30,
      onTokenRefused: (code, token) => {
        refused.push([code, token]);
        onRefused();
      },
    });
    floor.start();
    await wasRefused;
    // Changes with the refused token still held would be sent (and seen first) if the reporter went on.
    floor.agentChanged({ status: 'ready', reason: null, cause: 'agent', at: 2_000 });
    floor.agentChanged({ status: 'not-ready', reason: null, cause: 'agent', at: 3_000 });
    target = { centreUrl: c.url, token: 'tok-new' };
    // A new sign-in is found at the next signed-out check.
    const seen = await c.waitFor(2);
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer tok-old', 'Bearer tok-new']);
    expect(seen[1]!.body).toMatchObject({ agentState: 'not-ready', since: 3_000 });
    expect(refused).toEqual([['token_revoked', 'tok-old']]);
  });

  it('stops on sign-out: changes while signed out are not sent', async () => {
    let target: FloorTarget | null = null;
    const c = await centre((_req, res, index) => {
      // Signed out while the first report is on its way.
      if (index === 0) target = null;
      ok(res);
    });
    target = { centreUrl: c.url, token: 'tok-A' };
    let onSignedOutSeen: () => void = () => undefined;
    const signedOutSeen = new Promise<void>((resolve) => (onSignedOutSeen = resolve));
    const floor = reporter({
      target: () => {
        if (target === null) onSignedOutSeen();
        return target;
      },
      heartbeatMs: 30,
    });
    floor.start();
    await c.waitFor(1);
    // The reporter has had the reply and found the desk signed out.
    await signedOutSeen;
    floor.agentChanged({ status: 'offline', reason: null, cause: 'agent', at: 8_000 });
    floor.callEvent(answered('call-2', '13900000000'));
    target = { centreUrl: c.url, token: 'tok-B' };
    floor.agentChanged({ status: 'ready', reason: null, cause: 'agent', at: 9_000 });
    const seen = await c.waitFor(2);
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer tok-A', 'Bearer tok-B']);
    expect(seen[1]!.body).toMatchObject({ agentState: 'ready', since: 9_000, callPhase: 'talking', callerNumber: '13900000000' });
  });

  it("carries the current call's ledger id (the primary leg, not a consultation or a practice call); null once it ends", () => {
    const floor = reporter({ target: () => null, heartbeatMs: 60_000 });
    expect(floor.report().callId).toBeNull();
    floor.callEvent(answered('practice-1', '13700000000', { practice: true }));
    expect(floor.report()).toMatchObject({ callId: null, callPhase: 'idle' });
    floor.callEvent(answered('call-7', '13812345678'));
    floor.callEvent(answered('consult-7', '1001', { consultFor: 'call-7' }));
    expect(floor.report()).toMatchObject({ callId: 'call-7', callPhase: 'consulting' });
    floor.callEvent({ type: 'ended', id: 'consult-7', endedAt: 3_000, outcome: 'answered', endedBy: 'remote', quality: null });
    floor.callEvent({ type: 'ended', id: 'call-7', endedAt: 4_000, outcome: 'answered', endedBy: 'remote', quality: null });
    expect(floor.report()).toMatchObject({ callId: null, callPhase: 'idle' });
  });
});
