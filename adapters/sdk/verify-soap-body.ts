/**
 * Verification of a signed SOAP answer that hands back what it verified (CONVENTIONS §11, after
 * xml-crypto's getSignedReferences(): "treat everything else as unsigned"). The envelope is checked by
 * namespace (./soap-envelope.ts); exactly one XML-DSig Signature, in the SOAP Header, with one Reference
 * whose URI is the Id of the one SOAP Body, an Id no other element carries; no comment or processing
 * instruction inside the Body (canonicalisation drops them, so they could change what a reader sees
 * without changing the digest). xml-crypto then checks the digest and the signature value with the
 * configured key only (never a certificate the message brings in KeyInfo), and the node returned is the
 * Body parsed from exactly the canonical bytes whose digest was signed. A caller maps that node, never
 * an element looked up again in the original text.
 */
import { parseXmlDocument } from './safe-xml';
import { SOAP_ENV_NS, soapParts } from './soap-envelope';
import { DSIG_NS, newSignedXml } from './xml-dsig';
import { attributeOf, descendants, type XmlElement } from './xml-tree';

export type BodyVerification = { ok: true; body: XmlElement } | { ok: false; reason: string };

const ID_ATTRIBUTES = new Set(['Id', 'ID', 'id']);

const firstLine = (err: unknown, fallback: string): string =>
  err instanceof Error ? err.message.split('\n')[0] : fallback;

/** What must hold of the document before any cryptography: one Body, one Signature in the Header. */
function shapeOf(root: XmlElement): { body: XmlElement; bodyId: string } | { reason: string } {
  const parts = soapParts(root);
  if ('refused' in parts) return { reason: parts.refused };
  const { header, body } = parts;
  let signature: XmlElement | undefined;
  let signatures = 0;
  const bodyId = attributeOf(body, 'Id');
  let carriers = 0;
  for (const el of descendants(root)) {
    if (el.uri === DSIG_NS && el.local === 'Signature') {
      signatures++;
      signature = el;
    }
    if (bodyId !== undefined)
      for (const a of el.attributes) if (ID_ATTRIBUTES.has(a.local) && a.value === bodyId) carriers++;
  }
  if (signatures !== 1) return { reason: 'expected exactly one signature' };
  if (!header || signature!.parent !== header) return { reason: 'the signature is not in the SOAP Header' };
  if (!bodyId) return { reason: 'SOAP Body has no Id' };
  if (carriers !== 1) return { reason: `Id "${bodyId.slice(0, 40)}" is not unique in the document` };
  for (const el of descendants(body))
    if (el.comments) return { reason: 'a comment or processing instruction inside the signed Body' };
  return { body, bodyId };
}

/**
 * xml-crypto's DOM, typed here: @xmldom/xmldom's own typings pull the DOM library into the whole program
 * (and with it browser types for fetch and Buffer). Only what this file uses is declared.
 */
interface XmlDom {
  DOMParser: new (options: {
    errorHandler: Record<'warning' | 'error' | 'fatalError', (message: string) => void>;
  }) => { parseFromString(xml: string, mimeType: string): object };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DOMParser } = require('@xmldom/xmldom') as XmlDom;

const strictDom = () =>
  new DOMParser({
    errorHandler: {
      warning: (m: string) => {
        throw new Error(m);
      },
      error: (m: string) => {
        throw new Error(m);
      },
      fatalError: (m: string) => {
        throw new Error(m);
      },
    },
  });

/**
 * Verifies the signature over the SOAP Body by `publicKeyPem` (SPKI PEM) and returns the Body as
 * verified. `root` is the document already parsed from `xml` by ./safe-xml.ts, when the caller has it.
 */
export function verifySoapBody(xml: string, publicKeyPem: string, root?: XmlElement): BodyVerification {
  try {
    const shape = shapeOf(root ?? parseXmlDocument(xml));
    if ('reason' in shape) return { ok: false, reason: shape.reason };
    const doc = strictDom().parseFromString(xml, 'text/xml');
    const sig = newSignedXml();
    sig.publicCert = publicKeyPem;
    // Only the configured key verifies; a certificate inside the message is never trusted.
    sig.getCertFromKeyInfo = () => null;
    const nodes = sig.findSignatures(doc as Parameters<typeof sig.findSignatures>[0]);
    if (nodes.length !== 1) return { ok: false, reason: 'expected exactly one signature' };
    sig.loadSignature(nodes[0]);
    const refs = sig.getReferences();
    if (refs.length !== 1 || refs[0].uri !== `#${shape.bodyId}`)
      return { ok: false, reason: 'signature does not cover the Body' };
    if (!sig.checkSignature(xml)) return { ok: false, reason: 'signature does not verify' };
    const signed = sig.getSignedReferences();
    if (signed.length !== 1) return { ok: false, reason: 'signature does not cover the Body' };
    const body = parseXmlDocument(signed[0]);
    if (body.uri !== SOAP_ENV_NS || body.local !== 'Body' || attributeOf(body, 'Id') !== shape.bodyId)
      return { ok: false, reason: 'the signed element is not the SOAP Body' };
    return { ok: true, body };
  } catch (err) {
    return { ok: false, reason: firstLine(err, 'signature does not verify') };
  }
}
