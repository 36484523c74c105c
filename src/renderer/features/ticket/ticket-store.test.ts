import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import { fail, ok } from '../../../shared/ipc/envelope';
import type { SaveDraft, TicketDraft } from '../../../shared/domain/ticket-draft';
import { installBridge } from '../../ipc/bridge';
import { useTicketStore } from './ticket-store';

const CALL = { callId: 'call-1234-abcd', callerNumber: '13800138000', callerName: '王女士' };
const DRAFT: TicketDraft = {
  id: 'draft-1234-abcd',
  callId: CALL.callId,
  callerName: CALL.callerName,
  callerNumber: CALL.callerNumber,
  summary: '',
  description: '',
  createdAt: 1,
  updatedAt: 1,
  revision: 0,
};

let saves: { at: number; request: SaveDraft }[];
let failNextSave: boolean;

function fakeBridge() {
  let revision = 0;
  return {
    drafts: {
      openForCall: vi.fn(() => Promise.resolve(ok(DRAFT))),
      save: vi.fn((request: SaveDraft) => {
        saves.push({ at: Date.now(), request });
        if (failNextSave) {
          failNextSave = false;
          return Promise.resolve(fail('storage-failed', 'disk full'));
        }
        revision++;
        return Promise.resolve(ok({ id: request.id, revision, updatedAt: Date.now() }));
      }),
    },
  } as unknown as HotlineBridge;
}

const store = () => useTicketStore.getState();

beforeEach(async () => {
  vi.useFakeTimers();
  saves = [];
  failNextSave = false;
  installBridge(fakeBridge());
  await store().openForCall(CALL);
});
afterEach(async () => {
  const closing = store().close();
  await vi.runAllTimersAsync();
  await closing;
  vi.useRealTimers();
  installBridge(null);
});

describe('ticket store', () => {
  it('opens the call’s draft with the caller prefilled', () => {
    expect(store().draftId).toBe(DRAFT.id);
    expect(store().fields).toMatchObject({ callerNumber: '13800138000', callerName: '王女士' });
    expect(store().saveState).toBe('idle');
  });

  it('saves continuous typing at least every 300 ms, sending only the changed field', async () => {
    const start = Date.now();
    let text = '';
    for (let i = 0; i < 20; i++) {
      text += '字';
      store().edit('summary', text);
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(500);
    expect(saves.length).toBeGreaterThanOrEqual(3);
    expect(saves[0]!.at - start).toBeLessThanOrEqual(300);
    for (let i = 1; i < saves.length; i++) expect(saves[i]!.at - saves[i - 1]!.at).toBeLessThanOrEqual(300);
    expect(saves.at(-1)!.request).toEqual({ id: DRAFT.id, fields: { summary: text } });
    expect(store().saveState).toBe('saved');
    expect(store().savedAt).not.toBeNull();
  });

  it('flush() (blur, hang-up, window closing) saves at once', async () => {
    store().edit('description', '路灯不亮');
    expect(store().saveState).toBe('pending');
    const flushed = store().flush();
    await vi.advanceTimersByTimeAsync(0);
    await flushed;
    expect(saves).toHaveLength(1);
    expect(saves[0]!.at).toBe(Date.now()); // no 200 ms wait
    expect(store().saveState).toBe('saved');
  });

  it('shows a failed save and sends the edit again on the next flush', async () => {
    failNextSave = true;
    store().edit('summary', '噪音扰民');
    await vi.advanceTimersByTimeAsync(200);
    expect(store().saveState).toBe('error');
    expect(store().saveError).toBe('ipcErrors.storage-failed');

    const flushed = store().flush();
    await vi.advanceTimersByTimeAsync(0);
    await flushed;
    expect(saves).toHaveLength(2);
    expect(saves[1]!.request.fields).toEqual({ summary: '噪音扰民' });
    expect(store().saveState).toBe('saved');
  });

  it('shows a field that is too long and does not send it', async () => {
    store().edit('summary', 'x'.repeat(201));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store().fieldErrors.summary).toBe('errors.tooLong');
    expect(saves).toHaveLength(0);
    expect(store().saveState).toBe('pending');
  });

  it('closing saves pending edits first, then clears the panel', async () => {
    store().edit('summary', '最后一句');
    const closing = store().close();
    await vi.advanceTimersByTimeAsync(0);
    await closing;
    expect(saves.map((s) => s.request.fields)).toEqual([{ summary: '最后一句' }]);
    expect(store().draftId).toBeNull();
    expect(store().callId).toBeNull();
  });
});
