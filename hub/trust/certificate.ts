/**
 * Building X.509 v3 certificates for any key the hub accepts (P-256, Ed25519, RSA): the TBSCertificate is
 * assembled with forge.asn1 around the SubjectPublicKeyInfo DER from node:crypto, signed with node:crypto
 * by the issuer's key, and checked with node's X509Certificate before it is returned.
 */
import { createHash, createPublicKey, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import {
  OID,
  bitString,
  bitStringBytes,
  bool,
  der,
  distinguishedName,
  embed,
  explicit,
  implicit,
  octets,
  oid,
  parseDer,
  seq,
  smallInt,
  time,
  unsignedInt,
  type Asn1,
} from './asn1';
import { TrustError } from './errors';
import { keyKind, x509Signer } from './x509-signature';

/**
 * `ca`: the hub's CA. `hub`: the hub's response-signing identity. `member`: a member's signing key (also its
 * TLS client certificate). `server`: the hub's TLS server certificate.
 */
export type CertificateProfile = 'ca' | 'hub' | 'member' | 'server';

export interface BuildCertificateOptions {
  profile: CertificateProfile;
  /** Subject CN (the member id for members). */
  commonName: string;
  /** subjectAltName URI: `urn:lienthong:member:<id>` or `urn:lienthong:hub`; none for the CA. */
  uri?: string;
  /** subjectAltName host names and IP addresses (server certificates). */
  hosts?: string[];
  publicKey: KeyObject;
  /** @defaultValue now, less one minute for clock skew */
  notBefore?: Date;
  notAfter: Date;
  /** The issuing CA; omitted for a self-signed CA certificate, which `selfSigningKey` then signs. */
  issuer?: { certificate: X509Certificate; privateKey: KeyObject };
  selfSigningKey?: KeyObject;
}

/** SubjectKeyIdentifier, method 1 of RFC 5280 §4.2.1.2: SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = embed(publicKey.export({ type: 'spki', format: 'der' }));
  const bits = bitStringBytes((spki.value as Asn1[])[1]);
  return createHash('sha1').update(bits).digest();
}

function extension(id: string, critical: boolean, value: Asn1): Asn1 {
  return seq(critical ? [oid(id), bool(true), octets(der(value))] : [oid(id), octets(der(value))]);
}

function extensions(opts: BuildCertificateOptions, issuerKey: KeyObject): Asn1[] {
  const list: Asn1[] = [];
  if (opts.profile === 'ca') {
    list.push(extension(OID.basicConstraints, true, seq([bool(true), smallInt(0)])));
    // keyCertSign (bit 5) and cRLSign (bit 6): 0b00000110, one unused bit.
    list.push(extension(OID.keyUsage, true, bitString(Buffer.from([0x06]), 1)));
  } else {
    list.push(extension(OID.basicConstraints, true, seq([])));
    // digitalSignature (bit 0): 0b10000000, seven unused bits.
    list.push(extension(OID.keyUsage, true, bitString(Buffer.from([0x80]), 7)));
  }
  list.push(extension(OID.subjectKeyIdentifier, false, octets(keyIdentifier(opts.publicKey))));
  if (opts.profile !== 'ca') {
    list.push(extension(OID.authorityKeyIdentifier, false, seq([implicit(0, keyIdentifier(issuerKey))])));
  }
  const names: Asn1[] = [];
  if (opts.uri) names.push(implicit(6, Buffer.from(opts.uri, 'ascii')));
  for (const h of opts.hosts ?? []) {
    const ip = ipBytes(h);
    // iPAddress [7] (4 or 16 octets) or dNSName [2] (IA5String).
    names.push(ip ? implicit(7, ip) : implicit(2, Buffer.from(h, 'ascii')));
  }
  if (names.length) list.push(extension(OID.subjectAltName, false, seq(names)));
  if (opts.profile === 'member') list.push(extension(OID.extKeyUsage, false, seq([oid(OID.clientAuth)])));
  if (opts.profile === 'server') list.push(extension(OID.extKeyUsage, false, seq([oid(OID.serverAuth)])));
  return list;
}

/** The octets of an IPv4 or IPv6 address, or undefined for a host name. */
function ipBytes(host: string): Buffer | undefined {
  if (isIPv4(host)) return Buffer.from(host.split('.').map(Number));
  if (!isIPv6(host)) return undefined;
  const [head, tail] = host.split('::');
  const words = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const h = words(head);
  const t = tail === undefined ? [] : words(tail);
  const all = [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
  const out = Buffer.alloc(16);
  all.forEach((w, i) => out.writeUInt16BE(w, i * 2));
  return out;
}

/** The subject Name of a certificate, as it is encoded there (to be copied as an issuer name). */
function subjectNameOf(certificate: X509Certificate): Asn1 {
  const tbs = (parseDer(certificate.raw).value as Asn1[])[0].value as Asn1[];
  // With the [0] version tag present (v3), subject is the 6th element of TBSCertificate.
  return tbs[5];
}

/** Builds, signs and checks a certificate. */
export function buildCertificate(opts: BuildCertificateOptions): X509Certificate {
  keyKind(opts.publicKey);
  const signingKey = opts.issuer?.privateKey ?? opts.selfSigningKey;
  if (!signingKey)
    throw new TrustError('TRUST_DIR_INVALID', 'a certificate needs an issuer or a self-signing key');
  const issuerPublic = opts.issuer ? opts.issuer.certificate.publicKey : createPublicKey(signingKey);
  const signer = x509Signer(signingKey);
  const notBefore = opts.notBefore ?? new Date(Date.now() - 60_000);
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  serial[0] |= 0x01;

  const subject = distinguishedName(opts.commonName);
  const tbs = seq([
    explicit(0, [smallInt(2)]),
    unsignedInt(serial),
    signer.algorithm,
    opts.issuer ? subjectNameOf(opts.issuer.certificate) : subject,
    seq([time(notBefore), time(opts.notAfter)]),
    subject,
    embed(opts.publicKey.export({ type: 'spki', format: 'der' })),
    explicit(3, [seq(extensions(opts, issuerPublic))]),
  ]);
  const tbsDer = der(tbs);
  const certDer = der(seq([tbs, signer.algorithm, bitString(signer.sign(tbsDer))]));

  const cert = new X509Certificate(certDer);
  const issuedBy = opts.issuer?.certificate ?? cert;
  if (!cert.verify(issuerPublic) || !cert.checkIssued(issuedBy)) {
    throw new TrustError('TRUST_DIR_INVALID', 'the new certificate does not verify against its issuer');
  }
  return cert;
}
