/**
 * PKCS#12 (.p12/.pfx, RFC 7292) for any key type the hub accepts, on node-forge's primitives (ASN.1,
 * PKCS#12 KDF, PBE ciphers) plus node:crypto. forge's own pkcs12FromAsn1/toPkcs12Asn1 only understand RSA
 * keys and certificates, cannot carry our ECDSA-signed CA certificate, and re-encode certificates; so the
 * structure is walked here and certificates keep their exact bytes.
 *
 * Reads: password-integrity PFX (HMAC-SHA1/256/384/512), certificates and keys in plain or encrypted
 * SafeContents, PBES2 (PBKDF2 + AES or 3DES, on node:crypto) and PKCS#12 PBE (SHA1 + 3DES or RC2-40, forge).
 * Writes: HMAC-SHA256 MAC, key as PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC, certificates in plain SafeContents.
 */
import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  pbkdf2Sync,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';
import {
  bin,
  buf,
  der,
  embed,
  explicit,
  nullValue,
  octets,
  oid,
  seq,
  set,
  smallInt,
  unsignedInt,
} from './asn1';
import type { Asn1 } from './asn1';
import { TrustError } from './errors';

const { asn1 } = forge;
const P7_DATA = '1.2.840.113549.1.7.1';
const P7_ENCRYPTED = '1.2.840.113549.1.7.6';
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const X509_CERT = '1.2.840.113549.1.9.22.1';
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const PBES2 = '1.2.840.113549.1.5.13';
const SHA256 = '2.16.840.1.101.3.4.2.1';
const MAC_DIGESTS: Record<string, { md: () => forge.md.MessageDigest; name: string; bytes: number }> = {
  '1.3.14.3.2.26': { md: () => forge.md.sha1.create(), name: 'sha1', bytes: 20 },
  [SHA256]: { md: () => forge.md.sha256.create(), name: 'sha256', bytes: 32 },
  '2.16.840.1.101.3.4.2.2': { md: () => forge.md.sha384.create(), name: 'sha384', bytes: 48 },
  '2.16.840.1.101.3.4.2.3': { md: () => forge.md.sha512.create(), name: 'sha512', bytes: 64 },
};

export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** The certificate of `privateKey`. */
  certificate: X509Certificate;
  /** The other certificates in the file (issuers), in file order. */
  chain: X509Certificate[];
  friendlyName?: string;
}

type PbeCipher = {
  update(b: forge.util.ByteStringBuffer): void;
  finish(): boolean;
  output: forge.util.ByteStringBuffer;
};
const getCipher = (forge.pki as unknown as { pbe: { getCipher(o: string, p: Asn1, pw: string): PbeCipher } })
  .pbe.getCipher;

const oidOf = (node: Asn1): string => asn1.derToOid(node.value as string);
const kids = (node: Asn1): Asn1[] => node.value as Asn1[];
const parse = (bytes: string): Asn1 =>
  (asn1.fromDer as unknown as (b: string, o: object) => Asn1)(bytes, {
    strict: false,
    decodeBitStrings: false,
  });

/** Contents of an OCTET STRING, joining the chunks of a constructed (BER) one. */
function octetBytes(node: Asn1): string {
  return node.constructed ? kids(node).map(octetBytes).join('') : (node.value as string);
}

const PBES2_CIPHERS: Record<string, string> = {
  '2.16.840.1.101.3.4.1.2': 'aes-128-cbc',
  '2.16.840.1.101.3.4.1.22': 'aes-192-cbc',
  '2.16.840.1.101.3.4.1.42': 'aes-256-cbc',
  '1.2.840.113549.3.7': 'des-ede3-cbc',
};
const PBKDF2_PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const intOf = (node: Asn1): number => parseInt(forge.util.bytesToHex(node.value as string), 16);

