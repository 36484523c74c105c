import type { RawBridge } from './bridge';

/**
 * What the desk asks main for before it can register (its settings, the phone's preferences, the SIP password) and
 * before it can draw the desk instead of an empty window (whether the agent is signed in to the centre).
 */
export const START_REQUESTS: readonly string[] = ['settings:get', 'phone:getPreferences', 'settings:sipCredentials', 'centre:status'];

/** After this event a prefetched status or password may be out of date: the centre signed the desk out. */
export const PREFETCH_STALE_EVENT = 'centre:signedOut';

/** A prefetched reply not asked for by then is dropped (the password with it) and the page's request goes to main. */
export const START_PREFETCH_TTL_MS = 10_000;

/**
 * The bridge that sends the start's requests at once, from the preload (before the page's script has even
 * downloaded), and answers the page's first identical request with that reply. Asked by the page itself, the replies
 * came back while React rendered the first screen and waited behind it: the phone began registering only after that
 * render. Prefetched, they are in before the page's script runs, and the phone starts in the script's first turn.
 * Only an empty request (all four take `{}`) is answered from the prefetch, once; a prefetch that failed is asked again.
 * A central sign-out before the page asked drops every prefetched reply: the page, not yet listening, would miss the
 * event and run on a status and a password from before it.
 */
export function withStartPrefetch(raw: RawBridge, now: () => number = Date.now, ttlMs = START_PREFETCH_TTL_MS): RawBridge {
  const sentAt = now();
  const prefetched = new Map<string, Promise<unknown>>();
  for (const channel of START_REQUESTS) {
    const reply = raw.invoke(channel, {});
    // Nobody may ever ask (the replay screen starts no phone): the failure is the page's to see, if it asks.
    reply.catch(() => undefined);
    prefetched.set(channel, reply);
  }
  let stopWatching = (): void => undefined;
  const drop = () => {
    prefetched.clear();
    clearTimeout(expiry);
    stopWatching();
  };
  const expiry = setTimeout(drop, ttlMs);
  (expiry as { unref?: () => void }).unref?.();
  stopWatching = raw.on(PREFETCH_STALE_EVENT, drop);
  return {
    invoke: (channel, request) => {
      const reply = prefetched.get(channel);
      if (reply === undefined || !isEmptyRequest(request)) return raw.invoke(channel, request);
      prefetched.delete(channel);
      if (prefetched.size === 0) drop();
      if (now() - sentAt > ttlMs) return raw.invoke(channel, request);
      return reply.catch(() => raw.invoke(channel, request));
    },
    on: (channel, listener) => raw.on(channel, listener),
  };
}

function isEmptyRequest(request: unknown): boolean {
  return typeof request === 'object' && request !== null && !Array.isArray(request) && Object.keys(request).length === 0;
}
