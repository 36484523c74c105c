import type { Server, ServerOptions } from 'node:http';

/**
 * What one client may hold of the service: how long it may take to send its
 * headers and its whole request, how long an idle keep-alive connection stays,
 * how many requests one connection may carry and how many connections there may
 * be at once. Node checks the header and request timeouts only every
 * `connectionsCheckingInterval` (30 s by default), which let a client that
 * trickles its headers hold a connection for half a minute; here it is 1 s.
 */
export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  connectionsCheckingIntervalMs: number;
  keepAliveTimeoutMs: number;
  maxRequestsPerSocket: number;
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  connectionsCheckingIntervalMs: 1_000,
  // Longer than a 503's longest pause (Retry-After up to 60 s, the desk's cap, plus its jitter: the
  // desk's fetch keeps a connection for this hint less 2 s): a desk sent back comes again on the
  // connection it has, rather than through the accept queue a storm fills, where on SQLite each
  // accept also holds back the store's work (SQLITE_PACING). A desk polling every 15 s keeps its one
  // connection open (a few KiB each, far below maxConnections).
  keepAliveTimeoutMs: 65_000,
  maxRequestsPerSocket: 1_000,
  // Every desk of a large centre at once after an outage (the storm bench runs 2,000 desks against
  // one instance) with room for their retries, still far below a service host's file limit (raise
  // `ulimit -n` above this where it is lower).
  maxConnections: 8_000,
};

/** Options that http.createServer takes only at construction. */
export function serverOptions(limits: ServerLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  };
}

/** The limits set on the server afterwards. */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  server.maxConnections = limits.maxConnections;
}
