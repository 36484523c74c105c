import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import type { AppCore } from '../../../src/main/app-core';
import type { EventChannel, EventPayloadOf } from '../../../src/shared/ipc/contract';
import { openTestCore, TEST_ORIGIN, type TestCoreOptions } from '../../support/app-core';

let shimSource: Promise<string> | null = null;

/** The preload stand-in, bundled once per test run. */
function bridgeShim(): Promise<string> {
  shimSource ??= build({
    entryPoints: [new URL('./bridge-shim.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  }).then((result) => result.outputFiles[0]!.text);
  return shimSource;
}

export interface AgentApp {
  page: Page;
  core: AppCore;
  /** Main → renderer push, as webContents.send does in Electron. */
  emit<E extends EventChannel>(event: E, payload: EventPayloadOf<E>): Promise<void>;
  close(): Promise<void>;
}

export const APP_URL = `${TEST_ORIGIN}/app/index.html`;

/** A binding can be exposed once per context: it forwards to the core of the app open now. */
const currentCore = new WeakMap<BrowserContext, { core: AppCore | null }>();

async function bridgeContext(context: BrowserContext): Promise<{ core: AppCore | null }> {
  const existing = currentCore.get(context);
  if (existing) return existing;
  const holder: { core: AppCore | null } = { core: null };
  currentCore.set(context, holder);
  await context.exposeBinding('__hotlineInvoke', (source, channel: string, request: unknown) => {
    if (!holder.core) throw new Error('No app core is open');
    return holder.core.router.handle(
      { frameUrl: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() },
      channel,
      request,
    );
  });
  await context.addInitScript({ content: await bridgeShim() });
  // The replay's audio, as the Electron entry serves app://hotline/recordings/… (main's ReplayStreams, Range requests and grants).
  await context.route(
    (url) => url.origin === TEST_ORIGIN && url.pathname.startsWith('/app/recordings/'),
    async (route) => {
      const request = route.request();
      if (!holder.core) return route.abort();
      const url = new URL(request.url());
      url.pathname = url.pathname.slice('/app'.length);
      const headers = Object.fromEntries(Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(':')));
      const response = await holder.core.replayAudio.handle(new Request(url, { method: request.method(), headers }));
      return route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) });
    },
  );
  return holder;
}

/**
 * The agent's window: the built renderer in Chromium, its IPC bridged to the
 * real main-process core (router, SQLite store) running in this Node process.
 * `context` must already serve dist/renderer under /app/. `options.agentDesk`
 * stands in for the Electron-only hooks (e.g. to observe main's focusWindow).
 */
export async function openAgentApp(
  context: BrowserContext,
  dataDir: string,
  options: TestCoreOptions = {},
  page_: { testHooks?: boolean } = {},
): Promise<AgentApp> {
  const holder = await bridgeContext(context);
  const core = openTestCore(dataDir, undefined, options);
  holder.core = core;
  const page = await context.newPage();
  // `?test-hooks`: the renderer installs its test-only hooks (a scripted caller as a second call source).
  await page.goto(page_.testHooks ? `${APP_URL}?test-hooks` : APP_URL);
  const emit: AgentApp['emit'] = async (event, payload) => {
    await page.evaluate(
      ([name, body]) => (window as unknown as { __hotlineDispatch(c: string, p: unknown): void }).__hotlineDispatch(name, body),
      [event, payload] as const,
    );
  };
  // Main → renderer events of the core (sync:changed, workOrders:changed), as the Electron entry sends them.
  const unsubscribe = core.events.on((event, payload) => {
    if (!page.isClosed()) emit(event, payload).catch(() => undefined);
  });
  return {
    page,
    core,
    emit,
    close: async () => {
      unsubscribe();
      await page.close();
      if (holder.core === core) holder.core = null;
      await core.close();
    },
  };
}
