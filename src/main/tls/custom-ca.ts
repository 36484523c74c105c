import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { CustomCaInfo } from '../../shared/domain/phone-preferences';

/**
 * A centre's own CA for the `wss://` SIP server (pure Node, no Electron). The
 * Electron entry asks `acceptsWithCustomCa` only for a server certificate that
 * Chromium itself rejected; the answer is yes only when the certificate chains
 * to the configured CA and names the host.
 */

export type CaParseResult =
  | { ok: true; cert: X509Certificate; info: CustomCaInfo }
  | { ok: false; reason: 'phonePrefs.caErrors.notX509' | 'phonePrefs.caErrors.notCa' | 'phonePrefs.caErrors.expired' };

export function caInfo(cert: X509Certificate): CustomCaInfo {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    validFrom: cert.validFrom,
    validTo: cert.validTo,
    validToMs: Date.parse(cert.validTo),
    fingerprint256: cert.fingerprint256,
  };
}

/** Subject, issuer and validity of a stored certificate, whether or not it is still valid; null if unparsable. */
export function describeCertificate(pem: string): CustomCaInfo | null {
  try {
    return caInfo(new X509Certificate(pem));
  } catch {
    return null;
  }
}

/** Parses a PEM certificate and requires a CA (basicConstraints CA:TRUE) that has not expired. */
export function parseCaCertificate(pem: string, now = Date.now()): CaParseResult {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    return { ok: false, reason: 'phonePrefs.caErrors.notX509' };
  }
  if (!cert.ca) return { ok: false, reason: 'phonePrefs.caErrors.notCa' };
  if (!withinValidity(cert, now)) return { ok: false, reason: 'phonePrefs.caErrors.expired' };
  return { ok: true, cert, info: caInfo(cert) };
}

export interface ServerCertificate {
  hostname: string;
  /** PEM, leaf first, then the intermediates the server sent (as Chromium reports them). */
  chain: readonly string[];
}

/** Longest chain we walk from the leaf to the CA. */
const MAX_DEPTH = 5;

/**
 * True when the leaf is valid now, names `hostname` (DNS name or IP address),
 * and is signed by the CA directly or through the given intermediates (each a
 * CA, each valid now). Anything unparsable is a no.
 */
export function acceptsWithCustomCa(server: ServerCertificate, caPem: string, now = Date.now()): boolean {
  const ca = parseCaCertificate(caPem, now);
  if (!ca.ok) return false;
  let chain: X509Certificate[];
  try {
    chain = server.chain.slice(0, MAX_DEPTH).map((pem) => new X509Certificate(pem));
  } catch {
    return false;
  }
  const leaf = chain[0];
  if (!leaf || !withinValidity(leaf, now) || !namesHost(leaf, server.hostname)) return false;
  let current = leaf;
  for (let i = 1; i <= chain.length; i++) {
    if (signedBy(current, ca.cert)) return true;
    const next = chain[i];
    if (!next || !next.ca || !withinValidity(next, now) || !signedBy(current, next)) return false;
    current = next;
  }
  return false;
}

function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function namesHost(cert: X509Certificate, hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === '') return false;
  return isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host, { subject: 'default' }) !== undefined;
}

function withinValidity(cert: X509Certificate, now: number): boolean {
  return Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);
}
