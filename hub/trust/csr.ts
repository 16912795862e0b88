/**
 * PKCS#10 certificate signing requests for any key the hub accepts: parsed with forge.asn1 (forge's own
 * CSR code is RSA-only), self-signature verified with node:crypto; and made, for members' tooling and tests.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import {
  OID,
  bitString,
  bitStringBytes,
  der,
  distinguishedName,
  embed,
  explicit,
  parseDer,
  seq,
  sequenceElements,
  smallInt,
  type Asn1,
} from './asn1';
import { TrustError } from './errors';
import { keyKind, x509Signer, x509Verify } from './x509-signature';

export interface ParsedCsr {
  /** The key the certificate will be issued for; its holder proved possession by signing the CSR. */
  publicKey: KeyObject;
  /** The CN the requester asked for, if any (informational: the hub sets the subject itself). */
  commonName?: string;
  /** OID of the CSR's signature algorithm. */
  signatureAlgorithm: string;
}

const PEM_CSR =
  /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]+?)-----END (?:NEW )?CERTIFICATE REQUEST-----/;

/** Makes a CSR (PEM) for `privateKey` with subject C=VN, O=lienthong, CN=<commonName>. */
export function createCsr(privateKey: KeyObject, commonName: string): string {
  const publicKey = createPublicKey(privateKey);
  keyKind(publicKey);
  const signer = x509Signer(privateKey);
  const info = seq([
    smallInt(0),
    distinguishedName(commonName),
    embed(publicKey.export({ type: 'spki', format: 'der' })),
    explicit(0, []),
  ]);
  const body = der(seq([info, signer.algorithm, bitString(signer.sign(der(info)))])).toString('base64');
  return `-----BEGIN CERTIFICATE REQUEST-----\n${body.replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE REQUEST-----\n`;
}

function commonNameOf(name: Asn1): string | undefined {
  for (const rdn of name.value as Asn1[]) {
    for (const atv of rdn.value as Asn1[]) {
      const [type, value] = atv.value as Asn1[];
      if (forge.asn1.derToOid(type.value as string) === OID.commonName) {
        return forge.util.decodeUtf8(value.value as string);
      }
    }
  }
  return undefined;
}

/** Parses a CSR (PEM or DER) and verifies its self-signature; throws CSR_INVALID when either fails. */
export function parseCsr(input: string | Buffer): ParsedCsr {
  let bytes: Buffer;
  if (typeof input === 'string' || input.subarray(0, 11).toString('latin1') === '-----BEGIN ') {
    const m = PEM_CSR.exec(input.toString());
    if (!m) throw new TrustError('CSR_INVALID', 'no CERTIFICATE REQUEST PEM block found');
    bytes = Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
  } else {
    bytes = input;
  }
  try {
    const [infoBytes, algBytes, sigBytes] = sequenceElements(bytes);
    if (!infoBytes || !algBytes || !sigBytes) throw new TrustError('CSR_INVALID', 'a CSR has three parts');
    const [, subjectBytes, spkiBytes] = sequenceElements(infoBytes);
    if (!subjectBytes || !spkiBytes) throw new TrustError('CSR_INVALID', 'CSR info is incomplete');
    const publicKey = createPublicKey({ key: spkiBytes, format: 'der', type: 'spki' });
    keyKind(publicKey);
    const algorithm = forge.asn1.derToOid((parseDer(algBytes).value as Asn1[])[0].value as string);
    const signature = bitStringBytes(parseDer(sigBytes));
    if (!x509Verify(algorithm, publicKey, infoBytes, signature)) {
      throw new TrustError('CSR_INVALID', 'the CSR self-signature does not verify');
    }
    return { publicKey, commonName: commonNameOf(parseDer(subjectBytes)), signatureAlgorithm: algorithm };
  } catch (err) {
    if (err instanceof TrustError && err.code !== 'DER_INVALID') throw err;
    throw new TrustError('CSR_INVALID', `not a valid CSR: ${(err as Error).message}`, { cause: err });
  }
}
