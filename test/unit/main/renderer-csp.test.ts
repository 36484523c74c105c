import { describe, expect, it } from 'vitest';
import { connectSources, RendererCsp, rendererCsp } from '../../../src/main/renderer-csp';

describe('renderer CSP', () => {
  it('allows connections only to the configured SIP servers (scheme, host and port)', () => {
    const policy = rendererCsp(['wss://pbx.example.cn:7443/ws', 'ws://127.0.0.1:5066']);
    const connect = policy.split('; ').find((directive) => directive.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self' wss://pbx.example.cn:7443 ws://127.0.0.1:5066");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
  });

  it('with nothing configured the page may connect only to itself', () => {
    expect(rendererCsp([]).split('; ')).toContain("connect-src 'self'");
  });

  it('never lets a stored value add sources or directives', () => {
    expect(
      connectSources([
        "wss://pbx.example.cn; script-src 'unsafe-inline'",
        'wss://a.example.cn *',
        'https://wo.example.cn',
        'javascript:alert(1)',
        '',
        'not a url',
        'wss://pbx.example.cn:7443/a',
        'wss://pbx.example.cn:7443/b',
      ]),
    ).toEqual(['wss://pbx.example.cn:7443']);
  });

  it('notices when the servers changed since the page was served', () => {
    let servers = ['wss://a.example.cn'];
    const csp = new RendererCsp(() => servers);
    expect(csp.changedSinceServed()).toBe(false); // nothing served yet
    csp.header();
    expect(csp.changedSinceServed()).toBe(false);
    servers = ['wss://a.example.cn/other-path'];
    expect(csp.changedSinceServed()).toBe(false); // same origin
    servers = ['wss://b.example.cn'];
    expect(csp.changedSinceServed()).toBe(true);
  });
});
