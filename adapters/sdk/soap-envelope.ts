/**
 * The shape of a SOAP 1.1 envelope, checked by namespace, never by prefix: the root is `Envelope` in the
 * SOAP envelope namespace, its children are at most one `Header` then exactly one `Body`, both in that
 * namespace, nothing else, and no other SOAP `Body` anywhere in the document (a Body hidden in the Header
 * or in a signature's `Object` is the classic signature-wrapping move).
 */
import { descendants, type XmlElement } from './xml-tree';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface SoapParts {
  envelope: XmlElement;
  header?: XmlElement;
  body: XmlElement;
}

const isSoap = (el: XmlElement, local: string): boolean => el.uri === SOAP_ENV_NS && el.local === local;

/** The envelope's Header and Body, or why the document is not a SOAP envelope we accept. */
export function soapParts(root: XmlElement): SoapParts | { refused: string } {
  if (!isSoap(root, 'Envelope')) return { refused: 'not a SOAP envelope' };
  const kids = root.children;
  const header = kids.length === 2 && isSoap(kids[0], 'Header') ? kids[0] : undefined;
  const body = kids[header ? 1 : 0];
  if (!body || !isSoap(body, 'Body') || kids.length !== (header ? 2 : 1))
    return {
      refused: 'not a SOAP envelope: it must hold an optional Header and exactly one Body, nothing else',
    };
  let bodies = 0;
  for (const el of descendants(root)) if (isSoap(el, 'Body')) bodies++;
  if (bodies !== 1) return { refused: 'expected exactly one SOAP Body' };
  return { envelope: root, header, body };
}

/** The SOAP Fault the Body carries, if it is one. */
export const faultOf = (body: XmlElement): XmlElement | undefined =>
  body.children[0] && isSoap(body.children[0], 'Fault') ? body.children[0] : undefined;
