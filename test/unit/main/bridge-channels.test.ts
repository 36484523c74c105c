import { describe, expect, it } from 'vitest';
import { buildBridge, checkChannelName } from '../../../src/shared/ipc/bridge';
import { INVOKE_CHANNELS } from '../../../src/shared/ipc/contract';

describe('the renderer bridge (channel names written once, in the contract)', () => {
  it('turns bridge.namespace.method(request) into the contract channel namespace:method', async () => {
    const seen: [string, unknown][] = [];
    const bridge = buildBridge({
      invoke: (channel, request) => {
        seen.push([channel, request]);
        return Promise.resolve({ ok: true, value: null });
      },
      on: () => () => undefined,
    }) as unknown as Record<string, Record<string, (r: unknown) => Promise<unknown>>>;
    for (const channel of INVOKE_CHANNELS) {
      const [ns, method] = channel.split(':') as [string, string];
      await bridge[ns]![method]!({ n: channel });
    }
    expect(seen).toEqual(INVOKE_CHANNELS.map((channel) => [channel, { n: channel }]));
  });

  it('never sends a name that is not namespace:method, and is not mistaken for a promise', async () => {
    const invoked: string[] = [];
    const bridge = buildBridge({ invoke: (channel) => (invoked.push(channel), Promise.resolve(null)), on: () => () => undefined });
    const untyped = bridge as unknown as Record<string, Record<string, (r: unknown) => Promise<unknown>>> & { on(e: string, l: () => void): unknown };
    expect(() => untyped['../etc']!['passwd']!({})).toThrow(/Not an IPC channel name/);
    expect(() => untyped.on('fs:read/x', () => undefined)).toThrow(/Not an IPC channel name/);
    for (const bad of ['', 'settings', 'a:b:c', 'x'.repeat(41) + ':y', 'ipc-main:x', 42]) expect(() => checkChannelName(bad)).toThrow();
    expect(await Promise.resolve(bridge)).toBe(bridge);
    expect(invoked).toEqual([]);
  });
});
