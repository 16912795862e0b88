/**
 * One HTTP exchange on node:http(s) with a keep-alive agent: the request bytes out, the status, headers
 * and raw answer bytes back, bounded by a deadline, the caller's AbortSignal and a size limit. This is all
 * the transports need from an HTTP client, and doing it on node:http directly costs a fraction of axios's
 * per-call work (config merging, interceptors, adapters, header objects), which dominated the adapter
 * and delivery-worker profiles (see bench/adapters.ts and bench/queue.ts). No redirects are followed and
 * no compression is asked for.
 *
 * Failures: the deadline or the caller's abort → UpstreamError `timeout`; an answer over the limit →
 * UpstreamError `malformed`; a request node refuses to send (a header value with a line break, a path
 * with a space) → UpstreamError `unbuildable`, which `assertSendable` finds before the call, so the
 * transports can refuse such a request before it reaches the circuit breaker; anything else (refused,
 * reset, DNS…) is the socket's error as it is, for mapNetworkError to classify.
 */
import http, { type Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { UpstreamError } from './upstream-error';

/** Where an upstream lives, parsed once. */
export interface HttpTarget {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** The base path, without a trailing slash ('' for the root). */
  basePath: string;
}

export interface HttpCallRequest {
  method: string;
  /** Path and query, appended to the target's base path; starts with '/'. */
  path: string;
  headers: OutgoingHttpHeaders;
  body?: string | Buffer;
  /** Epoch ms after which the call is abandoned. */
  deadline: number;
  signal?: AbortSignal;
  maxBytes: number;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  data: Buffer;
}

/** Parses a base URL once (http or https; the path kept as a prefix). */
export function httpTarget(baseUrl: string): HttpTarget {
  const u = new URL(baseUrl);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error(`unsupported protocol ${u.protocol} in ${baseUrl}`);
  }
  return {
    protocol: u.protocol,
    hostname: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80,
    basePath: u.pathname.replace(/\/+$/, ''),
  };
}

/** Joins a relative path (with or without its leading '/') and an optional query to the target's base path. */
export function joinPath(
  target: HttpTarget,
  path: string,
  query?: Record<string, string | number | undefined>,
): string {
  let p = target.basePath + (path.startsWith('/') ? path : `/${path}`);
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) q.append(k, String(v));
    const s = q.toString();
    if (s) p += (p.includes('?') ? '&' : '?') + s;
  }
  return p;
}

/** Node's own rule for a request target: no control characters, spaces or characters above U+00FF. */
const UNSENDABLE_PATH = /[^\u0021-\u00ff]/;

/**
 * Throws UpstreamError `unbuildable` when node would refuse to send this request (checked as node checks
 * it, without sending anything); the reason names the header, never its value.
 */
export function assertSendable(upstream: string, req: Pick<HttpCallRequest, 'path' | 'headers'>): void {
  if (UNSENDABLE_PATH.test(req.path))
    throw unbuildable(upstream, 'the request path holds characters HTTP cannot carry unencoded');
  for (const [name, value] of Object.entries(req.headers)) {
    try {
      http.validateHeaderName(name);
      if (value !== undefined)
        for (const v of Array.isArray(value) ? value : [value]) http.validateHeaderValue(name, String(v));
    } catch (err) {
      throw unbuildable(upstream, `header ${name.slice(0, 40)} cannot be sent`, err);
    }
  }
}

export function httpCall(
  upstream: string,
  target: HttpTarget,
  agent: Agent | undefined,
  req: HttpCallRequest,
): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const signal = req.signal;
    const timeout = () =>
      new UpstreamError({ upstream, code: 'timeout', reason: 'no answer before the deadline' });
    if (signal?.aborted) {
      reject(timeout());
      return;
    }
    let settled = false;
    const finish = (err: unknown, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(answer!);
    };
    const onAbort = () => {
      finish(timeout());
      request?.destroy();
    };
    const timer = setTimeout(onAbort, Math.max(0, req.deadline - Date.now()));

    const headers = req.headers;
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    const isHttps = target.protocol === 'https:';
    const options: http.RequestOptions = {
      method: req.method,
      hostname: target.hostname,
      port: target.port,
      path: req.path,
      headers,
      // An http.Agent cannot carry TLS: an https target without an https agent uses the default one.
      agent: isHttps ? (agent instanceof https.Agent ? agent : undefined) : agent,
    };
    const onResponse = (res: http.IncomingMessage) => {
      const declared = Number(res.headers['content-length']);
      if (declared > req.maxBytes) {
        request.destroy();
        finish(tooLarge(upstream));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) {
          request.destroy();
          finish(tooLarge(upstream));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish(undefined, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size),
        }),
      );
      res.on('error', (err) => finish(err));
      res.on('aborted', () => finish(Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' })));
    };
    let request: http.ClientRequest;
    try {
      // Throws at once on what node refuses to send (what assertSendable did not check, e.g. a bad method).
      request = isHttps ? https.request(options, onResponse) : http.request(options, onResponse);
    } catch (err) {
      finish(unbuildable(upstream, 'the request could not be written', err));
      return;
    }
    request.on('error', (err) => finish(err));
    signal?.addEventListener('abort', onAbort, { once: true });
    request.end(req.body);
  });
}

function tooLarge(upstream: string): UpstreamError {
  return new UpstreamError({ upstream, code: 'malformed', reason: 'answer larger than the size limit' });
}

function unbuildable(upstream: string, reason: string, cause?: unknown): UpstreamError {
  const code = (cause as { code?: string } | undefined)?.code;
  return new UpstreamError({
    upstream,
    code: 'unbuildable',
    reason: code ? `${reason} (${code})` : reason,
    cause,
  });
}
