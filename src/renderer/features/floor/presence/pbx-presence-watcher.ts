import type { Core, UserAgent } from 'sip.js';
import { DialogInfoView, parseDialogInfo } from '../../../../shared/domain/floor-dialog-info';
import { PBX_UNKNOWN, pbxPresenceAfter, pbxPresenceLost, type PbxPresence } from '../../../../shared/domain/floor-presence';

/** One agent the lead's desk watches on the PBX. */
export interface PbxWatchTarget {
  personId: string;
  sipUri: string;
}

export interface PbxPresenceWatcherDeps {
  /** The lead's registered user agent (null while not registered: nothing is subscribed then). */
  userAgent(): UserAgent | null;
  makeUri(text: string): Core.URI | undefined;
  /** The service's clock (the floor's times are on it). */
  now(): number;
  onPresence(personId: string, presence: PbxPresence | null): void;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  random?(): number;
}

/** More agents than this are not watched (a lead's teams are tens; the PBX's load is per subscription). */
export const MAX_WATCHED = 200;
/** The subscription's lifetime; sip.js refreshes it before it runs out. */
export const SUBSCRIBE_EXPIRES_S = 600;
/** New SUBSCRIBEs sent per pacing step, so a lead signing in does not send hundreds at once. */
const BURST = 10;
const PACE_MS = 500;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;
/** A refusal (403: the PBX says this lead may not watch the agent; 489: no dialog event) is asked again only after this. */
const REFUSED_RETRY_MS = 10 * 60_000;

interface Watch {
  target: PbxWatchTarget;
  userAgent: UserAgent | null;
  request: Core.OutgoingSubscribeRequest | null;
  subscription: Core.Subscription | null;
  view: DialogInfoView;
  presence: PbxPresence;
  failures: number;
  retry: unknown;
  /** Bumped whenever the watch is dropped, so late callbacks of an old SUBSCRIBE do nothing. */
  generation: number;
}

/**
 * The lead's desk watching its agents' calls on the PBX (RFC 4235
 * dialog-info over RFC 6665 SUBSCRIBE/NOTIFY): one subscription per agent
 * with a SIP address, refreshed by sip.js, dropped when the agent leaves the
 * list or the desk stops; a refusal or a failure is retried with a growing
 * delay. Each NOTIFY goes through the dialog-info parser (full and partial
 * documents, version order) and the presence the floor shows is recomputed.
 * Built on sip.js's core SUBSCRIBE (as its Subscriber is) because the
 * Subscriber does not tell a 403 from a lost NOTIFY.
 */
export class PbxPresenceWatcher {
  private readonly watches = new Map<string, Watch>();
  private queue: string[] = [];
  private pacer: unknown = null;
  private stopped = false;

  constructor(private readonly deps: PbxPresenceWatcherDeps) {}

  /** The agents to watch now (the first MAX_WATCHED with a SIP address). */
  setTargets(targets: readonly PbxWatchTarget[]): void {
    if (this.stopped) return;
    const wanted = new Map<string, PbxWatchTarget>();
    for (const target of targets) {
      if (wanted.size >= MAX_WATCHED) break;
      if (target.sipUri) wanted.set(target.personId, target);
    }
    for (const [personId, watch] of this.watches) {
      const next = wanted.get(personId);
      if (!next || next.sipUri !== watch.target.sipUri) this.drop(personId, watch);
    }
    for (const [personId, target] of wanted) {
      if (this.watches.has(personId)) continue;
      this.watches.set(personId, { target, userAgent: null, request: null, subscription: null, view: new DialogInfoView(), presence: PBX_UNKNOWN, failures: 0, retry: null, generation: 0 });
      this.enqueue(personId);
    }
  }

  /** The user agent may have changed (registered, reconnected, signed out): watches on another one start again. */
  userAgentChanged(): void {
    const current = this.deps.userAgent();
    for (const [personId, watch] of this.watches) {
      if (watch.userAgent === current && (watch.request || watch.subscription)) continue;
      if (watch.userAgent !== null && watch.userAgent !== current) this.release(watch);
      if (current && watch.retry === null) this.enqueue(personId);
    }
  }

  watchedCount(): number {
    return this.watches.size;
  }

  /** Unsubscribes from every agent (sign-out, the floor closing). */
  stop(): void {
    this.stopped = true;
    for (const [personId, watch] of this.watches) this.drop(personId, watch);
    if (this.pacer !== null) this.deps.clearTimer(this.pacer);
    this.pacer = null;
    this.queue = [];
  }

  private enqueue(personId: string): void {
    if (!this.queue.includes(personId)) this.queue.push(personId);
    this.pacer ??= this.deps.setTimer(() => this.pace(), 0);
  }

