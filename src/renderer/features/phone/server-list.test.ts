import { describe, expect, it } from 'vitest';
import { parseServerList, ServerList } from './server-list';

describe('server list', () => {
  it('parses a pasted list and keeps bad entries aside', () => {
    expect(parseServerList('wss://a.test:7443/ws, ws://b.test:5066\nhttp://c.test，wss://a.test:7443/ws')).toEqual({
      servers: ['wss://a.test:7443/ws', 'ws://b.test:5066'],
      invalid: ['http://c.test'],
    });
    expect(parseServerList('  ')).toEqual({ servers: [], invalid: [] });
  });

  it('tries the servers in turn and says when a round is complete', () => {
    const list = new ServerList('ws://a', ['ws://b', 'ws://a', 'ws://c']);
    expect(list.size).toBe(3);
    expect(list.current).toBe('ws://a');
    expect(list.advance()).toBe(false);
    expect(list.current).toBe('ws://b');
    expect(list.advance()).toBe(false);
    expect(list.current).toBe('ws://c');
    expect(list.advance()).toBe(true);
    expect(list.current).toBe('ws://a');
    const single = new ServerList('ws://a');
    expect(single.advance()).toBe(true);
    expect(single.current).toBe('ws://a');
  });
});
