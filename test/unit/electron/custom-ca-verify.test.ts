// The `electron` module is replaced by a fake (./fake-electron) because the
// Electron binary cannot be downloaded or run here. The fake session keeps the
// certificate verify proc so the test can call it as Chromium would, with real
// certificates made by openssl, shaped as Electron's Certificate.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Certificate, Request, Session } from 'electron';
import { trustCustomCa } from '../../../src/main/electron/custom-ca-verify';
import { INTERMEDIATE_CA_EXT, makeTestCertificates, serverCertExt, type TestCertificates } from '../../support/test-certificates';
import { electronCertificate, FakeSession } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

/** Chromium's verify-proc results: 0 accept, -3 use Chromium's own verdict. */
const ACCEPT = 0;
const CHROMIUM_VERDICT = -3;
/** net::ERR_CERT_AUTHORITY_INVALID: what Chromium reports for a certificate from a CA it does not know. */
const AUTHORITY_INVALID = -202;

let certs: TestCertificates;
beforeAll(() => {
  certs = makeTestCertificates();
  const leafExt = serverCertExt('DNS:pbx.centre.local');
  certs.selfSigned('ca', '/CN=12345 Centre Root CA', true);
  certs.selfSigned('otherCa', '/CN=Someone Else CA', true);
  certs.issued('leaf', '/CN=pbx.centre.local', 'ca', leafExt);
  certs.issued('inter', '/CN=Centre Issuing CA', 'ca', INTERMEDIATE_CA_EXT);
  certs.issued('leafViaInter', '/CN=pbx.centre.local', 'inter', leafExt);
  certs.issued('strangerLeaf', '/CN=pbx.centre.local', 'otherCa', leafExt);
}, 30_000);
afterAll(() => certs.remove());

/** Installs trustCustomCa on a fake session and returns a function that verifies as Chromium would. */
function verifier(readCaPem: () => string | null) {
  const session = new FakeSession();
  const accepted: string[] = [];
  trustCustomCa(session as unknown as Session, readCaPem, (host) => accepted.push(host));
  const verify = (certificate: Certificate, hostname = 'pbx.centre.local', errorCode = AUTHORITY_INVALID): number => {
    const request: Request = {
      hostname,
      certificate,
      validatedCertificate: certificate,
      isIssuedByKnownRoot: false,
      verificationResult: errorCode === 0 ? 'net::OK' : 'net::ERR_CERT_AUTHORITY_INVALID',
      errorCode,
    };
    const results: number[] = [];
    session.verifyProc!(request, (result) => results.push(result));
    expect(results).toHaveLength(1); // Chromium waits for exactly one answer.
    return results[0]!;
  };
  return { verify, accepted };
}
const chain = (...names: string[]) => electronCertificate(names.map((name) => certs.pem[name]!));

describe('custom CA certificate verify proc', () => {
  it('leaves a certificate Chromium already accepted to Chromium, without reading the CA', () => {
    const readCaPem = vi.fn(() => certs.pem.ca!);
    const { verify, accepted } = verifier(readCaPem);
    expect(verify(chain('strangerLeaf'), 'pbx.centre.local', 0)).toBe(CHROMIUM_VERDICT);
    expect(readCaPem).not.toHaveBeenCalled();
    expect(accepted).toEqual([]);
  });

  it("keeps Chromium's verdict when no CA is configured or it cannot be read", () => {
    expect(verifier(() => null).verify(chain('leaf'))).toBe(CHROMIUM_VERDICT);
    const closing = verifier(() => {
      throw new Error('The database connection is not open');
    });
    expect(closing.verify(chain('leaf'))).toBe(CHROMIUM_VERDICT);
    expect(closing.accepted).toEqual([]);
  });

  it('accepts a leaf issued by the configured CA for the host it names, and reports the host', () => {
    const { verify, accepted } = verifier(() => certs.pem.ca!);
    expect(verify(chain('leaf'))).toBe(ACCEPT);
    expect(accepted).toEqual(['pbx.centre.local']);
  });

  it('refuses another host and a leaf from another CA', () => {
    const { verify, accepted } = verifier(() => certs.pem.ca!);
    expect(verify(chain('leaf'), 'evil.example.com')).toBe(CHROMIUM_VERDICT);
    expect(verify(chain('strangerLeaf'))).toBe(CHROMIUM_VERDICT);
    expect(verify(chain('strangerLeaf', 'otherCa'))).toBe(CHROMIUM_VERDICT);
    expect(accepted).toEqual([]);
  });

  it('follows issuerCert to the intermediate the server sent', () => {
    const { verify } = verifier(() => certs.pem.ca!);
    expect(verify(chain('leafViaInter', 'inter'))).toBe(ACCEPT);
    // Without the intermediate the leaf does not chain to the CA.
    expect(verify(chain('leafViaInter'))).toBe(CHROMIUM_VERDICT);
  });

  it('stops at a cycle in issuerCert and still decides on the certificates it collected', () => {
    const { verify } = verifier(() => certs.pem.ca!);
    const leaf = chain('leafViaInter', 'inter');
    leaf.issuerCert.issuerCert = leaf; // leaf -> inter -> leaf -> ...
    expect(verify(leaf)).toBe(ACCEPT);
    const selfLoop = chain('leaf');
    selfLoop.issuerCert = selfLoop;
    expect(verify(selfLoop)).toBe(ACCEPT);
  });
});
