/**
 * Small DER building and reading helpers over node-forge's asn1 module, for the certificates, CSRs and
 * PKCS#12 files node:crypto cannot build. forge works on "binary strings"; these helpers speak Buffer.
 */
import forge from 'node-forge';
import { TrustError } from './errors';

const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;
const U = asn1.Class.UNIVERSAL;
const CTX = asn1.Class.CONTEXT_SPECIFIC;
const T = asn1.Type;

/** Object identifiers used by the trust module. */
export const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ed25519: '1.3.101.112',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  extensionRequest: '1.2.840.113549.1.9.14',
} as const;

export const bin = (b: Buffer): string => b.toString('binary');
export const buf = (s: string): Buffer => Buffer.from(s, 'binary');

export const seq = (items: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, items);
export const set = (items: Asn1[]): Asn1 => asn1.create(U, T.SET, true, items);
export const oid = (id: string): Asn1 => asn1.create(U, T.OID, false, asn1.oidToDer(id).getBytes());
export const octets = (b: Buffer): Asn1 => asn1.create(U, T.OCTETSTRING, false, bin(b));
export const utf8 = (s: string): Asn1 => asn1.create(U, T.UTF8, false, forge.util.encodeUtf8(s));
export const printable = (s: string): Asn1 => asn1.create(U, T.PRINTABLESTRING, false, s);
export const bool = (v: boolean): Asn1 => asn1.create(U, T.BOOLEAN, false, v ? '\xff' : '\x00');
export const nullValue = (): Asn1 => asn1.create(U, T.NULL, false, '');
/** A context-specific constructed element: `[tag] EXPLICIT` or an implicitly tagged SEQUENCE. */
export const explicit = (tag: number, items: Asn1[]): Asn1 => asn1.create(CTX, tag, true, items);
/** A context-specific primitive element: `[tag] IMPLICIT` OCTET STRING, IA5String … */
export const implicit = (tag: number, content: Buffer): Asn1 => asn1.create(CTX, tag, false, bin(content));

/** BIT STRING with the given number of unused trailing bits. */
export const bitString = (content: Buffer, unusedBits = 0): Asn1 =>
  asn1.create(U, T.BITSTRING, false, String.fromCharCode(unusedBits) + bin(content));

/** A non-negative INTEGER from big-endian bytes (minimal, with a 0 pad when the top bit is set). */
export function unsignedInt(bytes: Buffer): Asn1 {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let b = bytes.subarray(i);
  if (b.length === 0) b = Buffer.from([0]);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return asn1.create(U, T.INTEGER, false, bin(b));
}

export const smallInt = (n: number): Asn1 =>
  asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5), to the second. */
export function time(date: Date): Asn1 {
  const d = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return d.getUTCFullYear() < 2050
    ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(d))
    : asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d));
}

/** Reads a UTCTime or GeneralizedTime node. */
export function readTime(node: Asn1): Date {
  const v = node.value as string;
  return node.type === T.UTCTIME ? asn1.utcTimeToDate(v) : asn1.generalizedTimeToDate(v);
}

export const der = (node: Asn1): Buffer => buf(asn1.toDer(node).getBytes());

/** Parses DER strictly; BIT STRING contents are kept as bytes, so re-encoding gives the same bytes. */
export function parseDer(bytes: Buffer): Asn1 {
  const fromDer = asn1.fromDer as unknown as (
    b: string,
    options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
  ) => Asn1;
  return fromDer(bin(bytes), { strict: true, parseAllBytes: true, decodeBitStrings: false });
}

/** A parsed DER node whose re-encoding must give back exactly `bytes` (e.g. a SubjectPublicKeyInfo). */
export function embed(bytes: Buffer): Asn1 {
  const node = parseDer(bytes);
  if (!der(node).equals(bytes))
    throw new TrustError('DER_INVALID', 'DER input does not re-encode to the same bytes');
  return node;
}

/** The exact bytes of each element of a top-level DER SEQUENCE (to verify a signature over its first element). */
export function sequenceElements(bytes: Buffer): Buffer[] {
  const readLength = (at: number): [length: number, headerEnd: number] => {
    const first = bytes[at];
    if (first === undefined) throw new TrustError('DER_INVALID', 'truncated DER');
    if (first < 0x80) return [first, at + 1];
    const n = first & 0x7f;
    if (n === 0 || n > 4) throw new TrustError('DER_INVALID', 'unsupported DER length');
    let len = 0;
    for (let i = 1; i <= n; i++) len = len * 256 + (bytes[at + i] ?? 0);
    return [len, at + 1 + n];
  };
  if (bytes[0] !== 0x30) throw new TrustError('DER_INVALID', 'not a DER SEQUENCE');
  const [outerLen, start] = readLength(1);
  const end = start + outerLen;
  if (end !== bytes.length) throw new TrustError('DER_INVALID', 'trailing bytes after DER SEQUENCE');
  const out: Buffer[] = [];
  let at = start;
  while (at < end) {
    const [len, contentStart] = readLength(at + 1);
    out.push(bytes.subarray(at, contentStart + len));
    at = contentStart + len;
  }
  if (at !== end) throw new TrustError('DER_INVALID', 'DER element overruns its SEQUENCE');
  return out;
}

/** The bytes of a BIT STRING node (without the unused-bits octet). */
export function bitStringBytes(node: Asn1): Buffer {
  return buf((node.value as string).slice(1));
}

/** Distinguished name C=VN, O=<organization>, CN=<commonName>, always encoded the same way. */
export function distinguishedName(commonName: string, organization = 'lienthong'): Asn1 {
  const rdn = (id: string, value: Asn1) => set([seq([oid(id), value])]);
  return seq([
    rdn(OID.countryName, printable('VN')),
    rdn(OID.organizationName, utf8(organization)),
    rdn(OID.commonName, utf8(commonName)),
  ]);
}
