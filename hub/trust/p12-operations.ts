/**
 * .p12 files in and out of the trust directory. Import: an agency's key pair from its own CA (often
 * RSA-2048 from a Vietnamese CA) gets a hub certificate for the same key, and the private key is written
 * out as PEM (0600) for the agency's signing client. Export: a member's key with its hub certificate and
 * the CA certificate, for systems that want a .p12 (Java keystores, Windows).
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrustError } from './errors';
import { readMemberCertificates, readText, trustPaths, writeFileAtomic } from './layout';
import { memberDirName } from './member-id';
import { issueMemberKey, type IssueResult } from './operations';
import { readPkcs12, writePkcs12 } from './pkcs12';

export interface ImportP12Options {
  dir: string;
  memberId: string;
  p12: Buffer;
  password: string;
  /** Where the private key (0600) and certificates go. @defaultValue <dir>/handover/<member> */
  out?: string;
  /** Lifetime of the hub certificate. @defaultValue 365 */
  days?: number;
  now?: number;
}

/** Imports a .p12: issues a hub certificate for its key and writes the key out for the member's client. */
export function importP12(options: ImportP12Options): IssueResult {
  const contents = readPkcs12(options.p12, options.password);
  const ext = contents.certificate;
  const issued = issueMemberKey({
    dir: options.dir,
    memberId: options.memberId,
    publicKey: ext.publicKey,
    days: options.days,
    now: options.now,
    external: {
      subject: ext.subject,
      issuer: ext.issuer,
      serialNumber: ext.serialNumber,
      fingerprint256: ext.fingerprint256,
    },
  });
  const paths = trustPaths(options.dir);
  const out = options.out ?? join(paths.handover, memberDirName(options.memberId));
  const privateKeyPath = join(out, `${issued.kid}.key.pem`);
  writeFileAtomic(privateKeyPath, contents.privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600);
  writeFileAtomic(join(out, `${issued.kid}.cert.pem`), readFileSync(issued.certificatePath, 'utf8'));
  writeFileAtomic(join(out, 'ca.cert.pem'), readText(paths.caCert, 'the CA certificate'));
  writeFileAtomic(join(out, 'hub.cert.pem'), readText(paths.hubCert, 'the hub certificate'));
  return { ...issued, privateKeyPath };
}

export interface ExportP12Options {
  dir: string;
  memberId: string;
  /** Which key. @defaultValue the member's newest unrevoked key */
  kid?: string;
  /** The private key (PEM). @defaultValue <dir>/handover/<member>/<kid>.key.pem */
  keyFile?: string;
  password: string;
}

/** Builds a .p12 with the member's private key, its hub certificate and the CA certificate. */
export function exportP12(options: ExportP12Options): { kid: string; p12: Buffer } {
  const paths = trustPaths(options.dir);
  const mine = readMemberCertificates(paths).filter((s) => s.record.memberId === options.memberId);
  const chosen = options.kid
    ? mine.find((s) => s.record.kid === options.kid)
    : mine.sort((a, b) => b.record.issuedAt.localeCompare(a.record.issuedAt))[0];
  if (!chosen) {
    const which = options.kid ? `key ${options.kid}` : 'key';
    throw new TrustError('NOT_FOUND', `no ${which} for member ${options.memberId}`);
  }
  const kid = chosen.record.kid;
  const keyFile = options.keyFile ?? join(paths.handover, memberDirName(options.memberId), `${kid}.key.pem`);
  if (!existsSync(keyFile)) {
    throw new TrustError(
      'NOT_FOUND',
      `no private key at ${keyFile} (the member holds it; pass its PEM with --key)`,
    );
  }
  const certificate = new X509Certificate(chosen.certificatePem);
  const privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new TrustError('NOT_FOUND', `${keyFile} is not the private key of certificate ${kid}`);
  }
  const p12 = writePkcs12({
    privateKey,
    certificate,
    chain: [new X509Certificate(readText(paths.caCert, 'the CA certificate'))],
    password: options.password,
    friendlyName: options.memberId,
  });
  return { kid, p12 };
}
