/**
 * What an operator does with the trust directory: create the CA and hub key, issue a member certificate
 * (from a CSR or for a freshly generated key), rotate with an overlap window, revoke, and list.
 */
import { createPrivateKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataKeysPath, initDataKeys } from '../../queue/data-keys';
import { algsForKey, MAX_RSA_BITS, MIN_RSA_BITS, type JwsAlg } from '../protocol/algorithms';
import { certificateKid } from '../protocol/kid';
import { buildCertificate } from './certificate';
import { parseCsr } from './csr';
import { TrustError } from './errors';
import {
  memberDir,
  readMemberCertificates,
  readRevocations,
  readText,
  trustPaths,
  writeFileAtomic,
  writeMemberCertificate,
  writeRevocations,
  type KeyRecord,
  type RevocationEntry,
} from './layout';
import { assertMemberId, HUB_URI, memberDirName, memberUri } from './member-id';

const DAY = 86_400_000;
export const DEFAULT_OVERLAP_MS = 7 * DAY;

export interface InitOptions {
  dir: string;
  /** CA certificate lifetime. @defaultValue 3650 */
  caDays?: number;
  /** Hub certificate lifetime. @defaultValue 730 */
  hubDays?: number;
  now?: number;
}

/**
 * Creates the CA (P-256), the hub's signing key and certificate, and the data key that seals queued
 * payloads at rest (queue/data-keys.ts). Refuses a directory that has a CA.
 */
export function initTrust(options: InitOptions): { caKid: string; hubKid: string; dataKid: string } {
  const paths = trustPaths(options.dir);
  if (existsSync(paths.caCert)) throw new TrustError('TRUST_DIR_EXISTS', `${paths.caCert} exists already`);
  const now = options.now ?? Date.now();
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caCert = buildCertificate({
    profile: 'ca',
    commonName: 'lienthong hub CA',
    publicKey: ca.publicKey,
    selfSigningKey: ca.privateKey,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + (options.caDays ?? 3650) * DAY),
  });
  const hub = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const hubCert = buildCertificate({
    profile: 'hub',
    commonName: 'lienthong hub',
    uri: HUB_URI,
    publicKey: hub.publicKey,
    issuer: { certificate: caCert, privateKey: ca.privateKey },
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + (options.hubDays ?? 730) * DAY),
  });
  writeFileAtomic(paths.caKey, ca.privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600);
  writeFileAtomic(paths.hubKey, hub.privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600);
  writeFileAtomic(paths.hubCert, hubCert.toString());
  writeFileAtomic(paths.caCert, caCert.toString());
  writeRevocations(paths, readRevocations(paths));
  const dataKid = initDataKeys(dataKeysPath(options.dir), now);
  return { caKid: certificateKid(caCert), hubKid: certificateKid(hubCert), dataKid };
}

export interface IssueOptions {
  dir: string;
  memberId: string;
  /** A PKCS#10 CSR (PEM or DER) from the member; without one a key pair is generated. */
  csr?: string | Buffer;
  /** A public key the member holds already (used by the .p12 import). */
  publicKey?: KeyObject;
  /** Algorithm of the generated key, or the member's default for a CSR/public key. @defaultValue 'ES256' or the key's */
  alg?: JwsAlg;
  /** Certificate lifetime. @defaultValue 365 */
  days?: number;
  /** Where a generated private key goes (0600), with the certificates. @defaultValue <dir>/handover/<member> */
  out?: string;
  now?: number;
  /** Recorded with the key. */
  external?: KeyRecord['external'];
}

export interface IssueResult {
  memberId: string;
  kid: string;
  alg: JwsAlg;
  notAfter: string;
  certificatePath: string;
  /** Only when the key was generated here. */
  privateKeyPath?: string;
}

function loadCa(dir: string): { certificate: X509Certificate; privateKey: KeyObject } {
  const paths = trustPaths(dir);
  return {
    certificate: new X509Certificate(readText(paths.caCert, 'the CA certificate')),
    privateKey: createPrivateKey(readText(paths.caKey, 'the CA key')),
  };
}

function generate(alg: JwsAlg): { publicKey: KeyObject; privateKey: KeyObject } {
  switch (alg) {
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' });
    case 'EdDSA':
      return generateKeyPairSync('ed25519');
    case 'RS256':
    case 'PS256':
      return generateKeyPairSync('rsa', { modulusLength: 3072 });
  }
}

