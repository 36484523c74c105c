import { describe, expect, it } from 'vitest';
import { DialogInfoView, parseDialogInfo } from '../../../src/shared/domain/floor-dialog-info';
import { floorCallView, maskIdentity, PBX_UNKNOWN, pbxPresenceAfter, pbxPresenceLost, type PbxPresence } from '../../../src/shared/domain/floor-presence';
import { floorAgent } from '../../support/floor-agent';

const doc = (version: number, dialogs: string, state = 'full') =>
  `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="${state}" entity="sip:1002@hotline.test">${dialogs}</dialog-info>`;
const dialog = (id: string, state: string, remote = 'sip:13812345678@hotline.test') =>
  `<dialog id="${id}" call-id="${id}" direction="recipient"><state>${state}</state><remote><identity>${remote}</identity></remote></dialog>`;

/** Feeds NOTIFY bodies through the parser and the view, as the lead's desk does. */
function follow(bodies: Array<[number, string]>): PbxPresence {
  const view = new DialogInfoView();
  let presence = PBX_UNKNOWN;
  for (const [at, body] of bodies) {
    if (view.apply(parseDialogInfo(body)) === 'applied') presence = pbxPresenceAfter(presence, view.current(), at);
  }
  return presence;
}

describe('the PBX\'s dialog-info merged into the floor', () => {
  it('masks the other party as the floor masks callers', () => {
    expect(maskIdentity('sip:13812345678@hotline.test')).toBe('138****5678');
    expect(maskIdentity('sip:+8613812345678@pbx;user=phone')).toBe('138****5678');
    expect(maskIdentity('tel:2001')).toBe('**01');
    expect(maskIdentity('sip:anonymous@anonymous.invalid')).toBe('****');
    expect(maskIdentity(null)).toBeNull();
  });

  it('follows a call through ringing, answer, a second call and the end, from full and partial documents', () => {
    const ringing = follow([[1_000, doc(1, dialog('a', 'early'))]]);
    expect(ringing).toMatchObject({ watch: 'active', phase: 'ringing', callSince: 1_000, remote: '138****5678', endedAt: null });
    const talking = follow([
      [1_000, doc(1, dialog('a', 'early'))],
      [3_000, doc(2, dialog('a', 'confirmed'), 'partial')],
      // A second call rings meanwhile: still talking, since the answer.
      [5_000, doc(3, dialog('b', 'early', 'sip:2002@hotline.test'), 'partial')],
    ]);
    expect(talking).toMatchObject({ phase: 'talking', callSince: 3_000, remote: '138****5678' });
    const ended = follow([
      [1_000, doc(1, dialog('a', 'confirmed') + dialog('b', 'early'))],
      [4_000, doc(2, dialog('a', 'terminated') + dialog('b', 'terminated'))],
    ]);
    expect(ended).toMatchObject({ phase: 'idle', callSince: null, remote: null, endedAt: 4_000 });
    // An empty full document after that keeps when the call ended.
    expect(pbxPresenceAfter(ended, [], 9_000).endedAt).toBe(4_000);
  });

  it('the desk\'s own report wins while the desk is heard from', () => {
    const now = 100_000;
    const talkingOnPbx: PbxPresence = { ...PBX_UNKNOWN, watch: 'active', phase: 'talking', callSince: now - 5_000 };
    const alive = floorAgent(now, '0307', { agentState: 'ready', reportedAt: now - 1_000, keepAliveMs: 30_000 });
    expect(floorCallView(alive, talkingOnPbx, now)).toEqual({ source: 'desk' });
  });

  it('a lost desk shows the PBX\'s call as the PBX\'s, then its end; nothing from a subscription that is not active', () => {
    const now = 100_000;
    const lost = floorAgent(now, '0307', { agentState: 'ready', reportedAt: now - 60_000, keepAliveMs: 2_000 });
    const talking: PbxPresence = { ...PBX_UNKNOWN, watch: 'active', phase: 'talking', callSince: now - 70_000, remote: '138****5678' };
    expect(floorCallView(lost, talking, now)).toEqual({ source: 'pbx', phase: 'talking', since: now - 70_000, remote: '138****5678' });
    const ended = pbxPresenceAfter(talking, [], now - 1_000);
    expect(floorCallView(lost, ended, now)).toEqual({ source: 'pbx-ended', endedAt: now - 1_000 });
    // An end from before the desk went quiet says nothing about now.
    expect(floorCallView(lost, { ...ended, endedAt: now - 90_000 }, now)).toEqual({ source: 'none' });
    expect(floorCallView(lost, pbxPresenceLost(talking, 403), now)).toEqual({ source: 'none' });
    expect(floorCallView(lost, undefined, now)).toEqual({ source: 'none' });
    // Signed off or never reported: the PBX's word is the only one.
    const never = floorAgent(now, '0308', { reportedAt: null });
    expect(floorCallView(never, talking, now).source).toBe('pbx');
  });

  it('a refusal is told from a failure, and keeps the last end', () => {
    const ended: PbxPresence = { ...PBX_UNKNOWN, watch: 'active', endedAt: 5 };
    expect(pbxPresenceLost(ended, 403)).toMatchObject({ watch: 'refused', status: 403, endedAt: 5, phase: 'idle' });
    expect(pbxPresenceLost(ended, 489)).toMatchObject({ watch: 'refused' });
    expect(pbxPresenceLost(ended, 0)).toMatchObject({ watch: 'failed', status: 0 });
  });
});
