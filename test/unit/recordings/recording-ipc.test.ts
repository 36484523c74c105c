import { afterEach, describe, expect, it } from 'vitest';
import { APP_SENDER, openTestCore } from '../../support/app-core';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { chromiumChunks } from './recording-fixture';

describe('recordings over IPC', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function core(available = true) {
    const dir = makeTempDir('hotline-recording-ipc-');
    const opened = openTestCore(dir.path, createTestCipher(available));
    cleanups.push(() => dir.remove(), () => opened.close());
    return opened;
  }

  it('records a call chunk by chunk and hands back the indexed WebM', async () => {
    const { router } = core();
    const started = (await router.handle(APP_SENDER, 'recordings:start', { callId: 'call-0001', practice: false, startedAt: 1_000, mimeType: 'audio/webm;codecs=opus' })) as { ok: true; value: { recordingId: string } };
    expect(started.ok).toBe(true);
    const recordingId = started.value.recordingId;
    for (const [seq, data] of chromiumChunks().entries()) expect((await router.handle(APP_SENDER, 'recordings:chunk', { recordingId, seq, data: new Uint8Array(data) })).ok).toBe(true);
    const finished = await router.handle(APP_SENDER, 'recordings:finish', { recordingId, endedAt: 7_000 });
    expect(finished).toMatchObject({ ok: true, value: { state: 'complete' } });
    const audio = (await router.handle(APP_SENDER, 'recordings:audio', { recordingId })) as { ok: true; value: { data: Uint8Array; durationMs: number } };
    expect(audio.value.durationMs).toBeGreaterThan(5_900);
    expect(audio.value.data.byteLength).toBeGreaterThan(24_000);
    expect(await router.handle(APP_SENDER, 'recordings:list', { callId: 'call-0001' })).toMatchObject({ ok: true, value: [{ id: recordingId }] });
  });

  it('refuses another frame, a chunk that is not bytes or too big, and a repeated chunk, with clear errors', async () => {
    const { router } = core();
    const foreign = { frameUrl: 'https://evil.example/', isMainFrame: true };
    expect(await router.handle(foreign, 'recordings:list', { callId: 'call-0001' })).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    const started = (await router.handle(APP_SENDER, 'recordings:start', { callId: 'call-0001', practice: true, startedAt: 1_000, mimeType: 'audio/webm;codecs=opus' })) as { ok: true; value: { recordingId: string } };
    const recordingId = started.value.recordingId;
    expect(await router.handle(APP_SENDER, 'recordings:chunk', { recordingId, seq: 0, data: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await router.handle(APP_SENDER, 'recordings:chunk', { recordingId, seq: 0, data: new Uint8Array(300 * 1024) })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const first = new Uint8Array(chromiumChunks()[0]!);
    expect((await router.handle(APP_SENDER, 'recordings:chunk', { recordingId, seq: 0, data: first })).ok).toBe(true);
    expect(await router.handle(APP_SENDER, 'recordings:chunk', { recordingId, seq: 0, data: first })).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('expected chunk 1') } });
    expect(await router.handle(APP_SENDER, 'recordings:audio', { recordingId: 'rec-00000000000000000000000000000000' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('settings: policy and retention saved; where there is no keychain the view says the files are unprotected', async () => {
    const { router } = core(false);
    expect(await router.handle(APP_SENDER, 'recordings:settings', {})).toMatchObject({ ok: true, value: { policy: 'all', keyProtection: 'unprotected' } });
    expect(await router.handle(APP_SENDER, 'recordings:saveSettings', { policy: 'on-demand', retentionDays: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await router.handle(APP_SENDER, 'recordings:saveSettings', { policy: 'none', retentionDays: 30 })).toMatchObject({ ok: true, value: { policy: 'none', retentionDays: 30 } });
    expect(await router.handle(APP_SENDER, 'recordings:start', { callId: 'call-0002', practice: false, startedAt: 1, mimeType: 'audio/webm;codecs=opus' })).toEqual({ ok: true, value: { recordingId: null } });
  });
});
