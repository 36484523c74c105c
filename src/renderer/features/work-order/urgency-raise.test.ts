import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/ipc/envelope';
import type { WorkOrderView } from '../../../shared/domain/work-order-sync';
import { installBridge } from '../../ipc/bridge';
import { fakeBridge, viewOf } from './test-fixtures';
import { WorkOrderEditor } from './work-order-editor';

let saved: Record<string, unknown>[];

beforeEach(() => {
  vi.useFakeTimers();
  saved = [];
  let revision = 0;
  installBridge(
    fakeBridge({
      workOrders: {
        save: vi.fn((request: { id: string; fields: Record<string, unknown> }) => {
          saved.push(request.fields);
          return Promise.resolve(ok({ id: request.id, revision: ++revision, updatedAt: Date.now() }));
        }),
      },
    }).bridge,
  );
});
afterEach(() => {
  vi.useRealTimers();
  installBridge(null);
});

async function opened(view: WorkOrderView = viewOf()): Promise<WorkOrderEditor> {
  const editor = new WorkOrderEditor('call-1234-abcd', () => []);
  await editor.open(() => Promise.resolve(view));
  return editor;
}

const FIRED = { promptId: 'emergency#1', matchedTerms: ['跳楼'] };

describe('urgency follows an emergency prompt of the call', () => {
  it('raises 一般 to 紧急 with the reason, and saves it like an edit', async () => {
    const editor = await opened();
    editor.raiseUrgency(FIRED);
    expect(editor.state.fields.urgency).toBe('urgent');
    expect(editor.state.urgencyRaised).toEqual(FIRED);
    await editor.flush();
    expect(saved).toContainEqual({ urgency: 'urgent' });
  });

  it('the agent can lower it again; the same prompt does not raise it twice, a new one does', async () => {
    const editor = await opened();
    editor.raiseUrgency(FIRED);
    editor.edit('urgency', 'normal');
    expect(editor.state.urgencyRaised).toBeNull();
    editor.raiseUrgency(FIRED);
    expect(editor.state.fields.urgency).toBe('normal');
    editor.raiseUrgency({ promptId: 'emergency#2', matchedTerms: [] });
    expect(editor.state.fields.urgency).toBe('urgent');
    expect(editor.state.urgencyRaised).toEqual({ promptId: 'emergency#2', matchedTerms: [] });
  });

  it('never lowers 特急, and leaves a submitted work order alone (no amendment behind the agent)', async () => {
    const veryUrgent = await opened(viewOf({ fields: { urgency: 'very-urgent' } }));
    veryUrgent.raiseUrgency(FIRED);
    expect(veryUrgent.state.fields.urgency).toBe('very-urgent');
    expect(veryUrgent.state.urgencyRaised).toBeNull();

    const synced = await opened(viewOf({ sync: { state: 'synced', attempts: 0, nextAttemptAt: null, lastError: null, attention: null } }));
    synced.raiseUrgency(FIRED);
    await synced.flush();
    expect(synced.state.fields.urgency).toBe('normal');
    expect(saved).toEqual([]);
  });

  it('an emergency before the draft opened raises it as soon as it opens', async () => {
    const editor = new WorkOrderEditor('call-1234-abcd', () => []);
    editor.raiseUrgency(FIRED);
    expect(editor.state.fields.urgency).toBe('normal');
    await editor.open(() => Promise.resolve(viewOf()));
    expect(editor.state.fields.urgency).toBe('urgent');
    expect(editor.state.urgencyRaised?.matchedTerms).toEqual(['跳楼']);
  });
});
