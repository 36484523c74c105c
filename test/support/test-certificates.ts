import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

/** openssl extensions for an intermediate CA (may issue certificates). */
export const INTERMEDIATE_CA_EXT = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n';
/** openssl extensions for a server (leaf) certificate naming `subjectAltName`, e.g. `DNS:pbx.centre.local,IP:10.20.0.5`. */
export const serverCertExt = (subjectAltName: string): string => `basicConstraints=CA:FALSE\nsubjectAltName=${subjectAltName}\n`;

export interface TestCertificates {
  /** PEM of every certificate made so far, by the name it was made under. */
  readonly pem: Record<string, string>;
  /** A self-signed P-256 certificate (a root CA when `ca`), valid for 30 days; returns its PEM. */
  selfSigned(name: string, subject: string, ca: boolean): string;
  /** A P-256 certificate signed by the certificate made as `issuer`, valid for 10 days, with openssl extensions `ext`; returns its PEM. */
  issued(name: string, subject: string, issuer: string, ext: string): string;
  /** The private key (PEM) of the certificate made as `name` (for a test server that presents it). */
  key(name: string): string;
  /** Deletes the keys and certificates. */
  remove(): void;
}

/** Real X.509 certificates (CAs, intermediates, leaves) made with the machine's openssl in a temporary folder. */
export function makeTestCertificates(): TestCertificates {
  const tmp = makeTempDir('hotline-ca-');
  const pem: Record<string, string> = {};
  let serial = Date.now() % 1e9;
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: tmp.path, stdio: 'pipe' });
  };
  const read = (name: string): string => (pem[name] = readFileSync(join(tmp.path, `${name}.pem`), 'utf8'));
  return {
    pem,
    selfSigned(name, subject, ca) {
      openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`,
        '-days', '30', '-subj', subject, '-addext', `basicConstraints=critical,CA:${ca ? 'TRUE' : 'FALSE'}`,
        ...(ca ? ['-addext', 'keyUsage=critical,keyCertSign,cRLSign'] : []));
      return read(name);
    },
    issued(name, subject, issuer, ext) {
      writeFileSync(join(tmp.path, `${name}.ext`), ext);
      openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
      // A distinct serial per certificate: two made in the same millisecond must not share one.
      openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-set_serial', String(++serial),
        '-out', `${name}.pem`, '-days', '10', '-extfile', `${name}.ext`);
      return read(name);
    },
    key: (name) => readFileSync(join(tmp.path, `${name}.key`), 'utf8'),
    remove: tmp.remove,
  };
}
