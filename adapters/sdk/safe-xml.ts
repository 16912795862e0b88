/**
 * Safe XML parsing: the text is checked (size, no DTD) before the SDK's parser (./xml-tree) sees it, the
 * parser is bounded (depth, elements, attributes) and strict, and the result is either the namespace-aware
 * tree (for SOAP answers, whose envelope and signature are checked by namespace) or the plain object the
 * mappings read (simulators reading requests, tests).
 */
import { precheckXml, xmlLimits, XmlRefused, type XmlLimits } from './xml-limits';
import { documentToObject } from './xml-object';
import { parseXmlTree, type XmlElement } from './xml-tree';

export { XmlRefused, type XmlFault, type XmlLimits } from './xml-limits';

/** Parses XML text into the namespace-aware tree after the safety checks; throws XmlRefused on any fault. */
export function parseXmlDocument(xml: string, limits: XmlLimits = {}): XmlElement {
  const l = xmlLimits(limits);
  precheckXml(xml, l);
  try {
    return parseXmlTree(xml, l);
  } catch (err) {
    if (err instanceof XmlRefused) throw err;
    // sax trips on some inputs with an exception of its own (e.g. an attribute named hasOwnProperty).
    throw new XmlRefused('unparseable', 'XML could not be parsed');
  }
}

/** Parses XML text into a plain object (`{ Envelope: { Body: … } }`); throws XmlRefused on any fault. */
export function parseXmlSafely(xml: string, limits: XmlLimits = {}): Record<string, unknown> {
  return documentToObject(parseXmlDocument(xml, limits));
}
