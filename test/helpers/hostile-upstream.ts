/**
 * A hostile upstream on 127.0.0.1 for the security tests: it stands in for an agency system and answers
 * what the test tells it to — its own bytes, or the real upstream's answer (fetched from the simulator
 * behind it) rewritten on the way, as a compromised registry or a man in the middle would.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string | Buffer;
}

/** How the hostile upstream answers one request; `genuine()` asks the real upstream behind it. */
export type Behaviour = (req: Exchange, genuine: () => Promise<Answer>) => Answer | Promise<Answer>;

export interface HostileUpstream {
  url: string;
  /** What the next requests get (default: the genuine answer, untouched). */
  behave(b: Behaviour): void;
  /** Requests received so far. */
  received(): Exchange[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

async function forward(target: string, req: Exchange): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (!HOP_BY_HOP.has(k) && typeof v === 'string') headers[k] = v;
  const res = await fetch(target + req.path, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(req.body),
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** Starts the hostile upstream; `target` is the real upstream's base URL, when there is one. */
export async function startHostileUpstream(target?: string): Promise<HostileUpstream> {
  let behaviour: Behaviour = (_req, genuine) => genuine();
  const seen: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const exchange: Exchange = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      seen.push(exchange);
      const genuine = () => {
        if (!target) throw new Error('this hostile upstream has no real upstream behind it');
        return forward(target, exchange);
      };
      Promise.resolve()
        .then(() => behaviour(exchange, genuine))
        .then(
          (a) => res.writeHead(a.status, { 'content-type': a.contentType }).end(a.body),
          () => res.destroy(),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    behave(b) {
      behaviour = b;
    },
    received: () => [...seen],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
