import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { FloorAgentSchema, lostAfterMs, type FloorAgent } from '../../../shared/domain/floor';
import { PBX_UNKNOWN, type PbxPresence } from '../../../shared/domain/floor-presence';
import { floorActionBlock, floorActionBlockText } from './floor-actions';
import { floorEn, floorZhCN } from './locales';

const NOW = Date.UTC(2026, 11, 2, 8);
const KEEP_ALIVE = 2_000;

function agent(change: Partial<FloorAgent> = {}): FloorAgent {
  return FloorAgentSchema.parse({
    agentState: 'not-ready',
    since: NOW - 60_000,
    callPhase: 'talking',
    callStartedAt: NOW - 30_000,
    callId: 'desk-call-42',
    personId: 'person-0307',
    workNumber: '0307',
    name: '李娜',
    teamId: 'team-a',
    keepAliveMs: KEEP_ALIVE,
    reportedAt: NOW - 1_000,
    ...change,
  });
}

const pbx = (change: Partial<PbxPresence>): PbxPresence => ({ ...PBX_UNKNOWN, watch: 'active', ...change });

describe('whether the monitor actions can reach an agent (floorActionBlock)', () => {
  it('a desk heard from within its keep-alive: nothing blocks, on a call or not', () => {
    expect(floorActionBlock(agent(), NOW)).toBeNull();
    expect(floorActionBlock(agent({ callPhase: 'idle', agentState: 'ready' }), NOW)).toBeNull();
    // Exactly at the bound still counts as heard from.
    expect(floorActionBlock(agent({ reportedAt: NOW - lostAfterMs(KEEP_ALIVE) }), NOW)).toBeNull();
  });

  it('a desk past its keep-alive is lost, whatever call it last reported: blocked, since its last report', () => {
    const reportedAt = NOW - lostAfterMs(KEEP_ALIVE) - 1;
    expect(floorActionBlock(agent({ reportedAt }), NOW)).toEqual({ reason: 'lost', since: reportedAt, pbxCall: null });
    expect(floorActionBlock(agent({ reportedAt, callPhase: 'held' }), NOW)).toEqual({ reason: 'lost', since: reportedAt, pbxCall: null });
  });

  it('a lost desk whose call the PBX still shows: still blocked (the desk carries the monitor), the PBX call named', () => {
    const lost = agent({ reportedAt: NOW - 60_000 });
    expect(floorActionBlock(lost, NOW, pbx({ phase: 'talking', callSince: NOW - 40_000 }))).toEqual({ reason: 'lost', since: NOW - 60_000, pbxCall: 'talking' });
    expect(floorActionBlock(lost, NOW, pbx({ phase: 'ringing' }))).toMatchObject({ pbxCall: 'ringing' });
    // The PBX idle, refused or not yet answered says nothing of a call.
    expect(floorActionBlock(lost, NOW, pbx({ phase: 'idle' }))).toMatchObject({ pbxCall: null });
    expect(floorActionBlock(lost, NOW, { ...PBX_UNKNOWN, watch: 'refused', status: 403 })).toMatchObject({ pbxCall: null });
  });

  it('signed out or never reported: blocked as not signed in', () => {
    expect(floorActionBlock(agent({ agentState: 'offline', callPhase: 'idle' }), NOW)).toEqual({ reason: 'offline' });
    expect(floorActionBlock(agent({ reportedAt: null }), NOW)).toEqual({ reason: 'offline' });
  });

  it("an alert's bare name (the floor does not know the agent) blocks nothing: the alert's call decides", () => {
    expect(floorActionBlock({}, NOW)).toBeNull();
  });

  it('says why in both languages, the time on this desk\'s clock', () => {
    const zh = i18next.createInstance();
    void zh.init({ resources: { 'zh-CN': { floor: floorZhCN }, en: { floor: floorEn } }, lng: 'zh-CN', ns: ['floor'], defaultNS: 'floor', initAsync: false, interpolation: { escapeValue: false } });
    let t = zh.getFixedT('zh-CN', 'floor');
    const since = new Date(2026, 11, 2, 10, 42, 5).getTime();
    const block = { reason: 'lost', since, pbxCall: null } as const;
    expect(floorActionBlockText(t, block, 0)).toBe('坐席连接已断开（10:42:05 起），无法监听、耳语、强插或接管');
    // The service's clock 2 s ahead of this desk's.
    expect(floorActionBlockText(t, block, 2_000)).toBe('坐席连接已断开（10:42:03 起），无法监听、耳语、强插或接管');
    expect(floorActionBlockText(t, { ...block, pbxCall: 'talking' }, 0)).toBe('坐席连接已断开（10:42:05 起），无法监听、耳语、强插或接管；交换机显示该坐席仍在通话');
    expect(floorActionBlockText(t, { reason: 'offline' }, 0)).toBe('坐席未登录，无法监听、耳语、强插或接管');
    void zh.changeLanguage('en');
    t = zh.getFixedT('en', 'floor');
    expect(floorActionBlockText(t, block, 0)).toBe('Desk connection lost (since 10:42:05): cannot listen, whisper, barge or take over');
    expect(floorActionBlockText(t, { ...block, pbxCall: 'ringing' }, 0)).toContain('the PBX still shows a call');
  });
});
