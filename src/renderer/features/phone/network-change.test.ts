import { describe, expect, it } from 'vitest';
import { browserNetworkSources, reactToNetworkChange, watchNetwork, type NetworkEventName } from './network-change';

describe('watchNetwork', () => {
  it('reports online and offline on the window and change on navigator.connection', () => {
    const window = new EventTarget();
    const connection = new EventTarget();
    const seen: NetworkEventName[] = [];
    watchNetwork({ window, connection }, (event) => seen.push(event));
    // What Chromium fires when the address is removed, then another added.
    window.dispatchEvent(new Event('offline'));
    connection.dispatchEvent(new Event('change'));
    connection.dispatchEvent(new Event('change'));
    window.dispatchEvent(new Event('online'));
    connection.dispatchEvent(new Event('change'));
    expect(seen).toEqual(['offline', 'change', 'change', 'online', 'change']);
  });

  it('ignores other events', () => {
    const window = new EventTarget();
    const seen: NetworkEventName[] = [];
    watchNetwork({ window }, (event) => seen.push(event));
    window.dispatchEvent(new Event('change'));
    window.dispatchEvent(new Event('focus'));
    expect(seen).toEqual([]);
  });

  it('stops listening when unsubscribed', () => {
    const window = new EventTarget();
    const connection = new EventTarget();
    const seen: NetworkEventName[] = [];
    const unwatch = watchNetwork({ window, connection }, (event) => seen.push(event));
    unwatch();
    unwatch();
    window.dispatchEvent(new Event('online'));
    connection.dispatchEvent(new Event('change'));
    expect(seen).toEqual([]);
  });

  it('works without navigator.connection or without any source (not every browser has them)', () => {
    const window = new EventTarget();
    const seen: NetworkEventName[] = [];
    watchNetwork({ window, connection: null }, (event) => seen.push(event));
    window.dispatchEvent(new Event('online'));
    expect(seen).toEqual(['online']);
    expect(() => watchNetwork({}, () => undefined)()).not.toThrow();
  });

  it('finds no window outside a browser', () => {
    expect(browserNetworkSources().window).toBeNull();
  });
});

describe('reactToNetworkChange', () => {
  it('probes a connected link', () => {
    expect(reactToNetworkChange({ connected: true, retryWaiting: false })).toBe('probe');
    // A REGISTER retry may be waiting while the transport is up: the link is still what to check.
    expect(reactToNetworkChange({ connected: true, retryWaiting: true })).toBe('probe');
  });

  it('reconnects at once instead of waiting out the backoff', () => {
    expect(reactToNetworkChange({ connected: false, retryWaiting: true })).toBe('reconnect-now');
  });

  it('leaves a connect under way, a stopped phone or a failure that is not retried alone', () => {
    expect(reactToNetworkChange({ connected: false, retryWaiting: false })).toBe('none');
  });
});