/** Issues a member certificate, writes it to the trust directory (and a generated key to `out`). */
export function issueMemberKey(options: IssueOptions): IssueResult {
  assertMemberId(options.memberId);
  const paths = trustPaths(options.dir);
  const ca = loadCa(options.dir);
  const now = options.now ?? Date.now();
  let privateKey: KeyObject | undefined;
  let publicKey =
    options.publicKey ?? (options.csr !== undefined ? parseCsr(options.csr).publicKey : undefined);
  if (!publicKey) ({ publicKey, privateKey } = generate(options.alg ?? 'ES256'));
  const bits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (publicKey.asymmetricKeyType === 'rsa' && bits > MAX_RSA_BITS) {
    throw new TrustError(
      'KEY_TYPE_UNSUPPORTED',
      `an RSA key of ${bits} bits: the protocol accepts RSA keys of ${MIN_RSA_BITS} to ${MAX_RSA_BITS} bits ` +
        `(its signatures are limited to ${MAX_RSA_BITS / 8} bytes)`,
    );
  }
  const algs = algsForKey(publicKey);
  const alg = options.alg ?? algs[0];
  if (!alg || !algs.includes(alg)) {
    throw new TrustError(
      'KEY_TYPE_UNSUPPORTED',
      `a ${publicKey.asymmetricKeyType} key cannot sign ${options.alg}`,
    );
  }
  const cert = buildCertificate({
    profile: 'member',
    commonName: options.memberId,
    uri: memberUri(options.memberId),
    publicKey,
    issuer: ca,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + (options.days ?? 365) * DAY),
  });
  const kid = certificateKid(cert);
  const record: KeyRecord = {
    memberId: options.memberId,
    kid,
    alg,
    serialNumber: cert.serialNumber,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    issuedAt: new Date(now).toISOString(),
    source: privateKey ? 'generated' : options.csr !== undefined ? 'csr' : 'p12',
    ...(options.external ? { external: options.external } : {}),
  };
  writeMemberCertificate(paths, record, cert.toString());
  const result: IssueResult = {
    memberId: options.memberId,
    kid,
    alg,
    notAfter: record.notAfter,
    certificatePath: join(memberDir(paths, options.memberId), `${kid}.cert.pem`),
  };
  if (privateKey) {
    const out = options.out ?? join(paths.handover, memberDirName(options.memberId));
    result.privateKeyPath = join(out, `${kid}.key.pem`);
    writeFileAtomic(result.privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600);
    writeFileAtomic(join(out, `${kid}.cert.pem`), cert.toString());
    writeFileAtomic(join(out, 'ca.cert.pem'), ca.certificate.toString());
    writeFileAtomic(join(out, 'hub.cert.pem'), readText(paths.hubCert, 'the hub certificate'));
  }
  return result;
}

export interface ServerCertificateOptions {
  dir: string;
  /** Host names and IP addresses the hub is reached at. @defaultValue ['127.0.0.1', 'localhost'] */
  hosts?: string[];
  /** @defaultValue 365 */
  days?: number;
  now?: number;
}

/**
 * Issues the hub's TLS server certificate (P-256, serverAuth, the hosts as subjectAltNames) from the CA,
 * replacing any earlier one. Members trust it through the CA certificate they were handed.
 */
