import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { MonitorActions } from './components/MonitorActions';
import { useMonitorStore } from './monitor-desk';

/**
 * Test-only (`?test-hooks`): mounts the real MonitorActions for one agent's
 * call in a corner of the page (the floor screen that will host them is
 * another feature's), and reads the monitor state.
 */
export function installMonitorTestHooks(): void {
  const host = document.createElement('div');
  host.dataset.testid = 'monitor-test-host';
  host.style.cssText = 'position:fixed;bottom:0;right:0;z-index:10000;background:var(--td-bg-color-container, #fff)';
  document.body.appendChild(host);
  const root = createRoot(host);
  let props: { agentPersonId: string; callId: string | null } | null = null;
  const render = () =>
    root.render(createElement('div', null, props ? createElement(MonitorActions, props) : null));
  render();
  (window as unknown as { __hotlineMonitor: unknown }).__hotlineMonitor = {
    mountActions: (agentPersonId: string, callId: string | null) => {
      props = { agentPersonId, callId };
      render();
    },
    state: () => {
      const { legs, onMyCall } = useMonitorStore.getState();
      return { legs, onMyCall };
    },
  };
}
