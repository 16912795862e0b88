/**
 * I-JSON (RFC 7493) rules that JSON.parse does not enforce, for everything the protocol parses — request
 * bodies and the JWS protected header: an object MUST NOT have two members with the same name (§2.3;
 * names are compared after unescaping, so `"a"` and `"\u0061"` are the same name). JSON.parse keeps the
 * last one silently, so two readers of one text could see different values; the hub refuses instead.
 * Also the nesting depth, measured on the same pass, and the member name `__proto__`, which JSON.parse
 * makes an own property but object spreads, clones and validators treat as the prototype (a body member
 * `"__proto__"` passed a contract's validation unseen): refused, as fastify's secure-json-parse does.
 * Hand-written on purpose: it runs on every request body in one pass over structural characters, no tree
 * built.
 */

/** Why a JSON text is not accepted; undefined when it is. */
export type IJsonProblem =
  | { kind: 'depth'; depth: number }
  | { kind: 'duplicate'; name: string }
  | { kind: 'forbidden'; name: string };

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Scans `text` (which need not be valid JSON: a syntax error is JSON.parse's to report) for nesting deeper
 * than `maxDepth`, duplicate member names and a member named `__proto__`. Never throws.
 */
export function iJsonProblem(text: string, maxDepth: number): IJsonProblem | undefined {
  // One entry per open container: the names seen so far for an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      let escaped = false;
      for (i = start; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i++;
        } else if (d === QUOTE) break;
      }
      const names = open[open.length - 1];
      if (expectName && names) {
        expectName = false;
        const raw = text.slice(start, i);
        let name = raw;
        if (escaped) {
          try {
            name = JSON.parse(`"${raw}"`) as string;
          } catch {
            return undefined; // not JSON: JSON.parse says why
          }
        }
        if (name === '__proto__') return { kind: 'forbidden', name };
        if (names.has(name)) return { kind: 'duplicate', name };
        names.add(name);
      }
    } else if (c === 123 /* { */) {
      open.push(new Set());
      if (open.length > maxDepth) return { kind: 'depth', depth: open.length };
      expectName = true;
    } else if (c === 91 /* [ */) {
      open.push(null);
      if (open.length > maxDepth) return { kind: 'depth', depth: open.length };
      expectName = false;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      open.pop();
      expectName = false;
    } else if (c === 44 /* , */) {
      expectName = open[open.length - 1] != null;
    }
  }
  return undefined;
}