/** PBES2 (RFC 8018) on node:crypto: PBKDF2 + a CBC cipher; the password as UTF-8 bytes, as OpenSSL does. */
function pbes2Decrypt(params: Asn1, encrypted: string, password: string): string {
  const [kdf, scheme] = kids(params);
  const [salt, iterations, ...rest] = kids(kids(kdf)[1]);
  const prfNode = rest.find((n) => n.type === asn1.Type.SEQUENCE);
  const digest = prfNode ? PBKDF2_PRFS[oidOf(kids(prfNode)[0])] : 'sha1';
  const [cipherOid, iv] = kids(scheme);
  const cipher = PBES2_CIPHERS[oidOf(cipherOid)];
  if (!digest || !cipher) throw new TrustError('P12_INVALID', 'unsupported PBES2 algorithm');
  const keyLength = cipher === 'des-ede3-cbc' ? 24 : Number(cipher.slice(4, 7)) / 8;
  const key = pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    buf(salt.value as string),
    intOf(iterations),
    keyLength,
    digest,
  );
  try {
    const decipher = createDecipheriv(cipher, key, buf(iv.value as string));
    return bin(Buffer.concat([decipher.update(buf(encrypted)), decipher.final()]));
  } catch (err) {
    throw new TrustError('P12_INVALID', 'PKCS#12 decryption failed (wrong password?)', { cause: err });
  }
}

/** PBES2 natively; the PKCS#12 PBE schemes (3DES, RC2-40) with forge, which takes the password as a JS string. */
function decrypt(algorithm: Asn1, encrypted: string, password: string): string {
  const [algOid, params] = kids(algorithm);
  const id = oidOf(algOid);
  if (id === PBES2) return pbes2Decrypt(params, encrypted, password);
  const cipher = getCipher(id, params, password);
  cipher.update(forge.util.createBuffer(encrypted));
  if (!cipher.finish()) throw new TrustError('P12_INVALID', 'PKCS#12 decryption failed (wrong password?)');
  return cipher.output.getBytes();
}

function verifyMac(macData: Asn1, content: string, password: string): void {
  const [digestInfo, salt, iterations] = kids(macData);
  const [digestAlg, digest] = kids(digestInfo);
  const how = MAC_DIGESTS[oidOf(kids(digestAlg)[0])];
  if (!how) throw new TrustError('P12_INVALID', 'unsupported PKCS#12 MAC digest');
  const iter = iterations ? intOf(iterations) : 1;
  const key = forge.pkcs12.generateKey(
    password,
    forge.util.createBuffer(salt.value as string),
    3,
    iter,
    how.bytes,
    how.md(),
  );
  const mac = createHmac(how.name, buf(key.getBytes())).update(buf(content)).digest();
  if (!mac.equals(buf(digest.value as string)))
    throw new TrustError('P12_INVALID', 'PKCS#12 MAC mismatch (wrong password?)');
}

interface Bag {
  type: string;
  value: Asn1;
  localKeyId?: string;
  friendlyName?: string;
}

function bagsOf(safeContents: string): Bag[] {
  return kids(parse(safeContents)).map((bag) => {
    const [type, value, attrs] = kids(bag);
    const out: Bag = { type: oidOf(type), value: kids(value)[0] };
    for (const attr of attrs ? kids(attrs) : []) {
      const [attrOid, values] = kids(attr);
      const first = kids(values)[0];
      if (oidOf(attrOid) === LOCAL_KEY_ID) out.localKeyId = first.value as string;
      if (oidOf(attrOid) === FRIENDLY_NAME) out.friendlyName = first.value as string;
    }
    return out;
  });
}

