/**
 * A parsed element as the plain object the adapters' mappings read — the shape xml2js gave them
 * (explicitArray off, prefixes stripped): an element with only text is its trimmed text, an empty one is
 * '', attributes sit under `$`, text beside children or attributes under `_`, and repeated children
 * become an array. Namespace declarations are not data and are left out (where they sit depends on who
 * wrote the XML: canonicalisation moves them). Keys are defined, never assigned, so an element named
 * `__proto__` is just a key.
 */
import { XMLNS_NS, type XmlElement } from './xml-tree';

type Obj = Record<string, unknown>;

function put(obj: Obj, key: string, value: unknown): void {
  if (!Object.hasOwn(obj, key)) {
    // Assignment is a plain own property for every name but __proto__, whose setter it would call.
    if (key === '__proto__')
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
    else obj[key] = value;
    return;
  }
  const old = obj[key];
  if (Array.isArray(old)) old.push(value);
  else obj[key] = [old, value];
}

const BLANK = /^\s*$/;

/** The element's content (its name is the caller's key). */
export function elementToObject(el: XmlElement): unknown {
  const obj: Obj = {};
  const attrs: Obj = {};
  let any = false;
  for (const a of el.attributes)
    if (a.uri !== XMLNS_NS) {
      put(attrs, a.local, a.value);
      any = true;
    }
  if (any) obj.$ = attrs;
  for (const child of el.children) put(obj, child.local, elementToObject(child));
  if (el.cdata || !BLANK.test(el.text)) {
    const text = el.text.trim();
    if (Object.keys(obj).length === 0) return text;
    obj._ = text;
  }
  return Object.keys(obj).length === 0 ? '' : obj;
}

/** A whole document: `{ [root's local name]: content }`. */
export const documentToObject = (root: XmlElement): Obj => {
  const out: Obj = {};
  put(out, root.local, elementToObject(root));
  return out;
};
