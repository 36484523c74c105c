import type { Certificate, Session } from 'electron';
import { acceptsWithCustomCa } from '../tls/custom-ca';

/** Chromium's verify-proc results: 0 accept, -3 keep Chromium's own verdict. */
const ACCEPT = 0;
const USE_CHROMIUM_RESULT = -3;
const MAX_CHAIN = 5;

/**
 * `wss://` to a server whose certificate is issued by the centre's own CA.
 * Chromium's verdict stands unless it rejected the certificate and the
 * decision in src/main/tls/custom-ca.ts (chains to the configured CA, names the
 * host, all valid now) says yes. Chromium caches the results per host: a newly
 * set CA applies to connections to hosts not yet verified, or after a restart.
 */
export function trustCustomCa(session: Session, readCaPem: () => string | null, onAccepted: (hostname: string) => void): void {
  session.setCertificateVerifyProc((request, callback) => {
    if (request.errorCode === 0) return callback(USE_CHROMIUM_RESULT);
    let caPem: string | null;
    try {
      caPem = readCaPem();
    } catch {
      caPem = null; // The database is closing: no custom trust.
    }
    if (caPem === null) return callback(USE_CHROMIUM_RESULT);
    const accepted = acceptsWithCustomCa({ hostname: request.hostname, chain: chainOf(request.certificate) }, caPem);
    if (accepted) onAccepted(request.hostname);
    callback(accepted ? ACCEPT : USE_CHROMIUM_RESULT);
  });
}

/** PEM of the certificate and the issuers Chromium attached, leaf first. */
function chainOf(certificate: Certificate): string[] {
  const chain: string[] = [];
  let current: Certificate | undefined = certificate;
  while (current && chain.length < MAX_CHAIN && !chain.includes(current.data)) {
    chain.push(current.data);
    current = current.issuerCert;
  }
  return chain;
}
