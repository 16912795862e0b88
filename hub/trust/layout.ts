/**
 * The trust directory on disk (default `var/trust`, outside the tracked files):
 *
 *   ca/ca.key.pem, ca/ca.cert.pem          the hub CA (P-256); the key is 0600
 *   hub/hub.key.pem, hub/hub.cert.pem      the hub's response-signing identity, issued by the CA
 *   members/<member>/<kid>.cert.pem        each certificate issued to a member (<member>: ':' → '_')
 *   members/<member>/<kid>.json            its record: alg, validity, source, and after a rotation retiresAt
 *   revocations.json                       [{ kid, memberId, revokedAt, reason }]
 *   handover/<member>/                     generated member keys (0600) to hand over, with the certificates
 *   tls/server.key.pem, tls/server.cert.pem  the hub's TLS server key (0600) and certificate, issued by the CA
 *   data-keys.json                         the keys that seal queued payloads and results at rest (0600;
 *                                          queue/data-keys.ts; `lienthong keys data-rotate`)
 *
 * Writes go to a temporary file renamed into place, so a reader never sees half a file.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { JwsAlg } from '../protocol/algorithms';
import { TrustError } from './errors';
import { memberDirName } from './member-id';

export const DEFAULT_TRUST_DIR = 'var/trust';

export interface TrustPaths {
  dir: string;
  caKey: string;
  caCert: string;
  hubKey: string;
  hubCert: string;
  members: string;
  revocations: string;
  handover: string;
  tlsKey: string;
  tlsCert: string;
}

export function trustPaths(dir: string): TrustPaths {
  return {
    dir,
    caKey: join(dir, 'ca', 'ca.key.pem'),
    caCert: join(dir, 'ca', 'ca.cert.pem'),
    hubKey: join(dir, 'hub', 'hub.key.pem'),
    hubCert: join(dir, 'hub', 'hub.cert.pem'),
    members: join(dir, 'members'),
    revocations: join(dir, 'revocations.json'),
    handover: join(dir, 'handover'),
    tlsKey: join(dir, 'tls', 'server.key.pem'),
    tlsCert: join(dir, 'tls', 'server.cert.pem'),
  };
}

/** What the hub keeps about one issued member certificate, beside it. */
export interface KeyRecord {
  memberId: string;
  kid: string;
  /** The algorithm the member signs with by default. */
  alg: JwsAlg;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  issuedAt: string;
  /** How the key reached the hub. */
  source: 'generated' | 'csr' | 'p12';
  /** Set by a rotation: the key stays valid until then (ISO 8601). */
  retiresAt?: string;
  /** The kid that replaced this one. */
  replacedBy?: string;
  /** For keys imported from a .p12: the certificate the agency's own CA issued for the same key. */
  external?: { subject: string; issuer: string; serialNumber: string; fingerprint256: string };
}

export interface RevocationEntry {
  kid: string;
  memberId: string;
  /** ISO 8601; the key is refused from then on. */
  revokedAt: string;
  reason: string;
}

/** Writes a file atomically with the given mode, creating its directory (0700). */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, path);
}

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new TrustError('TRUST_DIR_INVALID', `cannot read ${what} (${path}); run \`keys init\`?`, {
      cause: err,
    });
  }
}

function readJsonFile<T>(path: string, fallback: T): T {
  if (!existsSync(path)) return fallback;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new TrustError('TRUST_DIR_INVALID', `${path} is not valid JSON`, { cause: err });
  }
}

export function readRevocations(paths: TrustPaths): RevocationEntry[] {
  const list = readJsonFile<unknown>(paths.revocations, []);
  if (!Array.isArray(list))
    throw new TrustError('TRUST_DIR_INVALID', `${paths.revocations} must hold a JSON array`);
  return list as RevocationEntry[];
}

export function writeRevocations(paths: TrustPaths, list: readonly RevocationEntry[]): void {
  writeFileAtomic(paths.revocations, JSON.stringify(list, null, 2) + '\n');
}

export interface StoredCertificate {
  certificatePem: string;
  record: KeyRecord;
  /** Paths, for messages. */
  certificatePath: string;
  recordPath: string;
}

export function memberDir(paths: TrustPaths, memberId: string): string {
  return join(paths.members, memberDirName(memberId));
}

/** Every member certificate with its record, members and kids in a stable order. */
export function readMemberCertificates(paths: TrustPaths): StoredCertificate[] {
  if (!existsSync(paths.members)) return [];
  const out: StoredCertificate[] = [];
  for (const member of readdirSync(paths.members).sort()) {
    const dir = join(paths.members, member);
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.cert.pem')) continue;
      const kid = file.slice(0, -'.cert.pem'.length);
      const certificatePath = join(dir, file);
      const recordPath = join(dir, `${kid}.json`);
      const record = readJsonFile<KeyRecord | undefined>(recordPath, undefined);
      if (!record)
        throw new TrustError('TRUST_DIR_INVALID', `${certificatePath} has no record ${recordPath}`);
      out.push({
        certificatePem: readText(certificatePath, 'a member certificate'),
        record,
        certificatePath,
        recordPath,
      });
    }
  }
  return out;
}

export function writeMemberCertificate(paths: TrustPaths, record: KeyRecord, certificatePem?: string): void {
  const dir = memberDir(paths, record.memberId);
  if (certificatePem !== undefined) writeFileAtomic(join(dir, `${record.kid}.cert.pem`), certificatePem);
  writeFileAtomic(join(dir, `${record.kid}.json`), JSON.stringify(record, null, 2) + '\n');
}
