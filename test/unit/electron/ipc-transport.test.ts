// The `electron` module is replaced by a fake (./fake-electron) because the
// Electron binary cannot be downloaded or run here. The fake ipcMain keeps one
// handler per channel as Electron does, and its invoke() hands the handler the
// sender's webContents and frame (senderFrame null once that frame is gone), so
// the real router and sender policy decide exactly as they do in the app.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { createAppCore, type AppCore } from '../../../src/main/app-core';
import { APP_ORIGIN } from '../../../src/main/app-origin';
import { exposeRouter, sendEvent } from '../../../src/main/electron/ipc-transport';
import { INVOKE_CHANNELS } from '../../../src/shared/ipc/contract';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { FakeWebContents, fakeIpcMain, type FakeWebFrameMain } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const APP_PAGE = `${APP_ORIGIN}/index.html`;

describe('IPC transport', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: AppCore;
  let contents: FakeWebContents;

  beforeEach(async () => {
    dir = makeTempDir();
    // As openTestCore builds it, but trusting only the app's own origin, as the Electron entry does.
    core = createAppCore({ databasePath: join(dir.path, 'hotline-desk.sqlite'), cipher: createTestCipher(), trustedOrigins: [APP_ORIGIN] });
    exposeRouter(core.router);
    contents = new FakeWebContents();
    await contents.loadURL(APP_PAGE);
  });
  afterEach(async () => {
    fakeIpcMain.reset();
    await core.close();
    dir.remove();
  });

  /** The page in `frame` calls ipcRenderer.invoke(channel, payload). */
  const invoke = (frame: FakeWebFrameMain, channel: string, payload: unknown) => fakeIpcMain.invoke(contents, frame, channel, payload);
  const refused = { ok: false, error: { code: 'untrusted-sender' } };

  it('connects every contract channel, once', () => {
    expect([...fakeIpcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    // Electron allows one handler per channel: the transport can be exposed once per process.
    expect(() => exposeRouter(core.router)).toThrow(`Attempted to register a second handler for '${INVOKE_CHANNELS[0]}'`);
  });

  it('routes each channel under its own name', async () => {
    for (const channel of INVOKE_CHANNELS) {
      expect(await invoke(contents.mainFrame, channel, 'not a request')).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload', message: `Invalid request for ${channel}` },
      });
    }
  });

  it('answers the main frame of app://hotline (the origin Node calls "null")', async () => {
    expect(await invoke(contents.mainFrame, 'settings:get', {})).toMatchObject({
      ok: true,
      value: { settings: null, language: 'zh-CN', hasPassword: false },
    });
    expect(await invoke(contents.mainFrame, 'settings:setLanguage', { language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } });
  });

  it.each(['app://hotline/', `${APP_PAGE}#/settings`, `${APP_PAGE}?call=1`])('answers our page at %s', async (url) => {
    await contents.loadURL(url);
    expect(await invoke(contents.mainFrame, 'settings:get', {})).toMatchObject({ ok: true });
  });

  it('refuses an iframe, even one showing our own page', async () => {
    const ours = contents.mainFrame.addIframe(APP_PAGE);
    const theirs = contents.mainFrame.addIframe('https://evil.example/frame.html');
    expect(await invoke(ours, 'settings:get', {})).toMatchObject(refused);
    expect(await invoke(theirs, 'settings:get', {})).toMatchObject(refused);
  });

  it('refuses a frame that is gone (senderFrame null)', async () => {
    const frame = contents.mainFrame;
    frame.destroy();
    expect(await invoke(frame, 'settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender', message: 'Refused settings:get from a closed frame' },
    });
  });

  it('refuses a request from a page that has since been replaced', async () => {
    const before = contents.mainFrame;
    await contents.loadURL(APP_PAGE);
    expect(await invoke(before, 'settings:get', {})).toMatchObject(refused);
    expect(await invoke(contents.mainFrame, 'settings:get', {})).toMatchObject({ ok: true });
  });

  it.each([
    'https://evil.example/',
    'http://localhost/app/index.html',
    'app://other/index.html',
    'app:///index.html',
    'file:///opt/hotline-desk/resources/app.asar/dist/renderer/index.html',
    'data:text/html,<h1>hi</h1>',
    'about:blank',
  ])('refuses the main frame of %s', async (url) => {
    await contents.loadURL(url);
    expect(await invoke(contents.mainFrame, 'settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender', message: `Refused settings:get from ${url}` },
    });
  });

  it('a refused request changes nothing', async () => {
    const app = contents.mainFrame;
    const evil = new FakeWebContents();
    await evil.loadURL('https://evil.example/');
    expect(await fakeIpcMain.invoke(evil, evil.mainFrame, 'settings:setLanguage', { language: 'en' })).toMatchObject(refused);
    expect(await invoke(app, 'settings:get', {})).toMatchObject({ ok: true, value: { language: 'zh-CN' } });
  });

  it('rejects an invalid payload from our page with its issues, and changes nothing', async () => {
    expect(await invoke(contents.mainFrame, 'settings:setLanguage', { language: 'tlh' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', issues: [{ path: 'language' }] },
    });
    expect(await invoke(contents.mainFrame, 'settings:get', { unexpected: true })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await invoke(contents.mainFrame, 'settings:get', {})).toMatchObject({ ok: true, value: { language: 'zh-CN' } });
  });

  it('sendEvent delivers the payload to the page on the event channel', () => {
    sendEvent(contents as unknown as WebContents, 'shortcuts:pressed', { action: 'answer' });
    sendEvent(contents as unknown as WebContents, 'lifecycle:flushRequest', {});
    expect(contents.sent).toEqual([
      { channel: 'shortcuts:pressed', args: [{ action: 'answer' }] },
      { channel: 'lifecycle:flushRequest', args: [{}] },
    ]);
  });
});
