/**
 * Safe XML parsing for SOAP answers: any DOCTYPE or entity declaration is refused before a parser sees
 * the text (no XXE, no billion laughs), size and nesting depth are bounded, and xml2js (sax, strict)
 * turns the rest into plain objects with namespace prefixes stripped.
 */
import { Parser, processors } from 'xml2js';

export interface XmlLimits {
  /** @defaultValue 2_000_000 */
  maxBytes?: number;
  /** @defaultValue 32 */
  maxDepth?: number;
}

export type XmlFault = 'dtd' | 'too-large' | 'too-deep' | 'unparseable';

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

/** Nesting depth of the elements, counted with one linear scan (comments, CDATA and PIs skipped). */
export function xmlDepth(xml: string, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    const next = xml.charCodeAt(i + 1);
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      i = end === -1 ? -1 : xml.indexOf('<', end + 3);
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      i = end === -1 ? -1 : xml.indexOf('<', end + 3);
      continue;
    }
    const close = xml.indexOf('>', i + 1);
    if (close === -1) break;
    if (next === 63 /* ? */ || next === 33 /* ! */) {
      i = xml.indexOf('<', close + 1);
      continue;
    }
    if (next === 47 /* / */) depth--;
    else if (xml.charCodeAt(close - 1) !== 47 /* self-closing */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    }
    i = xml.indexOf('<', close + 1);
  }
  return max;
}

const parserOptions = {
  explicitArray: false,
  explicitRoot: true,
  tagNameProcessors: [processors.stripPrefix],
  attrNameProcessors: [processors.stripPrefix],
  strict: true,
  async: false,
  trim: true,
  emptyTag: () => '',
  charkey: '_',
  attrkey: '$',
};

/** Parses XML text after the safety checks; throws XmlRefused on any fault. */
export function parseXmlSafely(xml: string, limits: XmlLimits = {}): Record<string, unknown> {
  const maxBytes = limits.maxBytes ?? 2_000_000;
  const maxDepth = limits.maxDepth ?? 32;
  if (Buffer.byteLength(xml, 'utf8') > maxBytes)
    throw new XmlRefused('too-large', `XML larger than ${maxBytes} bytes`);
  if (DTD.test(xml)) throw new XmlRefused('dtd', 'XML with a DOCTYPE or entity declaration is refused');
  if (xmlDepth(xml, maxDepth) > maxDepth)
    throw new XmlRefused('too-deep', `XML nested deeper than ${maxDepth}`);
  let result: Record<string, unknown> | undefined;
  let failure: unknown;
  // With async: false, xml2js parses synchronously and calls back before parseString returns.
  new Parser(parserOptions).parseString(xml, (err: unknown, out: Record<string, unknown>) => {
    failure = err;
    result = out;
  });
  if (failure || !result) {
    const msg = failure instanceof Error ? failure.message.split('\n')[0] : 'no document';
    throw new XmlRefused('unparseable', `XML could not be parsed: ${msg}`);
  }
  return result;
}
