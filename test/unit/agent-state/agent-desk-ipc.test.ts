import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_DESK_SETTINGS, type ShortcutMap } from '../../../src/shared/domain/agent-state';
import type { AgentCore } from './fixture';
import { openAgentCore } from './fixture';

describe('agent state log, desk settings and shortcuts over IPC', () => {
  let h: AgentCore;
  beforeEach(() => {
    h = openAgentCore();
  });
  afterEach(() => h.close());

  it('migrates to schema 40 with the state log table and its index', () => {
    expect(h.core.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(40);
    const plan = h.core.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM agent_state_log ORDER BY at DESC, id DESC LIMIT 10')
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/agent_state_log_by_time/);
  });

  it('records state changes with timestamps and lists them newest first', async () => {
    expect(await h.call('agentState:record', { status: 'not-ready', reason: null, cause: 'agent', at: 1_000 })).toEqual({ ok: true, value: { done: true } });
    await h.call('agentState:record', { status: 'break', reason: '用餐', cause: 'agent', at: 2_000 });
    await h.call('agentState:record', { status: 'after-call', reason: null, cause: 'call-ended', at: 3_000 });
    const reply = await h.call('agentState:history', { limit: 2 });
    expect(reply).toMatchObject({
      ok: true,
      value: [
        { status: 'after-call', reason: null, cause: 'call-ended', at: 3_000 },
        { status: 'break', reason: '用餐', cause: 'agent', at: 2_000 },
      ],
    });
  });

  it('refuses an unknown status or a bad time', async () => {
    expect(await h.call('agentState:record', { status: 'lunch', reason: null, cause: 'agent', at: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await h.call('agentState:record', { status: 'ready', reason: null, cause: 'agent', at: -5 })).toMatchObject({ ok: false });
    expect(h.core.db.prepare('SELECT count(*) FROM agent_state_log').pluck().get()).toBe(0);
  });

  it('registers the stored shortcuts at start and again only when they change', async () => {
    expect(h.applied).toEqual([DEFAULT_AGENT_DESK_SETTINGS.shortcuts]);
    const view = await h.call('agentDesk:getSettings', {});
    expect(view).toEqual({ ok: true, value: { settings: DEFAULT_AGENT_DESK_SETTINGS, shortcutConflicts: [] } });

    await h.call('agentDesk:saveSettings', { ...DEFAULT_AGENT_DESK_SETTINGS, afterCallSeconds: 60 });
    expect(h.applied).toHaveLength(1);

    h.refuse = ['hold'];
    const shortcuts: ShortcutMap = { ...DEFAULT_AGENT_DESK_SETTINGS.shortcuts, hold: 'Ctrl+Alt+F9' };
    const saved = await h.call('agentDesk:saveSettings', { ...DEFAULT_AGENT_DESK_SETTINGS, afterCallSeconds: 60, shortcuts });
    expect(saved).toMatchObject({ ok: true, value: { settings: { afterCallSeconds: 60, shortcuts }, shortcutConflicts: ['hold'] } });
    expect(h.applied.at(-1)).toEqual(shortcuts);
  });

  it('rejects an invalid shortcut with an i18n key and keeps the old settings', async () => {
    const reply = await h.call('agentDesk:saveSettings', {
      ...DEFAULT_AGENT_DESK_SETTINGS,
      shortcuts: { ...DEFAULT_AGENT_DESK_SETTINGS.shortcuts, answer: 'A' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload', issues: [{ path: 'shortcuts.answer', message: 'errors.accelerator' }] } });
    expect(h.applied).toHaveLength(1);
  });

  it('saves the chosen audio devices on their own, keeping the rest', async () => {
    await h.call('agentDesk:saveSettings', { ...DEFAULT_AGENT_DESK_SETTINGS, afterCallSeconds: 15 });
    const reply = await h.call('agentDesk:setDevices', { microphoneId: 'mic-1', speakerId: 'spk-2', ringerId: '' });
    expect(reply).toMatchObject({ ok: true, value: { settings: { afterCallSeconds: 15, devices: { microphoneId: 'mic-1', speakerId: 'spk-2', ringerId: '' } } } });
  });

  it('asks main to focus the window for a notification click', async () => {
    expect(await h.call('agentDesk:focusWindow', {})).toEqual({ ok: true, value: { done: true } });
    expect(h.focused).toBe(1);
  });
});
