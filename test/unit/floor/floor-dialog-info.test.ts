import { describe, expect, it } from 'vitest';
import { DialogInfoView, parseDialogInfo } from '../../../src/shared/domain/floor-dialog-info';

const doc = (version: number, state: 'full' | 'partial', dialogs: string) => `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="${state}" entity="sip:1002@hotline.test">
${dialogs}
</dialog-info>`;

const dialog = (id: string, state: string, remote = 'sip:2001@hotline.test') => `
  <dialog id="${id}" call-id="cid-${id}" local-tag="l${id}" remote-tag="r${id}" direction="recipient">
    <state>${state}</state>
    <remote><identity display="Caller">${remote}</identity><target uri="${remote}"/></remote>
    <local><identity>sip:1002@hotline.test</identity></local>
  </dialog>`;

describe('dialog-info presence (RFC 4235)', () => {
  it('parses several dialogs with their state, direction, call-id and remote identity', () => {
    const parsed = parseDialogInfo(doc(3, 'full', dialog('a', 'confirmed') + dialog('b', 'early', 'sip:2002@hotline.test')));
    expect(parsed).toMatchObject({ entity: 'sip:1002@hotline.test', version: 3, state: 'full' });
    expect(parsed.dialogs).toEqual([
      { id: 'a', state: 'confirmed', direction: 'recipient', callId: 'cid-a', remote: 'sip:2001@hotline.test' },
      { id: 'b', state: 'early', direction: 'recipient', callId: 'cid-b', remote: 'sip:2002@hotline.test' },
    ]);
    // Namespace prefixes and an empty full document.
    expect(parseDialogInfo('<d:dialog-info xmlns:d="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:x@y"/>').dialogs).toEqual([]);
  });

  it('refuses what is not a dialog-info document', () => {
    expect(() => parseDialogInfo('<presence/>')).toThrow(/no <dialog-info>/);
    expect(() => parseDialogInfo('<dialog-info version="x" state="full"/>')).toThrow(/version/);
    expect(() => parseDialogInfo('<dialog-info version="1" state="half"/>')).toThrow(/state/);
  });

  it('a full document replaces, partial ones change only the dialogs they name; terminated ones go', () => {
    const view = new DialogInfoView();
    expect(view.apply(parseDialogInfo(doc(1, 'full', dialog('a', 'early'))))).toBe('applied');
    expect(view.phase()).toBe('ringing');
    // A second call rings while the first is answered: two partial updates.
    expect(view.apply(parseDialogInfo(doc(2, 'partial', dialog('a', 'confirmed'))))).toBe('applied');
    expect(view.apply(parseDialogInfo(doc(3, 'partial', dialog('b', 'early', 'sip:2002@hotline.test'))))).toBe('applied');
    expect(view.current().map((d) => [d.id, d.state])).toEqual([
      ['a', 'confirmed'],
      ['b', 'early'],
    ]);
    expect(view.phase()).toBe('talking');
    expect(view.apply(parseDialogInfo(doc(4, 'partial', dialog('a', 'terminated'))))).toBe('applied');
    expect(view.current().map((d) => d.id)).toEqual(['b']);
    expect(view.phase()).toBe('ringing');
    // A full document replaces everything.
    expect(view.apply(parseDialogInfo(doc(5, 'full', '')))).toBe('applied');
    expect(view.phase()).toBe('idle');
  });

  it('an old or repeated version is stale; a gap, or a partial before any full one, asks for a resync', () => {
    const fresh = new DialogInfoView();
    expect(fresh.apply(parseDialogInfo(doc(7, 'partial', dialog('a', 'confirmed'))))).toBe('resync');
    const view = new DialogInfoView();
    view.apply(parseDialogInfo(doc(1, 'full', dialog('a', 'confirmed'))));
    expect(view.apply(parseDialogInfo(doc(1, 'partial', dialog('a', 'terminated'))))).toBe('stale');
    expect(view.apply(parseDialogInfo(doc(3, 'partial', dialog('a', 'terminated'))))).toBe('resync');
    expect(view.phase()).toBe('talking');
    expect(view.apply(parseDialogInfo(doc(4, 'full', dialog('c', 'confirmed'))))).toBe('applied');
    expect(view.current().map((d) => d.id)).toEqual(['c']);
  });
});
