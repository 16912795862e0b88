/** Unit tests of the SDK's XML parser: namespaces, strictness, limits, and the xml2js-shaped objects. */
import { parseXmlDocument, parseXmlSafely, XmlRefused } from './safe-xml';
import type { XmlLimits } from './xml-limits';

const refusal = (xml: string, limits?: XmlLimits): XmlRefused => {
  try {
    parseXmlDocument(xml, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlRefused);
    return err as XmlRefused;
  }
  throw new Error('expected a refusal');
};

describe('parseXmlDocument: namespaces by URI, never by prefix', () => {
  it('resolves prefixes, the default namespace and rebinding; attributes take no default namespace', () => {
    const root = parseXmlDocument(
      '<a:e xmlns:a="urn:a" xmlns="urn:d"><b x="1" a:y="2"/><a:c xmlns:a="urn:other"/><d xmlns=""/></a:e>',
    );
    expect(root).toMatchObject({ name: 'a:e', local: 'e', uri: 'urn:a' });
    const [b, c, d] = root.children;
    expect(b).toMatchObject({ local: 'b', uri: 'urn:d' });
    expect(b.attributes.filter((x) => x.local !== 'xmlns')).toEqual([
      { name: 'x', local: 'x', uri: '', value: '1' },
      { name: 'a:y', local: 'y', uri: 'urn:a', value: '2' },
    ]);
    expect(c).toMatchObject({ local: 'c', uri: 'urn:other' });
    expect(d).toMatchObject({ local: 'd', uri: '' });
  });

  it('takes prefixes with dots, hyphens and non-ASCII letters like any other', () => {
    const root = parseXmlDocument('<s.x:Body xmlns:s.x="urn:s"><sô:B xmlns:sô="urn:o"/></s.x:Body>');
    expect(root).toMatchObject({ local: 'Body', uri: 'urn:s' });
    expect(root.children[0]).toMatchObject({ local: 'B', uri: 'urn:o' });
  });
});

describe('parseXmlDocument: refuses what a lenient parser would repair', () => {
  it.each([
    ['an unbound prefix', '<p:a/>'],
    ['an unbound attribute prefix', '<a p:x="1"/>'],
    ['a repeated attribute', '<a x="1" x="2"/>'],
    [
      'the same attribute under two prefixes of one namespace',
      '<a xmlns:p="urn:x" xmlns:q="urn:x" p:i="1" q:i="2"/>',
    ],
    ['text after the root', '<a/>junk'],
    ['a second root', '<a/><b/>'],
    ['an unclosed element', '<a><b></a>'],
    ['an unescaped ampersand', '<a>x & y</a>'],
    ['a NUL character', '<a>x\u0000y</a>'],
    ['a lone surrogate', '<a>x\ud800y</a>'],
    ['a character reference to NUL', '<a>&#0;</a>'],
    ['a non-XML character in an attribute', '<a x="\u0001"/>'],
    ['an undeclared entity', '<a>&foo;</a>'],
    ['an attribute named like an Object method', '<a hasOwnProperty="1" x="2"/>'],
    ['a prefix bound to the xmlns namespace', '<a xmlns:p="http://www.w3.org/2000/xmlns/"/>'],
    ['nothing at all', ''],
  ])('%s', (_name, xml) => {
    expect(refusal(xml).fault).toBe('unparseable');
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
    ['an entity declaration', '<!ENTITY x "y"><a/>'],
  ])('%s → dtd', (_name, xml) => {
    expect(refusal(xml).fault).toBe('dtd');
  });
});

describe('parseXmlDocument: bounded while it parses', () => {
  it.each([
    [
      'elements',
      `<a>${'<b/>'.repeat(11)}</a>`,
      { maxElements: 10 },
      { maxElements: 12 },
      /more than 10 elements/,
    ],
    [
      'attributes',
      `<a ${Array.from({ length: 11 }, (_, i) => `x${i}="1"`).join(' ')}/>`,
      { maxAttributes: 10 },
      { maxAttributes: 11 },
      /more than 10 attributes/,
    ],
    [
      'text length',
      `<a>${'x'.repeat(11)}</a>`,
      { maxTextLength: 10 },
      { maxTextLength: 11 },
      /longer than 10 characters/,
    ],
    ['depth', '<a><a><a><a/></a></a></a>', { maxDepth: 3 }, { maxDepth: 4 }, /deeper than 3/],
    ['size', `<a>${'é'.repeat(60)}</a>`, { maxBytes: 100 }, { maxBytes: 127 }, /larger than 100 bytes/],
  ])('%s: refused over the limit, read at it', (_name, xml, over, at, message) => {
    expect(refusal(xml, over).message).toMatch(message);
    expect(() => parseXmlDocument(xml, at)).not.toThrow();
  });

  it('the default limits refuse 230,000 siblings', () => {
    expect(refusal(`<a>${'<b>1</b>'.repeat(230_000)}</a>`).message).toMatch(/more than 10000 elements/);
  });
});

describe('parseXmlSafely: the plain objects the mappings read', () => {
  it('text, empty elements, attributes, repeated children, CDATA; namespace declarations left out', () => {
    expect(
      parseXmlSafely(
        '<r xmlns:p="urn:p"><b>x</b><b>y</b><c/><d x="1">t</d><p:e> <![CDATA[ z ]]> </p:e><f> <g/> </f></r>',
      ),
    ).toEqual({ r: { b: ['x', 'y'], c: '', d: { $: { x: '1' }, _: 't' }, e: 'z', f: { g: '' } } });
  });

  it('an element named __proto__ is an own key, not a prototype', () => {
    const out = parseXmlSafely('<r><__proto__><polluted>1</polluted></__proto__></r>') as {
      r: Record<string, unknown>;
    };
    expect(Object.getPrototypeOf(out.r)).toBe(Object.prototype);
    expect(Object.keys(out.r)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