export function issueServerCertificate(options: ServerCertificateOptions): {
  certificatePath: string;
  keyPath: string;
  hosts: string[];
  notAfter: string;
} {
  const paths = trustPaths(options.dir);
  const ca = loadCa(options.dir);
  const now = options.now ?? Date.now();
  const hosts = options.hosts?.length ? options.hosts : ['127.0.0.1', 'localhost'];
  for (const h of hosts) {
    if (!/^[A-Za-z0-9.:-]{1,253}$/.test(h))
      throw new TrustError('HOST_INVALID', `"${h}" is not a host name or an IP address`);
  }
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const cert = buildCertificate({
    profile: 'server',
    commonName: hosts[0],
    hosts,
    publicKey: key.publicKey,
    issuer: ca,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + (options.days ?? 365) * DAY),
  });
  writeFileAtomic(paths.tlsKey, key.privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600);
  writeFileAtomic(paths.tlsCert, cert.toString());
  return {
    certificatePath: paths.tlsCert,
    keyPath: paths.tlsKey,
    hosts,
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

/** Keys of a member that are neither revoked nor retired nor expired at `now`. */
function liveRecords(dir: string, memberId: string, now: number): KeyRecord[] {
  const revoked = new Set(readRevocations(trustPaths(dir)).map((r) => r.kid));
  return readMemberCertificates(trustPaths(dir))
    .map((s) => s.record)
    .filter(
      (r) =>
        r.memberId === memberId &&
        !revoked.has(r.kid) &&
        Date.parse(r.notAfter) > now &&
        (r.retiresAt === undefined || Date.parse(r.retiresAt) > now),
    );
}

export interface RotateResult extends IssueResult {
  /** The member's previous keys, now valid until `retiresAt` only. */
  retiring: Array<{ kid: string; retiresAt: string }>;
}

/** Issues a new key for a member; its live keys stay valid for `overlapMs` more, then retire. */
export function rotateMemberKey(options: IssueOptions & { overlapMs?: number }): RotateResult {
  assertMemberId(options.memberId);
  const now = options.now ?? Date.now();
  const old = liveRecords(options.dir, options.memberId, now);
  const issued = issueMemberKey({ ...options, now });
  const retiresAt = new Date(now + (options.overlapMs ?? DEFAULT_OVERLAP_MS)).toISOString();
  const retiring = old.map((r) => {
    const until = r.retiresAt && r.retiresAt < retiresAt ? r.retiresAt : retiresAt;
    writeMemberCertificate(trustPaths(options.dir), { ...r, retiresAt: until, replacedBy: issued.kid });
    return { kid: r.kid, retiresAt: until };
  });
  return { ...issued, retiring };
}

/** Revokes one key of a member, or all its unrevoked keys. Returns the new entries. */
export function revokeMemberKey(options: {
  dir: string;
  memberId: string;
  kid?: string;
  reason?: string;
  now?: number;
}): RevocationEntry[] {
  assertMemberId(options.memberId);
  const paths = trustPaths(options.dir);
  const list = readRevocations(paths);
  const already = new Set(list.map((r) => r.kid));
  const mine = readMemberCertificates(paths).filter((s) => s.record.memberId === options.memberId);
  const targets = options.kid ? mine.filter((s) => s.record.kid === options.kid) : mine;
  if (targets.length === 0) {
    const which = options.kid ? `key ${options.kid}` : 'key';
    throw new TrustError('NOT_FOUND', `no ${which} for member ${options.memberId}`);
  }
  const revokedAt = new Date(options.now ?? Date.now()).toISOString();
  const added = targets
    .filter((s) => !already.has(s.record.kid))
    .map((s) => ({
      kid: s.record.kid,
      memberId: options.memberId,
      revokedAt,
      reason: options.reason ?? 'unspecified',
    }));
  writeRevocations(paths, [...list, ...added]);
  return added;
}

export type KeyState = 'active' | 'retiring' | 'retired' | 'revoked' | 'expired' | 'not-yet-valid';

export interface KeyStatus extends KeyRecord {
  state: KeyState;
  revokedAt?: string;
  revocationReason?: string;
}

/** Every member key with its state at `now`. */
export function listKeys(options: { dir: string; memberId?: string; now?: number }): KeyStatus[] {
  const paths = trustPaths(options.dir);
  const now = options.now ?? Date.now();
  const revoked = new Map(readRevocations(paths).map((r) => [r.kid, r]));
  return readMemberCertificates(paths)
    .map((s) => s.record)
    .filter((r) => !options.memberId || r.memberId === options.memberId)
    .map((r) => {
      const rev = revoked.get(r.kid);
      const state: KeyState =
        rev && Date.parse(rev.revokedAt) <= now
          ? 'revoked'
          : Date.parse(r.notBefore) > now
            ? 'not-yet-valid'
            : Date.parse(r.notAfter) <= now
              ? 'expired'
              : r.retiresAt && Date.parse(r.retiresAt) <= now
                ? 'retired'
                : r.retiresAt
                  ? 'retiring'
                  : 'active';
      return rev ? { ...r, state, revokedAt: rev.revokedAt, revocationReason: rev.reason } : { ...r, state };
    });
}
