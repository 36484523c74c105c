import { describe, expect, it } from 'vitest';
import type { Core, UserAgent } from 'sip.js';
import type { PbxPresence } from '../../../../shared/domain/floor-presence';
import { MAX_WATCHED, PbxPresenceWatcher } from './pbx-presence-watcher';

type Delegate = Parameters<Core.UserAgentCore['subscribe']>[1];

/** A fake sip.js core: records each SUBSCRIBE and lets the test answer it. */
function fakeUserAgent() {
  const sent: Array<{ target: string; headers: string[]; delegate: Delegate; disposed: boolean }> = [];
  const core = {
    configuration: { aor: 'sip:3001@hotline.test', contact: { toString: () => '<sip:lead@x.invalid;transport=ws>' } },
    makeOutgoingRequestMessage: (_method: string, target: { text: string }, _from: unknown, _to: unknown, _options: unknown, headers: string[]) => ({ target: target.text, headers }),
    subscribe(message: { target: string; headers: string[] }, delegate: Delegate) {
      const entry = { target: message.target, headers: message.headers, delegate, disposed: false };
      sent.push(entry);
      return { waitNotifyStop: () => undefined, dispose: () => (entry.disposed = true) };
    },
  };
  return { userAgent: { userAgentCore: core } as unknown as UserAgent, sent };
}

function fakeSubscription() {
  const subscription = { autoRefresh: false, delegate: undefined as Core.SubscriptionDelegate | undefined, unsubscribed: 0, unsubscribe: () => (subscription.unsubscribed += 1) };
  return subscription;
}

const notify = (body: string) => {
  const request = { accepted: 0, message: { body }, accept: () => (request.accepted += 1) };
  return request;
};

const doc = (version: number, state: string) =>
  `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="sip:1002@hotline.test">` +
  (state ? `<dialog id="d1" call-id="c1" direction="recipient"><state>${state}</state><remote><identity>sip:13812345678@hotline.test</identity></remote></dialog>` : '') +
  '</dialog-info>';

function harness() {
  const ua = fakeUserAgent();
  let clock = 1_000;
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const presence = new Map<string, PbxPresence | null>();
  const watcher = new PbxPresenceWatcher({
    userAgent: () => ua.userAgent,
    makeUri: (text) => ({ text }) as unknown as Core.URI,
    now: () => clock,
    onPresence: (personId, value) => presence.set(personId, value),
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => ((timer as { cleared: boolean }).cleared = true),
    random: () => 0.5,
  });
  /** Runs the timers due, the shortest first (one step). */
  const tick = () => {
    const due = timers.splice(0).filter((timer) => !timer.cleared);
    for (const timer of due) timer.run();
    return due.map((timer) => timer.ms);
  };
  return { ua, watcher, presence, tick, advance: (ms: number) => (clock += ms) };
}

describe('the lead\'s desk watching its agents on the PBX', () => {
  it('subscribes to each agent with the dialog event, and follows the NOTIFYs through the parser', () => {
    const { ua, watcher, presence, tick, advance } = harness();
    watcher.setTargets([{ personId: 'p1', sipUri: 'sip:1002@hotline.test' }]);
    tick();
    expect(ua.sent).toHaveLength(1);
    expect(ua.sent[0]!.target).toBe('sip:1002@hotline.test');
    expect(ua.sent[0]!.headers).toEqual(expect.arrayContaining(['Event: dialog', 'Accept: application/dialog-info+xml']));
    const subscription = fakeSubscription();
    const first = notify(doc(0, ''));
    ua.sent[0]!.delegate!.onNotify!({ request: first, subscription } as never);
    expect(first.accepted).toBe(1);
    expect(subscription.autoRefresh).toBe(true);
    expect(presence.get('p1')).toMatchObject({ watch: 'active', phase: 'idle' });
    advance(2_000);
    subscription.delegate!.onNotify!(notify(doc(1, 'confirmed')) as never);
    expect(presence.get('p1')).toMatchObject({ phase: 'talking', callSince: 3_000, remote: '138****5678' });
    // A repeated version is stale and changes nothing.
    subscription.delegate!.onNotify!(notify(doc(1, 'terminated')) as never);
    expect(presence.get('p1')).toMatchObject({ phase: 'talking' });
    advance(5_000);
    subscription.delegate!.onNotify!(notify(doc(2, 'terminated')) as never);
    expect(presence.get('p1')).toMatchObject({ phase: 'idle', endedAt: 8_000 });
  });

  it('a 403 is a refusal asked again only after minutes; a failure is retried with a growing delay', () => {
    const { ua, watcher, presence, tick } = harness();
    watcher.setTargets([
      { personId: 'p1', sipUri: 'sip:1002@hotline.test' },
      { personId: 'p2', sipUri: 'sip:1003@hotline.test' },
    ]);
    tick();
    ua.sent[0]!.delegate!.onReject!({ message: { statusCode: 403 } } as never);
    ua.sent[1]!.delegate!.onReject!({ message: { statusCode: 503 } } as never);
    expect(presence.get('p1')).toMatchObject({ watch: 'refused', status: 403 });
    expect(presence.get('p2')).toMatchObject({ watch: 'failed', status: 503 });
    expect(tick().sort((a, b) => a - b)).toEqual([2_000, 600_000]);
    // Both retry timers ran: both were asked again (the pacer's step is next).
    tick();
    expect(ua.sent).toHaveLength(4);
    ua.sent[3]!.delegate!.onNotifyTimeout!();
    expect(tick()).toEqual([4_000]);
  });

  it('a gap in the versions subscribes afresh; a subscription the PBX ends is retried', () => {
    const { ua, watcher, tick } = harness();
    watcher.setTargets([{ personId: 'p1', sipUri: 'sip:1002@hotline.test' }]);
    tick();
    const subscription = fakeSubscription();
    ua.sent[0]!.delegate!.onNotify!({ request: notify(doc(1, 'confirmed')), subscription } as never);
    subscription.delegate!.onNotify!(notify(doc(3, 'confirmed').replace('state="full"', 'state="partial"')) as never);
    expect(subscription.unsubscribed).toBe(1);
    tick();
    expect(ua.sent).toHaveLength(2);
    const again = fakeSubscription();
    ua.sent[1]!.delegate!.onNotify!({ request: notify(doc(0, '')), subscription: again } as never);
    again.delegate!.onTerminated!();
    expect(tick()).toEqual([2_000]);
  });

  it('watches at most MAX_WATCHED agents, drops the ones that leave, and unsubscribes from all on stop', () => {
    const { ua, watcher, presence, tick } = harness();
    const many = Array.from({ length: MAX_WATCHED + 20 }, (_, i) => ({ personId: `p${i}`, sipUri: `sip:${5000 + i}@hotline.test` }));
    watcher.setTargets(many);
    expect(watcher.watchedCount()).toBe(MAX_WATCHED);
    // Paced: ten SUBSCRIBEs per step, not two hundred at once.
    tick();
    expect(ua.sent).toHaveLength(10);
    const subscription = fakeSubscription();
    ua.sent[0]!.delegate!.onNotify!({ request: notify(doc(0, '')), subscription } as never);
    watcher.setTargets(many.slice(1, 5));
    expect(subscription.unsubscribed).toBe(1);
    expect(presence.get('p0')).toBeNull();
    expect(ua.sent[5]!.disposed).toBe(true);
    watcher.stop();
    expect(watcher.watchedCount()).toBe(0);
    expect(ua.sent.slice(1, 5).every((entry) => entry.disposed)).toBe(true);
  });
});
