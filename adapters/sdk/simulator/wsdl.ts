/**
 * A SOAP simulator's own description, usable by any SOAP client: `GET <endpoint>?wsdl` answers the pinned
 * WSDL with its `soap:address` set to the simulator's real address, and every XSD it imports (directly or
 * from another XSD) rewritten to `<endpoint>?xsd=<file>`, which answers that file. Only files the WSDL
 * names, in the WSDL's own folder, are served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Express, Request } from 'express';

export interface WsdlSpec {
  /** Absolute path of the pinned WSDL (upstream/*.wsdl). */
  file: string;
  /** The endpoint path the simulator answers SOAP calls on, e.g. `/ws`. */
  path: string;
}

/** The schema files (relative `.xsd` locations) a document refers to, by base name. */
function referenced(text: string): string[] {
  return [...text.matchAll(/\b(?:schemaLocation|location)="([^":]+\.xsd)"/g)].map((m) => basename(m[1]));
}

export function serveWsdl(app: Express, spec: WsdlSpec): void {
  const folder = dirname(spec.file);
  const wsdl = readFileSync(spec.file, 'utf8');
  const allowed = new Map<string, string>();
  const queue = referenced(wsdl);
  while (queue.length) {
    const name = queue.shift()!;
    if (allowed.has(name) || !existsSync(join(folder, name))) continue;
    const text = readFileSync(join(folder, name), 'utf8');
    allowed.set(name, text);
    queue.push(...referenced(text));
  }
  // The simulator's own address (the socket's), never what a Host header claims.
  const base = (req: Request) => `http://127.0.0.1:${req.socket.localPort}${spec.path}`;
  const rewrite = (text: string, req: Request) =>
    text
      .replace(/(<(?:[\w-]+:)?address\b[^>]*\blocation=")[^"]*(")/g, `$1${base(req)}$2`)
      .replace(
        /\b(schemaLocation|location)="([^":]+\.xsd)"/g,
        (_m, attr: string, loc: string) => `${attr}="${base(req)}?xsd=${encodeURIComponent(basename(loc))}"`,
      );

  app.get(spec.path, (req, res, next) => {
    const xsd = typeof req.query.xsd === 'string' ? req.query.xsd : undefined;
    if (xsd !== undefined) {
      const text = allowed.get(xsd);
      if (text === undefined) return void res.status(404).type('text/plain').send('no such schema');
      return void res.type('text/xml; charset=utf-8').send(rewrite(text, req));
    }
    if ('wsdl' in req.query || 'WSDL' in req.query) {
      return void res.type('text/xml; charset=utf-8').send(rewrite(wsdl, req));
    }
    next();
  });
}
