import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import { maskText } from '../../../src/shared/review/review-bundle';
import { makeTempDir } from '../../support/temp-dir';
import { chromiumChunks } from '../recordings/recording-fixture';
import { completeDraft, openCore, value } from '../work-orders/helpers';

const CALL = '6f1c2a8e-0000-4000-8000-000000000042';
const T0 = Date.UTC(2026, 11, 1, 9);
const ID_CARD = '53010219900101123X';

describe('review bundles for case-review sessions (案例复盘)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  function desk(): { core: AppCore; dir: string } {
    const dir = makeTempDir('hotline-bundle-desk-');
    const core = openCore(dir.path, { embeddedDatabasePath: null });
    cleanups.push(() => dir.remove(), () => core.close());
    return { core, dir: dir.path };
  }

  /** A recorded, scored, annotated call whose number, work order and notes carry personal numbers. */
  async function recordedCall(core: AppCore) {
    const base = { id: CALL, direction: 'inbound', remoteNumber: '13812345678', remoteName: '', startedAt: T0, practice: false } as const;
    await value(core, 'calls:event', { type: 'ringing', ...base });
    const { workOrder } = await value(core, 'calls:event', { type: 'answered', ...base, answeredAt: T0 + 2000 });
    await value(core, 'workOrders:save', { id: workOrder!.id, fields: { ...completeDraft(1), description: `身份证 ${ID_CARD}，另留电话 0871-6312 3456` } });
    await value(core, 'guidance:appendTimeline', {
      callId: CALL,
      entries: [
        { seq: 0, kind: 'work-order-edited', subject: '', startMs: 8000, endMs: null, payload: { fields: { summary: '噪音', callerPhone: '138 1234 5678' } } },
        { seq: 1, kind: 'work-order-edited', subject: '', startMs: 15_000, endMs: null, payload: { fields: { type: 'complaint' } } },
      ],
    });
    const recordingId = (await core.recordings.start({ callId: CALL, practice: false, startedAt: T0 + 2000 }))!;
    for (const [seq, chunk] of chromiumChunks().entries()) await core.recordings.appendChunk(recordingId, seq, chunk);
    await core.recordings.finish(recordingId, T0 + 8000);
    await value(core, 'calls:event', { type: 'ended', id: CALL, endedAt: T0 + 62_000, outcome: 'answered', endedBy: 'remote' });
    await value(core, 'scorecards:score', { callId: CALL });
    await value(core, 'replay:annotate', { callId: CALL, startMs: 9000, tag: 'missed-restatement', text: '来电人说了两遍 13812345678，坐席没有复述' });
  }

  it('exports one masked file (numbers and ID numbers starred, the recording in it) that another desk imports and shows read-only, its audio sealed there', { timeout: 60_000 }, async () => {
    const a = desk();
    await recordedCall(a.core);
    const exported = await value(a.core, 'review:exportBundle', { callId: CALL });
    if (exported.state !== 'ok') throw new Error('not exported');
    expect(exported.fileName).toBe('2026-12-01-6f1c2a8e.hlreview');
    for (const secret of ['13812345678', '138 1234 5678', ID_CARD, '6312 3456', '138 0013 8000']) expect(exported.text).not.toContain(secret);
    for (const shown of ['138****5678', '530***********123X', '087*****3456', '138****8000']) expect(exported.text).toContain(shown);
    // Ids survive masking whole (a UUID has long digit runs).
    expect(exported.text).toContain(CALL);
    const unmasked = await value(a.core, 'review:exportBundle', { callId: CALL, masked: false });
    expect(unmasked.state === 'ok' && unmasked.text.includes(ID_CARD)).toBe(true);

    const b = desk();
    const imported = await value(b.core, 'review:importBundle', { text: exported.text });
    expect(imported).toMatchObject({ state: 'imported', callId: CALL });
    const id = imported.state === 'imported' ? imported.id : '';
    expect(await value(b.core, 'review:imported', {})).toEqual([expect.objectContaining({ id, callId: CALL, masked: true })]);
    const opened = await value(b.core, 'review:openImported', { id });
    if (opened.state !== 'ok') throw new Error('not opened');
    const { review } = opened;
    expect(review.call.remoteNumber).toBe('138****5678');
    expect(review.workOrder.snapshots.map((s) => [s.atMs, s.fields])).toEqual([
      [8000, { summary: '噪音', callerPhone: '138****5678' }],
      [15_000, { summary: '噪音', callerPhone: '138****5678', type: 'complaint' }],
    ]);
    expect(review.workOrder.final?.description).toBe('身份证 530***********123X，另留电话 087*****3456');
    expect(review.annotations.map((n) => n.text)).toEqual(['来电人说了两遍 138****5678，坐席没有复述']);
    expect(review.score?.callId).toBe(CALL);
    expect(review.audio?.durationMs).toBeGreaterThan(0);
    // The audio comes back byte-identical to the exporting desk's, and sits sealed on this desk's disk.
    const original = await value(a.core, 'replay:audio', { callId: CALL });
    const played = await value(b.core, 'review:importedAudio', { id });
    expect(played.state === 'ok' && played.base64 === original.base64).toBe(true);
    const audio = Buffer.from(original.base64, 'base64');
    for (const name of readdirSync(b.dir, { recursive: true }) as string[]) {
      const bytes = (() => {
        try {
          return readFileSync(join(b.dir, name));
        } catch {
          return Buffer.alloc(0);
        }
      })();
      expect(bytes.includes(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])), name).toBe(false);
      expect(bytes.includes(Buffer.from('OpusHead')), name).toBe(false);
      expect(bytes.includes(audio.subarray(4000, 4032)), name).toBe(false);
    }
  });

  it('refuses a file that is not a whole, valid bundle with a clear error, and keeps nothing of it', async () => {
    const a = desk();
    await recordedCall(a.core);
    const exported = await value(a.core, 'review:exportBundle', { callId: CALL });
    if (exported.state !== 'ok') throw new Error('not exported');
    const b = desk();
    const bundle = JSON.parse(exported.text) as Record<string, unknown>;
    const attempts: [string, string, RegExp][] = [
      ['not JSON', exported.text.slice(0, 5_000), /not JSON/],
      ['another file', JSON.stringify({ hello: 'world' }), /format/],
      ['a broken timeline entry', JSON.stringify({ ...bundle, timeline: [{ seq: 'x' }] }), /timeline\.0/],
      ['audio that is not base64', JSON.stringify({ ...bundle, audio: { ...(bundle.audio as object), base64: '@@@' } }), /audio\.base64/],
      ['a field this version does not know', JSON.stringify({ ...bundle, extra: 1 }), /extra|Unrecognized/],
    ];
    for (const [what, text, message] of attempts) {
      const reply = await value(b.core, 'review:importBundle', { text });
      expect(reply.state, what).toBe('invalid');
      expect(reply.state === 'invalid' ? reply.message : '', what).toMatch(message);
    }
    expect(await value(b.core, 'review:imported', {})).toEqual([]);
  });

  it('masks phone and ID numbers in free text but leaves dates, amounts and short numbers', () => {
    expect(maskText('电话13812345678，+86 139-1234-5678，座机 023-6312 3456')).toBe('电话138****5678，139****5678，座机 023****3456');
    expect(maskText('身份证 530102199001011234 旧证 530102900101123')).toBe('身份证 530***********1234 旧证 530********1123');
    expect(maskText('2026-12-01 约三万元 30000 元，门牌 12 号，工号 0307')).toBe('2026-12-01 约三万元 30000 元，门牌 12 号，工号 0307');
  });
});
