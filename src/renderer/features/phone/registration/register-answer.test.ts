import { describe, expect, it } from 'vitest';
import { judgeRegisterAnswer, splitContacts, type OurContact } from './register-answer';

const OURS: OurContact = { user: 'k3v9a2', host: 'r4nd0m.invalid', instance: null };
const OUR_CONTACT = '<sip:k3v9a2@r4nd0m.invalid;transport=ws>';

describe('judgeRegisterAnswer', () => {
  it('takes the expires parameter of our Contact', () => {
    expect(judgeRegisterAnswer([`${OUR_CONTACT};expires=120`], [], OURS, 300)).toEqual({ kind: 'granted', expires: 120 });
  });

  it('falls back to the Expires header, then to what we asked for (RFC 3261 10.2.4)', () => {
    expect(judgeRegisterAnswer([OUR_CONTACT], ['90'], OURS, 300)).toEqual({ kind: 'granted', expires: 90 });
    expect(judgeRegisterAnswer([OUR_CONTACT], [], OURS, 300)).toEqual({ kind: 'granted', expires: 300 });
  });

  it('a grant of 0 s is not registered: the binding is gone', () => {
    expect(judgeRegisterAnswer([`${OUR_CONTACT};expires=0`], [], OURS, 300)).toEqual({ kind: 'not-granted', why: 'zero-expiry' });
    expect(judgeRegisterAnswer([OUR_CONTACT], ['0'], OURS, 300)).toEqual({ kind: 'not-granted', why: 'zero-expiry' });
  });

  it('no Contact, or only other devices\' Contacts, is not registered', () => {
    expect(judgeRegisterAnswer([], ['300'], OURS, 300)).toEqual({ kind: 'not-granted', why: 'no-contact' });
    expect(judgeRegisterAnswer(['<sip:other@10.0.0.9:5060>;expires=300'], [], OURS, 300)).toEqual({ kind: 'not-granted', why: 'foreign-contact' });
  });

  it('finds ours among several bindings, with commas inside quotes and brackets', () => {
    const header = '"Desk, two" <sip:x@y.invalid;transport=ws>;expires=60, <sip:k3v9a2@R4ND0M.invalid;transport=ws>;expires=200';
    expect(judgeRegisterAnswer([header], [], OURS, 300)).toEqual({ kind: 'granted', expires: 200 });
  });

  it('matches by +sip.instance when both sides carry one (a registrar may rewrite the URI)', () => {
    const ours = { ...OURS, instance: 'urn:uuid:0f8e2a43-1c34-4d6d-9d8e-3c0a1b2c3d4e' };
    const listed = '<sip:k3v9a2@10.1.2.3:40000;transport=ws>;expires=100;+sip.instance="<urn:uuid:0F8E2A43-1C34-4D6D-9D8E-3C0A1B2C3D4E>"';
    expect(judgeRegisterAnswer([listed], [], ours, 300)).toEqual({ kind: 'granted', expires: 100 });
    const other = '<sip:k3v9a2@r4nd0m.invalid;transport=ws>;expires=100;+sip.instance="<urn:uuid:11111111-1c34-4d6d-9d8e-3c0a1b2c3d4e>"';
    expect(judgeRegisterAnswer([other], [], ours, 300)).toEqual({ kind: 'not-granted', why: 'foreign-contact' });
  });

  it('ignores Contact values that are not SIP URIs', () => {
    expect(judgeRegisterAnswer(['garbage', '*'], [], OURS, 300)).toEqual({ kind: 'not-granted', why: 'no-contact' });
  });
});

describe('splitContacts', () => {
  it('splits on top-level commas only', () => {
    expect(splitContacts('<sip:a@b;x=1,2>, "c,d" <sip:e@f>')).toEqual(['<sip:a@b;x=1,2>', '"c,d" <sip:e@f>']);
  });
});
