/**
 * XML-DSig (xml-crypto) for SOAP upstreams that require signed messages: enveloped signature over the
 * SOAP Body (referenced by its Id), exclusive C14N, RSA-SHA256 or ECDSA-SHA256. xml-crypto ships no
 * ECDSA, so it is registered here on node:crypto (signature value as raw r||s, RFC 4050 / RFC 6931).
 * Callers must refuse DTDs before verifying (see safe-xml.ts): xmldom would otherwise see them.
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

function newSignedXml(): SignedXml {
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

/**
 * Verifies the enveloped signature and that it covers exactly the SOAP Body (guards against signature
 * wrapping: one Body, one signature, its single reference pointing at that Body's Id).
 */
export function verifySoapBody(
  xml: string,
  publicKeyPem: string,
): { ok: true } | { ok: false; reason: string } {
  const bodies = xml.match(/<([A-Za-z0-9_-]+:)?Body[\s>]/g) ?? [];
  if (bodies.length !== 1) return { ok: false, reason: 'expected exactly one SOAP Body' };
  const bodyId = /<(?:[A-Za-z0-9_-]+:)?Body[^>]*\sId="([^"]+)"/.exec(xml)?.[1];
  if (!bodyId) return { ok: false, reason: 'SOAP Body has no Id' };
  const signatures = xml.match(/<([A-Za-z0-9_-]+:)?Signature[\s>]/g) ?? [];
  if (signatures.length !== 1) return { ok: false, reason: 'expected exactly one signature' };
  const sigXml = /<([A-Za-z0-9_-]+:)?Signature[\s>][\s\S]*?<\/\1?Signature>/.exec(xml)?.[0];
  if (!sigXml) return { ok: false, reason: 'no signature' };
  const sig = newSignedXml();
  sig.publicCert = publicKeyPem;
  try {
    sig.loadSignature(sigXml);
    const refs = sig.getReferences();
    if (refs.length !== 1 || refs[0].uri !== `#${bodyId}`)
      return { ok: false, reason: 'signature does not cover the Body' };
    if (!sig.checkSignature(xml)) return { ok: false, reason: 'signature does not verify' };
  } catch (err) {
    return {
      ok: false,
      reason: err instanceof Error ? err.message.split('\n')[0] : 'signature does not verify',
    };
  }
  return { ok: true };
}
