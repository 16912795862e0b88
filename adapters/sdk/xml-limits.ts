/**
 * What the SDK's XML parser may be made to do, and the refusal when a document asks for more: size,
 * nesting depth, number of elements and of attributes, length of one text (CONVENTIONS §11: bound
 * everything an outsider can make us do). A DOCTYPE or entity declaration is refused before any parser sees the text (no XXE, no
 * billion laughs).
 */

export interface XmlLimits {
  /** Largest document, in UTF-8 bytes. @defaultValue 2_000_000 */
  maxBytes?: number;
  /** Deepest element nesting. @defaultValue 32 */
  maxDepth?: number;
  /** Most elements in one document. @defaultValue 10_000 */
  maxElements?: number;
  /** Most attributes in one document (namespace declarations included). @defaultValue 10_000 */
  maxAttributes?: number;
  /** Longest text of one element, in UTF-16 units. @defaultValue 100_000 */
  maxTextLength?: number;
}

export const XML_DEFAULTS: Required<XmlLimits> = {
  maxBytes: 2_000_000,
  maxDepth: 32,
  maxElements: 10_000,
  maxAttributes: 10_000,
  maxTextLength: 100_000,
};

/** The limits with every default filled in (undefined fields take the default). */
export function xmlLimits(limits: XmlLimits = {}): Required<XmlLimits> {
  return {
    maxBytes: limits.maxBytes ?? XML_DEFAULTS.maxBytes,
    maxDepth: limits.maxDepth ?? XML_DEFAULTS.maxDepth,
    maxElements: limits.maxElements ?? XML_DEFAULTS.maxElements,
    maxAttributes: limits.maxAttributes ?? XML_DEFAULTS.maxAttributes,
    maxTextLength: limits.maxTextLength ?? XML_DEFAULTS.maxTextLength,
  };
}

export type XmlFault = 'dtd' | 'too-large' | 'too-deep' | 'too-wide' | 'unparseable';

export class XmlRefused extends Error {
  constructor(
    readonly fault: XmlFault,
    message: string,
  ) {
    super(message);
    this.name = 'XmlRefused';
  }
}

const DTD = /<!DOCTYPE|<!ENTITY|<!ELEMENT|<!ATTLIST/i;

/** The checks made on the text before parsing: its size and no DTD. */
export function precheckXml(xml: string, limits: Required<XmlLimits>): void {
  // A UTF-16 unit is at most three UTF-8 bytes: only a long text needs its bytes counted.
  if (xml.length > limits.maxBytes / 3 && Buffer.byteLength(xml, 'utf8') > limits.maxBytes)
    throw new XmlRefused('too-large', `XML larger than ${limits.maxBytes} bytes`);
  if (DTD.test(xml)) throw new XmlRefused('dtd', 'XML with a DOCTYPE or entity declaration is refused');
}
