import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsWithCustomCa, parseCaCertificate } from '../../../../src/main/tls/custom-ca';
import { useTestCore } from '../../../support/test-core-fixture';
import { INTERMEDIATE_CA_EXT, makeTestCertificates, serverCertExt, type TestCertificates } from '../../../support/test-certificates';

/** Certificates made for this test with the machine's openssl: a centre CA, an intermediate, leaves, strangers. */
let certs: TestCertificates;
let pem: TestCertificates['pem'];
const LEAF_EXT = serverCertExt('DNS:pbx.centre.local,IP:10.20.0.5');

beforeAll(() => {
  certs = makeTestCertificates();
  pem = certs.pem;
  certs.selfSigned('ca', '/CN=12345 Centre Root CA/O=Hotline Centre', true);
  certs.selfSigned('otherCa', '/CN=Someone Else CA', true);
  certs.selfSigned('notCa', '/CN=pbx.centre.local', false);
  certs.issued('leaf', '/CN=pbx.centre.local', 'ca', LEAF_EXT);
  certs.issued('inter', '/CN=Centre Issuing CA', 'ca', INTERMEDIATE_CA_EXT);
  certs.issued('leafViaInter', '/CN=pbx.centre.local', 'inter', LEAF_EXT);
  certs.issued('nonCaInter', '/CN=Not a CA', 'ca', 'basicConstraints=CA:FALSE\n');
  certs.issued('leafViaNonCa', '/CN=pbx.centre.local', 'nonCaInter', LEAF_EXT);
  certs.issued('strangerLeaf', '/CN=pbx.centre.local', 'otherCa', LEAF_EXT);
}, 30_000);
afterAll(() => certs.remove());

describe('custom CA decision', () => {
  const server = (chain: string[], hostname = 'pbx.centre.local') => ({ hostname, chain });

  it('parses the CA and refuses a non-CA, garbage, and an expired CA', () => {
    const ok = parseCaCertificate(pem.ca!);
    expect(ok.ok && ok.info.subject).toContain('CN=12345 Centre Root CA');
    expect(parseCaCertificate(pem.notCa!)).toEqual({ ok: false, reason: 'phonePrefs.caErrors.notCa' });
    expect(parseCaCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toEqual({
      ok: false,
      reason: 'phonePrefs.caErrors.notX509',
    });
    expect(parseCaCertificate(pem.ca!, Date.now() + 60 * 86_400_000)).toEqual({ ok: false, reason: 'phonePrefs.caErrors.expired' });
  });

  it('accepts a leaf signed by the CA for its DNS name and its IP address', () => {
    expect(acceptsWithCustomCa(server([pem.leaf!]), pem.ca!)).toBe(true);
    expect(acceptsWithCustomCa(server([pem.leaf!], '10.20.0.5'), pem.ca!)).toBe(true);
  });

  it('accepts a chain through an intermediate CA, not through a non-CA', () => {
    expect(acceptsWithCustomCa(server([pem.leafViaInter!, pem.inter!]), pem.ca!)).toBe(true);
    expect(acceptsWithCustomCa(server([pem.leafViaInter!]), pem.ca!)).toBe(false);
    expect(acceptsWithCustomCa(server([pem.leafViaNonCa!, pem.nonCaInter!]), pem.ca!)).toBe(false);
  });

  it('refuses another host, another CA, a self-signed leaf, an expired leaf, and garbage', () => {
    expect(acceptsWithCustomCa(server([pem.leaf!], 'evil.example.com'), pem.ca!)).toBe(false);
    expect(acceptsWithCustomCa(server([pem.leaf!], '10.20.0.6'), pem.ca!)).toBe(false);
    expect(acceptsWithCustomCa(server([pem.strangerLeaf!]), pem.ca!)).toBe(false);
    expect(acceptsWithCustomCa(server([pem.strangerLeaf!, pem.ca!]), pem.otherCa!)).toBe(true);
    expect(acceptsWithCustomCa(server([pem.notCa!]), pem.ca!)).toBe(false);
    expect(acceptsWithCustomCa(server([pem.leaf!]), pem.ca!, Date.now() + 20 * 86_400_000)).toBe(false);
    expect(acceptsWithCustomCa(server(['junk']), pem.ca!)).toBe(false);
    expect(acceptsWithCustomCa(server([]), pem.ca!)).toBe(false);
    expect(acceptsWithCustomCa(server([pem.leaf!]), 'not a pem')).toBe(false);
    // The leaf cannot stand in for the CA.
    expect(acceptsWithCustomCa(server([pem.leaf!]), pem.leaf!)).toBe(false);
  });
});

describe('phone settings over IPC', () => {
  const t = useTestCore();
  const call = t.call;

  it('stores a CA certificate, shows its subject and expiry, survives a restart, and removes it', async () => {
    expect(await call('phone:getCustomCa', {})).toEqual({ ok: true, value: { ca: null } });
    const saved = await call('phone:setCustomCa', { pem: `\n${pem.ca!}\n` });
    expect(saved).toMatchObject({ ok: true, value: { ca: { subject: expect.stringContaining('12345 Centre Root CA') } } });
    await t.open();
    const view = await call('phone:getCustomCa', {});
    expect(view).toMatchObject({ ok: true, value: { ca: { validToMs: expect.any(Number) } } });
    expect(t.core.phoneSettings.readCustomCa()).toBe(pem.ca!.trim());
    expect(await call('phone:setCustomCa', { pem: null })).toEqual({ ok: true, value: { ca: null } });
  });

  it.each([
    ['a leaf certificate', () => pem.leaf!, 'phonePrefs.caErrors.notCa'],
    ['text that is not PEM', () => 'hello', 'phonePrefs.caErrors.notPem'],
    ['a PEM block that is not X.509', () => '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'phonePrefs.caErrors.notX509'],
    ['an oversized paste', () => `-----BEGIN CERTIFICATE-----\n${'A'.repeat(20_000)}\n-----END CERTIFICATE-----`, 'errors.tooLong'],
  ])('refuses %s and stores nothing', async (_what, value, message) => {
    expect(await call('phone:setCustomCa', { pem: value() })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', issues: [{ path: 'pem', message }] },
    });
    expect(t.core.phoneSettings.readCustomCa()).toBeNull();
  });

  it('stores phone preferences, validated, and reads them back', async () => {
    const first = await call('phone:getPreferences', {});
    expect(first).toMatchObject({ ok: true, value: { preferences: null } });
    // The SIP instance id is made once per install and comes with the preferences, the same every time.
    const instanceId = first.ok ? (first.value as { instanceId: string }).instanceId : '';
    expect(instanceId).toMatch(/^[0-9a-f-]{36}$/);
    const preferences = { dtmfMode: 'info', autoAnswer: { mode: 'after', seconds: 4 }, backupServers: ['wss://b1.centre.local:7443/ws'] };
    expect(await call('phone:savePreferences', preferences)).toEqual({ ok: true, value: { preferences, instanceId } });
    expect(await call('phone:savePreferences', { ...preferences, autoAnswer: { mode: 'after', seconds: 31 } })).toMatchObject({ ok: false });
    expect(await call('phone:savePreferences', { ...preferences, backupServers: ['http://x'] })).toMatchObject({ ok: false });
    expect(await call('phone:savePreferences', { ...preferences, dtmfMode: 'inband' })).toMatchObject({ ok: false });
    await t.open();
    expect(await call('phone:getPreferences', {})).toEqual({ ok: true, value: { preferences, instanceId } });
  });
});
