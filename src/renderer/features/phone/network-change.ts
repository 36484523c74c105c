/**
 * The computer's network changed (Wi-Fi to wired, a VPN reconnecting, a new
 * DHCP lease): the WebSocket may now be dead without any FIN or RST ever
 * arriving, and the keep-alive would only notice at its next OPTIONS (up to
 * 25 s). So on every network event the browser reports, the phone checks its
 * link at once instead.
 *
 * What Chromium (150, Linux) reports when the address of the only interface is
 * removed and another one added: `offline` and two `change` events on
 * navigator.connection at the removal, `online` and two `change` events at the
 * addition. It leaves an open WebSocket on the old address alone (no close, no
 * error): its TCP connection just stops carrying anything.
 */

/** How long a probe after a network change waits for an answer before the link counts as dead. */
export const NETWORK_PROBE_TIMEOUT_MS = 3_000;

/** What we listen on: the window (`online`, `offline`) and navigator.connection (`change`), where present. */
export interface NetworkEventSources {
  window?: EventTarget | null;
  connection?: EventTarget | null;
}

export type NetworkEventName = 'online' | 'offline' | 'change';

export function browserNetworkSources(): NetworkEventSources {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { connection?: EventTarget });
  return {
    window: typeof window === 'undefined' ? null : window,
    connection: nav?.connection ?? null,
  };
}

/** Calls `onChange` for each network event from `sources`; returns the unsubscribe. */
export function watchNetwork(sources: NetworkEventSources, onChange: (event: NetworkEventName) => void): () => void {
  const subscriptions: [EventTarget, NetworkEventName, () => void][] = [];
  const listen = (target: EventTarget | null | undefined, name: NetworkEventName) => {
    if (!target) return;
    const listener = () => onChange(name);
    target.addEventListener(name, listener);
    subscriptions.push([target, name, listener]);
  };
  listen(sources.window, 'online');
  listen(sources.window, 'offline');
  listen(sources.connection, 'change');
  return () => {
    for (const [target, name, listener] of subscriptions.splice(0)) target.removeEventListener(name, listener);
  };
}

export type NetworkChangeReaction =
  /** Connected: ask the server now (OPTIONS, NETWORK_PROBE_TIMEOUT_MS); no answer means the link is dead. */
  | 'probe'
  /** Waiting out a backoff before the next reconnect: the network that was missing may be back, try now. */
  | 'reconnect-now'
  /** Connecting or stopped (or not retried, e.g. a wrong password): the attempt under way decides. */
  | 'none';

export function reactToNetworkChange(link: { connected: boolean; retryWaiting: boolean }): NetworkChangeReaction {
  if (link.connected) return 'probe';
  return link.retryWaiting ? 'reconnect-now' : 'none';
}
