/**
 * A hostile upstream on 127.0.0.1 for the security tests: it stands in for an agency system and answers
 * what the test tells it to — its own bytes, or the real upstream's answer (fetched from the simulator
 * behind it) rewritten on the way, as a compromised registry or a man in the middle would. The remote
 * variant runs in a child process, for tests that measure the process under test.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

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

/** A hostile upstream in a process of its own, answering every request with the bytes it was last given. */
export interface RemoteHostileUpstream {
  url: string;
  /** From now on, answer every request with this status, content type and body. */
  answer(a: Answer): Promise<void>;
  close(): Promise<void>;
}

/**
 * Like startHostileUpstream, but the server runs in a child process: what it costs to send an answer is
 * then not counted against the process under test (an upstream is another machine). Preloads
 * ./orphan-guard.js, so it also ends when the test runner is killed.
 */
export async function startRemoteHostileUpstream(): Promise<RemoteHostileUpstream> {
  const script = `
    let answer = { status: 503, contentType: 'text/plain', body: Buffer.from('no answer set') };
    process.on('message', (m) => { answer = { ...m, body: Buffer.from(m.body) }; process.send('ok'); });
    const server = require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body));
    });
    server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
    process.on('disconnect', () => process.exit(0));`;
  const child = spawn(process.execPath, ['--require', join(__dirname, 'orphan-guard.js'), '-e', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the hostile upstream exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    answer: (a) =>
      new Promise<void>((resolve) => {
        child.once('message', () => resolve());
        child.send({ ...a, body: typeof a.body === 'string' ? Buffer.from(a.body) : a.body });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
