import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, originOf } from '../../../src/main/app-origin';
import { createSenderPolicy } from '../../../src/main/ipc/sender-policy';

// The policy the Electron entry builds: only app://hotline may call main. Node's own URL parser
// calls that origin "null" (app: is a custom scheme to Node), which once refused every request.
describe('IPC sender policy with the app:// origin Electron uses', () => {
  const trusted = createSenderPolicy([APP_ORIGIN]);

  it('trusts our own pages, whatever the path, query or case of the host', () => {
    expect(trusted({ frameUrl: 'app://hotline/index.html', isMainFrame: true })).toBe(true);
    expect(trusted({ frameUrl: 'app://hotline/', isMainFrame: true })).toBe(true);
    expect(trusted({ frameUrl: 'app://HOTLINE/index.html?lang=en#call', isMainFrame: true })).toBe(true);
  });

  it('refuses iframes, other hosts, other schemes, opaque origins and gone frames', () => {
    expect(trusted({ frameUrl: 'app://hotline/index.html', isMainFrame: false })).toBe(false);
    expect(trusted({ frameUrl: 'app://evil/index.html', isMainFrame: true })).toBe(false);
    expect(trusted({ frameUrl: 'https://hotline/index.html', isMainFrame: true })).toBe(false);
    expect(trusted({ frameUrl: 'data:text/html,<script>1</script>', isMainFrame: true })).toBe(false);
    expect(trusted({ frameUrl: 'about:blank', isMainFrame: true })).toBe(false);
    expect(trusted({ frameUrl: 'not a url', isMainFrame: true })).toBe(false);
    expect(trusted({ frameUrl: null, isMainFrame: true })).toBe(false);
  });

  it('never maps an opaque origin to something a policy could list', () => {
    expect(originOf('data:text/html,x')).toBeNull();
    expect(originOf('app:///index.html')).toBeNull();
    expect(originOf('http://localhost:5173/app/')).toBe('http://localhost:5173');
  });
});
