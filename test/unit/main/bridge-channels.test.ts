import { describe, expect, it } from 'vitest';
import { buildBridge } from '../../../src/shared/ipc/bridge';
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from '../../../src/shared/ipc/channels';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../src/shared/ipc/contract';

describe('bridge channel names (without the contract schemas)', () => {
  it('lists exactly the contract channels', () => {
    expect([...INVOKE_CHANNEL_NAMES].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect([...EVENT_CHANNEL_NAMES].sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('builds a function for every invoke channel and refuses unknown events', async () => {
    const seen: string[] = [];
    const bridge = buildBridge(
      (channel) => {
        seen.push(channel);
        return Promise.resolve({ ok: true, value: null });
      },
      () => () => undefined,
    ) as unknown as Record<string, Record<string, (r: unknown) => Promise<unknown>>> & { on: (e: string, l: () => void) => unknown };
    for (const channel of INVOKE_CHANNELS) {
      const [ns, method] = channel.split(':') as [string, string];
      await bridge[ns]![method]!({});
    }
    expect(seen).toEqual(INVOKE_CHANNELS);
    expect(() => bridge.on('fs:read', () => undefined)).toThrow(/Unknown event channel/);
  });
});
