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

export const hasNonXmlChar = (s: string): boolean => NOT_XML_CHAR.test(s);

/** The first character of the text XML cannot carry, as `U+0000`, if any. */
export function nonXmlChar(s: string): string | undefined {
  const m = NOT_XML_CHAR.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** Number of quoted values in a start tag's source: in strict XML, one per attribute as written. */
function quotedValues(tag: string): number {
  let n = 0;
  let quote = 0;
  for (let i = 0; i < tag.length; i++) {
    const c = tag.charCodeAt(i);
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

/** Parses XML text into a tree; throws XmlRefused on any fault or when a limit is exceeded. */
export function parseXmlTree(xml: string, limits: Required<Omit<XmlLimits, 'maxBytes'>>): XmlElement {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const stack: XmlElement[] = [];
  const scopes: Scope[] = [ROOT_SCOPE];
  let root: XmlElement | undefined;
  let elements = 0;
  let attributes = 0;
  let attributesHere = 0;

  const refuse = (fault: XmlRefused['fault'], message: string): never => {
    throw new XmlRefused(fault, message);
  };
  parser.onerror = (err) => refuse('unparseable', `XML could not be parsed: ${err.message.split('\n')[0]}`);
  parser.ondoctype = () => refuse('dtd', 'XML with a DOCTYPE or entity declaration is refused');
  parser.onopentagstart = () => {
    if (++elements > limits.maxElements)
      refuse('too-wide', `XML has more than ${limits.maxElements} elements`);
    if (stack.length + 1 > limits.maxDepth) refuse('too-deep', `XML nested deeper than ${limits.maxDepth}`);
    if (root && stack.length === 0) refuse('unparseable', 'XML could not be parsed: a second root element');
    attributesHere = 0;
  };
  parser.onattribute = (a) => {
    if (++attributes > limits.maxAttributes)
      refuse('too-wide', `XML has more than ${limits.maxAttributes} attributes`);
    attributesHere++;
    if (hasNonXmlChar(a.value)) refuse('unparseable', 'XML holds a character XML does not allow');
  };
  parser.onopentag = (tag) => {
    const source = xml.slice(parser.startTagPosition - 1, parser.position);
    if (quotedValues(source) !== attributesHere)
      refuse('unparseable', `XML could not be parsed: an attribute repeated in <${tag.name}>`);
    const raw = tag.attributes as Record<string, string>;
    let scope = scopes[scopes.length - 1];
    for (const name in raw) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        const prefix = name === 'xmlns' ? '' : name.slice(6);
        const uri = raw[name];
        if (prefix === 'xmlns' || (prefix === 'xml') !== (uri === XML_NS) || uri === XMLNS_NS)
          refuse('unparseable', `XML could not be parsed: reserved namespace binding ${name}`);
        if (prefix && uri === '') refuse('unparseable', `XML could not be parsed: empty binding of ${name}`);
        if (scope === scopes[scopes.length - 1]) scope = new Map(scope);
        scope.set(prefix, uri);
      }
    }
    scopes.push(scope);
    const resolve = (qname: string, isAttribute: boolean): { local: string; uri: string } => {
      const colon = qname.indexOf(':');
      if (colon === -1) return { local: qname, uri: isAttribute ? '' : (scope.get('') ?? '') };
      const prefix = qname.slice(0, colon);
      const local = qname.slice(colon + 1);
      const uri = scope.get(prefix);
      if (uri === undefined || !local || local.includes(':'))
        refuse('unparseable', `XML could not be parsed: unbound or malformed name ${qname}`);
      return { local, uri: uri! };
    };
    const el: XmlElement = {
      name: tag.name,
      ...resolve(tag.name, false),
      attributes: [],
      children: [],
      parent: stack[stack.length - 1],
      text: '',
      cdata: false,
      comments: 0,
    };
    const seen = new Set<string>();
    for (const name in raw) {
      const { local, uri } =
        name === 'xmlns'
          ? { local: 'xmlns', uri: XMLNS_NS }
          : name.startsWith('xmlns:')
            ? { local: name.slice(6), uri: XMLNS_NS }
            : resolve(name, true);
      const key = `${uri}\u0000${local}`;
      if (seen.has(key))
        refuse('unparseable', `XML could not be parsed: an attribute repeated in <${tag.name}>`);
      seen.add(key);
      el.attributes.push({ name, local, uri, value: raw[name] });
    }
    if (el.parent) el.parent.children.push(el);
    else root = el;
    stack.push(el);
  };
  parser.onclosetag = () => {
    stack.pop();
    scopes.pop();
  };
  const onText = (text: string, cdata: boolean) => {
    if (hasNonXmlChar(text)) refuse('unparseable', 'XML holds a character XML does not allow');
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
  parser.onsgmldeclaration = () => refuse('dtd', 'XML with a DOCTYPE or entity declaration is refused');

  parser.write(xml).close();
  if (!root) refuse('unparseable', 'XML could not be parsed: no root element');
  return root!;
}

/** The value of an attribute without namespace, by local name. */
export const attributeOf = (el: XmlElement, local: string): string | undefined =>
  el.attributes.find((a) => a.uri === '' && a.local === local)?.value;

/** Every element of the subtree, the element itself first (document order). */
export function* descendants(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* descendants(c);
}
