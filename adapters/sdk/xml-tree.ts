/**
 * The one XML parser of the SDK: sax in strict mode builds a small namespace-aware tree (qualified name,
 * local name and namespace URI of every element and attribute), bounded while it parses — elements,
 * attributes, nesting depth, text length — so that a hostile answer costs at most the work the limits
 * allow, not the work its size allows. Namespaces are resolved here (sax's own xmlns mode checks duplicate attributes
 * with a linear search per attribute, quadratic in a wide tag). Characters XML does not allow, unbound
 * prefixes, duplicate attributes and anything after the root are refused, never repaired.
 */
import sax from 'sax';
import { XmlRefused, type XmlLimits } from './xml-limits';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlAttribute {
  /** As written, e.g. `wsu:Id`. */
  name: string;
  local: string;
  /** Namespace URI; '' when the attribute has no prefix (attributes do not take the default namespace). */
  uri: string;
  value: string;
}

export interface XmlElement {
  /** As written, e.g. `soap:Body`. */
  name: string;
  local: string;
  /** Namespace URI; '' for none. */
  uri: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  parent: XmlElement | undefined;
  /** The element's own text (text and CDATA sections, in order, concatenated). */
  text: string;
  /** Whether the text holds a CDATA section (kept even when it is blank, as xml2js did). */
  cdata: boolean;
  /** Comments and processing instructions directly inside the element. */
  comments: number;
}

/** Characters outside the XML 1.0 `Char` production (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A cheap first look: no control character, no surrogate at all, no U+FFFE/F (the common case). */
// eslint-disable-next-line no-control-regex
const MAYBE_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export const hasNonXmlChar = (s: string): boolean => MAYBE_NOT_XML.test(s) && NOT_XML_CHAR.test(s);

/** The first character of the text XML cannot carry, as `U+0000`, if any. */
export function nonXmlChar(s: string): string | undefined {
  const m = MAYBE_NOT_XML.test(s) ? NOT_XML_CHAR.exec(s) : null;
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** Number of quoted values in the start tag at xml[from, to): in strict XML, one per attribute as written. */
function quotedValues(xml: string, from: number, to: number): number {
  let n = 0;
  let quote = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
      n++;
    }
  }
  return n;
}

type Scope = Map<string, string>;
const ROOT_SCOPE: Scope = new Map([
  ['xml', XML_NS],
  ['xmlns', XMLNS_NS],
]);

function refuse(fault: XmlRefused['fault'], message: string): never {
  throw new XmlRefused(fault, message);
}

/** The namespace URI of a qualified name in a scope; attributes without a prefix have none. */
function uriOf(scope: Scope, qname: string, colon: number, isAttribute: boolean): string {
  if (colon === -1) return isAttribute ? '' : (scope.get('') ?? '');
  const uri = scope.get(qname.slice(0, colon));
  if (uri === undefined || colon === qname.length - 1 || qname.indexOf(':', colon + 1) !== -1)
    refuse('unparseable', `XML could not be parsed: unbound or malformed name ${qname}`);
  return uri;
}

/** The scope inside an element: the parent's, with the element's namespace declarations. */
function scopeOf(parent: Scope, raw: Record<string, string>): Scope {
  let scope = parent;
  for (const name in raw) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    const uri = raw[name];
    if (prefix === 'xmlns' || (prefix === 'xml') !== (uri === XML_NS) || uri === XMLNS_NS)
      refuse('unparseable', `XML could not be parsed: reserved namespace binding ${name}`);
    if (prefix && uri === '') refuse('unparseable', `XML could not be parsed: empty binding of ${name}`);
    if (scope === parent) scope = new Map(parent);
    scope.set(prefix, uri);
  }
  return scope;
}

/** The element's attributes with their namespaces; a name repeated under two prefixes of one URI refused. */
function attributesOf(scope: Scope, raw: Record<string, string>, count: number, tag: string): XmlAttribute[] {
  const out: XmlAttribute[] = [];
  for (const name in raw) {
    const colon = name.indexOf(':');
    const xmlns = name === 'xmlns' || (colon === 5 && name.startsWith('xmlns'));
    out.push({
      name,
      local: colon === -1 ? name : name.slice(colon + 1),
      uri: xmlns ? XMLNS_NS : uriOf(scope, name, colon, true),
      value: raw[name],
    });
  }
  if (count > 1) {
    const seen = new Set(out.map((a) => `${a.uri}\u0000${a.local}`));
    if (seen.size !== out.length)
      refuse('unparseable', `XML could not be parsed: an attribute repeated in <${tag}>`);
  }
  return out;
}

