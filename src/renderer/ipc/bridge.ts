import { BRIDGE_GLOBAL, buildBridge, type HotlineBridge, type RawBridge } from '../../shared/ipc/bridge';

/**
 * The preload (Electron) or the test harness (Playwright) puts the bridge on
 * `window.hotline` before our script runs. We read it once at start-up; if it is
 * missing, main.tsx shows an error screen instead of a half-working app.
 */
let current: HotlineBridge | null = null;

export function connectBridge(): HotlineBridge | null {
  const candidate = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL];
  current = isRawBridge(candidate) ? buildBridge(candidate) : null;
  return current;
}

/** The bridge for store actions. Throws if called before a successful `connectBridge()`. */
export function bridge(): HotlineBridge {
  if (!current) throw new Error('The IPC bridge is not connected');
  return current;
}

/** For unit tests: stores can run against a fake bridge. */
export function installBridge(fake: HotlineBridge | null): void {
  current = fake;
}

function isRawBridge(value: unknown): value is RawBridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<string, unknown>>;
  return typeof candidate.invoke === 'function' && typeof candidate.on === 'function';
}