/** Reads a .p12 file: its private key, that key's certificate and any other certificates. */
export function readPkcs12(bytes: Buffer, password: string): Pkcs12Contents {
  let bags: Bag[];
  try {
    const [, authSafe, macData] = kids(parse(bin(bytes)));
    if (oidOf(kids(authSafe)[0]) !== P7_DATA)
      throw new TrustError('P12_INVALID', 'only password-integrity PFX');
    const content = octetBytes(kids(kids(authSafe)[1])[0]);
    if (!macData) throw new TrustError('P12_INVALID', 'the PKCS#12 file has no MAC');
    verifyMac(macData, content, password);
    bags = [];
    for (const info of kids(parse(content))) {
      const [type, wrapped] = kids(info);
      const inner = kids(wrapped)[0];
      if (oidOf(type) === P7_DATA) bags.push(...bagsOf(octetBytes(inner)));
      else if (oidOf(type) === P7_ENCRYPTED) {
        const [, algorithm, encrypted] = kids(kids(inner)[1]);
        bags.push(...bagsOf(decrypt(algorithm, octetBytes(encrypted), password)));
      }
    }
  } catch (err) {
    if (err instanceof TrustError) throw err;
    throw new TrustError('P12_INVALID', `not a readable PKCS#12 file: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return pickKeyAndCertificates(bags, password);
}

function pickKeyAndCertificates(bags: Bag[], password: string): Pkcs12Contents {
  const keyBag = bags.find((b) => b.type === SHROUDED_KEY_BAG || b.type === KEY_BAG);
  if (!keyBag) throw new TrustError('P12_INVALID', 'the PKCS#12 file holds no private key');
  let pkcs8: string;
  if (keyBag.type === SHROUDED_KEY_BAG) {
    const [algorithm, encrypted] = kids(keyBag.value);
    pkcs8 = decrypt(algorithm, encrypted.value as string, password);
  } else {
    pkcs8 = asn1.toDer(keyBag.value).getBytes();
  }
  const privateKey = createPrivateKey({ key: buf(pkcs8), format: 'der', type: 'pkcs8' });
  const publicDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const certs = bags
    .filter((b) => b.type === CERT_BAG && oidOf(kids(b.value)[0]) === X509_CERT)
    .map((b) => new X509Certificate(buf(octetBytes(kids(kids(b.value)[1])[0]))));
  const certificate = certs.find((c) =>
    c.publicKey.export({ type: 'spki', format: 'der' }).equals(publicDer),
  );
  if (!certificate)
    throw new TrustError('P12_INVALID', 'no certificate in the PKCS#12 file matches its private key');
  const friendlyName = keyBag.friendlyName ?? bags.find((b) => b.friendlyName)?.friendlyName;
  return { privateKey, certificate, chain: certs.filter((c) => c !== certificate), friendlyName };
}

export interface WritePkcs12Options {
  privateKey: KeyObject;
  certificate: X509Certificate;
  /** Issuer certificates to include (e.g. the hub CA). @defaultValue [] */
  chain?: readonly X509Certificate[];
  password: string;
  friendlyName?: string;
  /** PBKDF2 and MAC iterations. @defaultValue 2048 (OpenSSL's default) */
  iterations?: number;
}

const dataInfo = (content: Buffer): Asn1 => seq([oid(P7_DATA), explicit(0, [octets(content)])]);

/** Writes a .p12 file that OpenSSL, Java's keytool, Windows and readPkcs12 read. */
export function writePkcs12(options: WritePkcs12Options): Buffer {
  const { privateKey, certificate, password } = options;
  const iterations = options.iterations ?? 2048;
  const localKeyId = createHash('sha1').update(certificate.raw).digest();
  const attrs = (withName: boolean): Asn1 =>
    set([
      seq([oid(LOCAL_KEY_ID), set([octets(localKeyId)])]),
      ...(withName && options.friendlyName
        ? [
            seq([
              oid(FRIENDLY_NAME),
              set([asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BMPSTRING, false, options.friendlyName)]),
            ]),
          ]
        : []),
    ]);
  const certBag = (cert: X509Certificate, leaf: boolean): Asn1 => {
    const body = seq([oid(X509_CERT), explicit(0, [octets(cert.raw)])]);
    return seq(
      leaf ? [oid(CERT_BAG), explicit(0, [body]), attrs(true)] : [oid(CERT_BAG), explicit(0, [body])],
    );
  };
  const shrouded = privateKey.export({
    type: 'pkcs8',
    format: 'der',
    cipher: 'aes-256-cbc',
    passphrase: password,
  });
  const keyBag = seq([oid(SHROUDED_KEY_BAG), explicit(0, [embed(shrouded)]), attrs(true)]);
  const certContents = der(
    seq([certBag(certificate, true), ...(options.chain ?? []).map((c) => certBag(c, false))]),
  );
  const authSafe = der(seq([dataInfo(certContents), dataInfo(der(seq([keyBag])))]));

  const salt = randomBytes(16);
  const macKey = forge.pkcs12.generateKey(
    password,
    forge.util.createBuffer(bin(salt)),
    3,
    iterations,
    32,
    forge.md.sha256.create(),
  );
  const mac = createHmac('sha256', buf(macKey.getBytes())).update(authSafe).digest();
  const macData = seq([
    seq([seq([oid(SHA256), nullValue()]), octets(mac)]),
    octets(salt),
    unsignedInt(Buffer.from(iterations.toString(16).padStart(8, '0'), 'hex')),
  ]);
  return der(seq([smallInt(3), dataInfo(authSafe), macData]));
}
