import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where global setup leaves the test CA and the 127.0.0.1/localhost server certificate it signed. */
export const TEST_TLS_DIR_VARIABLE = 'TEST_TLS_DIR';

const P256 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * Makes a throw-away CA and a server certificate for 127.0.0.1 and localhost with openssl (the local
 * Web Push service of test/notifications serves it), and points NODE_EXTRA_CA_CERTS at the CA so
 * that worker processes started after global setup trust it.
 */
export function makeTestCertificates(): string {
  const dir = mkdtempSync(join(tmpdir(), 'habit-tracker-tls-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', ...P256, '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=habit-tracker test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...P256, '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=localhost');
  writeFileSync(at('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  openssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('server.pem'), '-days', '2', '-extfile', at('server.ext'));
  process.env[TEST_TLS_DIR_VARIABLE] = dir;
  process.env.NODE_EXTRA_CA_CERTS = at('ca.pem');
  return dir;
}
