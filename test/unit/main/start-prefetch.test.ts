import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RawBridge } from '../../../src/shared/ipc/bridge';
import { PREFETCH_STALE_EVENT, START_REQUESTS, withStartPrefetch } from '../../../src/shared/ipc/start-prefetch';

/** A raw bridge that records every request and answers each with its channel and a serial number. */
function recordingBridge(fail: ReadonlySet<string> = new Set()) {
  const sent: { channel: string; request: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const raw: RawBridge = {
    invoke: (channel, request) => {
      sent.push({ channel, request });
      const n = sent.length;
      return fail.has(channel) && n <= START_REQUESTS.length ? Promise.reject(new Error(`${channel} down`)) : Promise.resolve({ channel, n });
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener(payload));
  const listening = (channel: string) => listeners.get(channel)?.size ?? 0;
  return { raw, sent, emit, listening };
}

afterEach(() => vi.useRealTimers());

describe('the start prefetch (preload and test shim)', () => {
  it('sends the start requests at once, before the page asks for anything', () => {
    const { raw, sent } = recordingBridge();
    withStartPrefetch(raw);
    expect(sent).toEqual(START_REQUESTS.map((channel) => ({ channel, request: {} })));
    expect(START_REQUESTS).toContain('centre:status');
  });

  it('answers the page\'s first identical request with the prefetched reply, and only the first', async () => {
    const { raw, sent } = recordingBridge();
    const bridge = withStartPrefetch(raw);
    expect(await bridge.invoke('settings:get', {})).toEqual({ channel: 'settings:get', n: 1 });
    expect(await bridge.invoke('settings:sipCredentials', {})).toEqual({ channel: 'settings:sipCredentials', n: 3 });
    expect(sent).toHaveLength(START_REQUESTS.length);
    // Asked again (the settings reloaded after a save, say): a fresh request to main.
    expect(await bridge.invoke('settings:get', {})).toEqual({ channel: 'settings:get', n: START_REQUESTS.length + 1 });
    expect(sent).toHaveLength(START_REQUESTS.length + 1);
  });

  it('sends any other request, or the same channel with a payload, to main as it is', async () => {
    const { raw, sent } = recordingBridge();
    const bridge = withStartPrefetch(raw);
    await bridge.invoke('workOrders:list', {});
    await bridge.invoke('phone:getPreferences', { extra: 1 });
    expect(sent.slice(START_REQUESTS.length)).toEqual([
      { channel: 'workOrders:list', request: {} },
      { channel: 'phone:getPreferences', request: { extra: 1 } },
    ]);
  });

  it('asks main again when the prefetch failed, so a failure at preload time is not the page\'s', async () => {
    const { raw, sent } = recordingBridge(new Set(['settings:get']));
    const bridge = withStartPrefetch(raw);
    expect(await bridge.invoke('settings:get', {})).toEqual({ channel: 'settings:get', n: START_REQUESTS.length + 1 });
    expect(sent.map((s) => s.channel)).toEqual([...START_REQUESTS, 'settings:get']);
  });

  it('drops what nobody asked for in time (the password with it) and asks main then', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const { raw, sent } = recordingBridge();
    const bridge = withStartPrefetch(raw, () => clock, 1_000);
    clock = 1_001;
    vi.advanceTimersByTime(1_001);
    expect(await bridge.invoke('settings:sipCredentials', {})).toEqual({ channel: 'settings:sipCredentials', n: START_REQUESTS.length + 1 });
    expect(sent).toHaveLength(START_REQUESTS.length + 1);
  });

  it('drops every prefetched reply when the centre signs the desk out before the page asked, and asks main then', async () => {
    const { raw, emit, listening } = recordingBridge();
    const bridge = withStartPrefetch(raw);
    expect(listening(PREFETCH_STALE_EVENT)).toBe(1);
    emit(PREFETCH_STALE_EVENT, { state: 'signed-out', reason: 'revoked' });
    expect(listening(PREFETCH_STALE_EVENT)).toBe(0);
    expect(await bridge.invoke('centre:status', {})).toEqual({ channel: 'centre:status', n: START_REQUESTS.length + 1 });
    expect(await bridge.invoke('settings:sipCredentials', {})).toEqual({ channel: 'settings:sipCredentials', n: START_REQUESTS.length + 2 });
  });

  it('stops listening for the sign-out once every prefetched reply was taken', async () => {
    const { raw, listening } = recordingBridge();
    const bridge = withStartPrefetch(raw);
    for (const channel of START_REQUESTS) await bridge.invoke(channel, {});
    expect(listening(PREFETCH_STALE_EVENT)).toBe(0);
  });
});