  private pace(): void {
    this.pacer = null;
    const userAgent = this.deps.userAgent();
    if (!userAgent || this.stopped) return;
    for (const personId of this.queue.splice(0, BURST)) {
      const watch = this.watches.get(personId);
      if (watch && !watch.request && !watch.subscription && watch.retry === null) this.subscribe(personId, watch, userAgent);
    }
    if (this.queue.length > 0) this.pacer = this.deps.setTimer(() => this.pace(), PACE_MS);
  }

  private subscribe(personId: string, watch: Watch, userAgent: UserAgent): void {
    const target = this.deps.makeUri(watch.target.sipUri);
    if (!target) {
      this.publish(personId, watch, pbxPresenceLost(watch.presence, 0));
      return;
    }
    const core = userAgent.userAgentCore;
    const message = core.makeOutgoingRequestMessage('SUBSCRIBE', target, core.configuration.aor, target, {}, [
      'Event: dialog',
      'Accept: application/dialog-info+xml',
      `Expires: ${SUBSCRIBE_EXPIRES_S}`,
      `Contact: ${core.configuration.contact.toString()}`,
    ]);
    const generation = ++watch.generation;
    const current = () => this.watches.get(personId) === watch && watch.generation === generation;
    watch.userAgent = userAgent;
    watch.view = new DialogInfoView();
    const failed = (status: number) => {
      if (!current()) return;
      watch.request = null;
      watch.subscription = null;
      this.publish(personId, watch, pbxPresenceLost(watch.presence, status));
      this.retryLater(personId, watch, status === 403 || status === 489 ? REFUSED_RETRY_MS : null);
    };
    watch.request = core.subscribe(message, {
      onNotify: ({ request, subscription }) => {
        if (!current() || !subscription) {
          request.accept();
          return;
        }
        watch.subscription = subscription;
        subscription.autoRefresh = true;
        subscription.delegate = {
          onNotify: (notify) => {
            if (current()) this.notified(personId, watch, notify);
            else notify.accept();
          },
          onTerminated: () => failed(0),
        };
        this.notified(personId, watch, request);
      },
      onNotifyTimeout: () => failed(408),
      onRedirect: (response) => failed(response.message.statusCode ?? 0),
      onReject: (response) => failed(response.message.statusCode ?? 0),
    });
  }

  private notified(personId: string, watch: Watch, request: Core.IncomingNotifyRequest): void {
    request.accept();
    watch.failures = 0;
    const body = request.message.body ?? '';
    if (body.trim() === '') {
      // No state yet (the PBX has nothing published for the agent): no call.
      watch.view = new DialogInfoView();
      this.publish(personId, watch, pbxPresenceAfter(watch.presence, [], this.deps.now()));
      return;
    }
    let outcome: 'applied' | 'stale' | 'resync';
    try {
      outcome = watch.view.apply(parseDialogInfo(body));
    } catch {
      return;
    }
    if (outcome === 'applied') this.publish(personId, watch, pbxPresenceAfter(watch.presence, watch.view.current(), this.deps.now()));
    else if (outcome === 'resync') {
      // A version went missing: subscribe afresh, and the PBX's first NOTIFY is a full document.
      this.release(watch);
      this.enqueue(personId);
    }
  }

  private publish(personId: string, watch: Watch, presence: PbxPresence): void {
    watch.presence = presence;
    this.deps.onPresence(personId, presence);
  }

  private retryLater(personId: string, watch: Watch, fixedMs: number | null): void {
    watch.failures += 1;
    const backoff = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(watch.failures - 1, 10));
    const ms = fixedMs ?? Math.round(backoff * (0.75 + 0.5 * (this.deps.random ?? Math.random)()));
    watch.retry = this.deps.setTimer(() => {
      watch.retry = null;
      if (this.watches.get(personId) === watch) this.enqueue(personId);
    }, ms);
  }

  /** Ends the SIP side of a watch (unsubscribing if it is live) and keeps the entry. */
  private release(watch: Watch): void {
    watch.generation += 1;
    const subscription = watch.subscription;
    if (subscription) {
      subscription.delegate = undefined;
      try {
        subscription.unsubscribe();
      } catch {
        // Already terminated.
      }
    }
    if (watch.request && !subscription) {
      watch.request.waitNotifyStop();
      watch.request.dispose();
    }
    watch.request = null;
    watch.subscription = null;
    watch.userAgent = null;
  }

  private drop(personId: string, watch: Watch): void {
    this.release(watch);
    if (watch.retry !== null) this.deps.clearTimer(watch.retry);
    watch.retry = null;
    this.watches.delete(personId);
    this.queue = this.queue.filter((id) => id !== personId);
    this.deps.onPresence(personId, null);
  }
}