/** Parses XML text into a tree; throws XmlRefused on any fault or when a limit is exceeded. */
export function parseXmlTree(xml: string, limits: Required<Omit<XmlLimits, 'maxBytes'>>): XmlElement {
  // Character references to non-characters are refused by sax itself; everything else is in the text.
  if (hasNonXmlChar(xml)) refuse('unparseable', 'XML holds a character XML does not allow');
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const stack: XmlElement[] = [];
  const scopes: Scope[] = [ROOT_SCOPE];
  let root: XmlElement | undefined;
  let elements = 0;
  let attributes = 0;
  let attributesHere = 0;

  parser.onerror = (err) => refuse('unparseable', `XML could not be parsed: ${err.message.split('\n')[0]}`);
  parser.ondoctype = () => refuse('dtd', 'XML with a DOCTYPE or entity declaration is refused');
  parser.onsgmldeclaration = () => refuse('dtd', 'XML with a DOCTYPE or entity declaration is refused');
  parser.onopentagstart = () => {
    if (++elements > limits.maxElements)
      refuse('too-wide', `XML has more than ${limits.maxElements} elements`);
    if (stack.length + 1 > limits.maxDepth) refuse('too-deep', `XML nested deeper than ${limits.maxDepth}`);
    if (root && stack.length === 0) refuse('unparseable', 'XML could not be parsed: a second root element');
    attributesHere = 0;
  };
  parser.onattribute = () => {
    if (++attributes > limits.maxAttributes)
      refuse('too-wide', `XML has more than ${limits.maxAttributes} attributes`);
    attributesHere++;
  };
  parser.onopentag = (tag) => {
    // sax drops a repeated attribute silently: count the values as written.
    if (quotedValues(xml, parser.startTagPosition - 1, parser.position) !== attributesHere)
      refuse('unparseable', `XML could not be parsed: an attribute repeated in <${tag.name}>`);
    const raw = tag.attributes as Record<string, string>;
    const scope = attributesHere ? scopeOf(scopes[scopes.length - 1], raw) : scopes[scopes.length - 1];
    scopes.push(scope);
    const colon = tag.name.indexOf(':');
    const parent = stack[stack.length - 1];
    const el: XmlElement = {
      name: tag.name,
      local: colon === -1 ? tag.name : tag.name.slice(colon + 1),
      uri: uriOf(scope, tag.name, colon, false),
      attributes: attributesHere ? attributesOf(scope, raw, attributesHere, tag.name) : [],
      children: [],
      parent,
      text: '',
      cdata: false,
      comments: 0,
    };
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  };
  parser.onclosetag = () => {
    stack.pop();
    scopes.pop();
  };
  const onText = (text: string, cdata: boolean) => {
    const el = stack[stack.length - 1];
    if (!el) return; // whitespace around the root (sax refuses anything else there)
    if (el.text.length + text.length > limits.maxTextLength)
      refuse('too-wide', `XML has a text longer than ${limits.maxTextLength} characters`);
    el.text += text;
    if (cdata) el.cdata = true;
  };
  parser.ontext = (t) => onText(t, false);
  parser.oncdata = (t) => onText(t, true);
  const onComment = () => {
    const el = stack[stack.length - 1];
    if (el) el.comments++;
  };
  parser.oncomment = onComment;
  parser.onprocessinginstruction = onComment;

  parser.write(xml).close();
  if (!root) refuse('unparseable', 'XML could not be parsed: no root element');
  return root;
}

/** The value of an attribute without namespace, by local name. */
export const attributeOf = (el: XmlElement, local: string): string | undefined =>
  el.attributes.find((a) => a.uri === '' && a.local === local)?.value;

/** Every element of the subtree, the element itself first (document order). */
export function descendants(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
  out.push(el);
  for (const c of el.children) descendants(c, out);
  return out;
}
