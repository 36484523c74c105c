import { describe, expect, it } from 'vitest';
import {
  AgentDeskSettingsSchema,
  DEFAULT_AGENT_DESK_SETTINGS,
  isValidAccelerator,
  readAgentDeskSettings,
} from '../../../src/shared/domain/agent-state';

describe('agent desk settings', () => {
  it('defaults are valid: 30 s wrap-up, 486 when not ready, Ctrl+Alt shortcuts', () => {
    expect(AgentDeskSettingsSchema.parse(DEFAULT_AGENT_DESK_SETTINGS)).toEqual(DEFAULT_AGENT_DESK_SETTINGS);
    expect(DEFAULT_AGENT_DESK_SETTINGS.afterCallSeconds).toBe(30);
    expect(DEFAULT_AGENT_DESK_SETTINGS.busySignal).toBe('reject-486');
    expect(DEFAULT_AGENT_DESK_SETTINGS.shortcuts.answer).toBe('CommandOrControl+Alt+A');
  });

  it('reads stored settings field by field, defaulting what is missing or broken', () => {
    expect(readAgentDeskSettings(undefined)).toEqual(DEFAULT_AGENT_DESK_SETTINGS);
    const read = readAgentDeskSettings({ afterCallSeconds: 45, breakReasons: [], pauseCode: 'rm -rf', shortcuts: { answer: 'A' } });
    expect(read.afterCallSeconds).toBe(45);
    expect(read.breakReasons).toEqual(DEFAULT_AGENT_DESK_SETTINGS.breakReasons);
    expect(read.pauseCode).toBe('*72');
    expect(read.shortcuts).toEqual(DEFAULT_AGENT_DESK_SETTINGS.shortcuts);
  });

  it('a shortcut map saved before 示闲 had a key keeps its own keys and gets the default for 示闲', () => {
    const saved = { answer: 'Ctrl+Shift+F1', hangup: 'Ctrl+Shift+F2', mute: '', hold: 'CommandOrControl+Alt+P' };
    expect(readAgentDeskSettings({ shortcuts: saved }).shortcuts).toEqual({ ...saved, ready: 'CommandOrControl+Alt+R' });
    expect(readAgentDeskSettings({ shortcuts: { ...saved, ready: '' } }).shortcuts.ready).toBe('');
    // A broken 示闲 key is still a broken map: every key falls back, as for the others.
    expect(readAgentDeskSettings({ shortcuts: { ...saved, ready: 'R' } }).shortcuts).toEqual(DEFAULT_AGENT_DESK_SETTINGS.shortcuts);
  });

  it('accepts accelerators with a modifier, or none; refuses bare keys and junk', () => {
    for (const ok of ['', 'CommandOrControl+Alt+A', 'Ctrl+Shift+F12', 'Alt+Space', 'Super+num5']) expect(isValidAccelerator(ok), ok).toBe(true);
    for (const bad of ['A', 'F1', 'Ctrl+', 'Ctrl+Alt', 'Ctrl+Alt+AA', 'ctrl+alt+a ; rm']) expect(isValidAccelerator(bad), bad).toBe(false);
  });

  it('accepts dial codes and SIP URIs as feature codes', () => {
    const base = DEFAULT_AGENT_DESK_SETTINGS;
    expect(AgentDeskSettingsSchema.safeParse({ ...base, pauseCode: '*72#' }).success).toBe(true);
    expect(AgentDeskSettingsSchema.safeParse({ ...base, pauseCode: 'sip:queue-pause@pbx.example.cn' }).success).toBe(true);
    const bad = AgentDeskSettingsSchema.safeParse({ ...base, unpauseCode: 'pause me' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('errors.featureCode');
  });
});
