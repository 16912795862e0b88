/**
 * XML-DSig (xml-crypto) for SOAP upstreams that require signed messages: enveloped signature over the
 * SOAP Body (referenced by its Id), exclusive C14N, RSA-SHA256 or ECDSA-SHA256. xml-crypto ships no
 * ECDSA, so it is registered here on node:crypto (signature value as raw r||s, RFC 4050 / RFC 6931).
 * This file signs; ./verify-soap-body.ts verifies and hands back the node it verified.
 */
import { createSign, createVerify, type KeyLike } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

export const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

class EcdsaSha256 {
  getSignature(signedInfo: string | Buffer, privateKey: KeyLike): string {
    return createSign('SHA256')
      .update(signedInfo)
      .sign({ key: privateKey as string | Buffer, dsaEncoding: 'ieee-p1363' }, 'base64');
  }
  verifySignature(material: string, key: KeyLike, signatureValue: string): boolean {
    return createVerify('SHA256')
      .update(material)
      .verify({ key: key as string | Buffer, dsaEncoding: 'ieee-p1363' }, signatureValue, 'base64');
  }
  getAlgorithmName(): string {
    return ECDSA_SHA256;
  }
}

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export function newSignedXml(): SignedXml {
  const sig = new SignedXml();
  (sig.SignatureAlgorithms as Record<string, unknown>)[ECDSA_SHA256] = EcdsaSha256;
  return sig;
}

/** Signs the element with `Id="<bodyId>"` (the SOAP Body) and places the signature in the SOAP Header. */
export function signSoapBody(
  xml: string,
  opts: { privateKeyPem: string; algorithm: 'ES256' | 'RS256'; bodyId?: string; certificatePem?: string },
): string {
  const sig = newSignedXml();
  sig.privateKey = opts.privateKeyPem;
  if (opts.certificatePem) sig.publicCert = opts.certificatePem;
  sig.signatureAlgorithm = opts.algorithm === 'ES256' ? ECDSA_SHA256 : RSA_SHA256;
  sig.canonicalizationAlgorithm = EXC_C14N;
  const id = opts.bodyId ?? 'body';
  sig.addReference({
    xpath: `//*[local-name(.)='Body' and @Id='${id}']`,
    digestAlgorithm: SHA256,
    transforms: [ENVELOPED, EXC_C14N],
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: "//*[local-name(.)='Header']", action: 'append' },
  });
  return sig.getSignedXml();
}
