/**
 * REST/JSON transport on node:http with a keep-alive agent (./http-call), no redirects, raw bytes in and
 * out (we decode and parse ourselves so that size, encoding and JSON faults are ours to classify). Every
 * failure becomes an UpstreamError. The request is built and checked before the exchange runs under the
 * circuit breaker (CallContext.exchange), so one that cannot be sent is `unbuildable` and never counted.
 *
 * Headers it sends: `X-Request-Id` with the hub message id (the correlation id; another header or none
 * with `correlationHeader`), `Idempotency-Key` with the call's idempotency key on writes, the headers the
 * SDK adds for the call (`ctx.upstreamHeaders`: the adapter's declared idempotency header, which wins
 * over the correlation id when it is the same header), and the upstream's authentication (`auth`). A 401
 * answer with authentication configured drops the refused credentials and tries once more; a second 401
 * is `misconfigured` (the hub's credentials are wrong), never retried.
 */
import type { Agent, OutgoingHttpHeaders } from 'node:http';
import type { UpstreamAuth } from './auth/types';
import { authenticatedExchange } from './auth/authenticated-exchange';
import {
  assertSendable,
  httpCall,
  httpTarget,
  joinPath,
  type HttpAnswer,
  type HttpCallRequest,
  type HttpTarget,
} from './http-call';
import { redactRaw } from './redact';
import { classifyStatus, UpstreamError } from './upstream-error';
import type { CallContext } from './types';
import { decodeUtf8, mapNetworkError } from './transport-errors';

export interface RestTransportOptions {
  /** The upstream's id, used in errors and logs. */
  upstream: string;
  baseUrl: string;
  agent: Agent;
  /** Largest answer accepted. @defaultValue 2_000_000 */
  maxBodyBytes?: number;
  /** Headers sent with every call. */
  headers?: Record<string, string>;
  /** The upstream's authentication (`deps.auth`). */
  auth?: UpstreamAuth;
  /** Header that carries the hub message id, or false for none. @defaultValue 'x-request-id' */
  correlationHeader?: string | false;
}

export interface RestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  /** Path relative to the base URL, already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** A JSON body. */
  body?: unknown;
  /** A form body (`application/x-www-form-urlencoded`), instead of `body`. */
  form?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
}

export interface RestResponse<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

/** What an upstream's error body says, when the adapter knows its dialect. */
export type ErrorBodyReader = (
  data: unknown,
) => { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined;

export class RestTransport {
  private readonly target: HttpTarget;
  private readonly agent: Agent;
  private readonly maxBytes: number;
  private readonly headers: OutgoingHttpHeaders;
  private readonly auth?: UpstreamAuth;
  private readonly correlation: string | false;
  readonly upstream: string;

  constructor(
    opts: RestTransportOptions,
    private readonly readError?: ErrorBodyReader,
  ) {
    this.upstream = opts.upstream;
    this.target = httpTarget(opts.baseUrl);
    this.agent = opts.agent;
    this.maxBytes = opts.maxBodyBytes ?? 2_000_000;
    const headers: OutgoingHttpHeaders = { accept: 'application/json', 'content-type': 'application/json' };
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
    this.headers = headers;
    this.auth = opts.auth;
    this.correlation = opts.correlationHeader === undefined ? 'x-request-id' : opts.correlationHeader;
    if (this.correlation) this.correlation = this.correlation.toLowerCase();
  }

  /** Calls the upstream; resolves with parsed JSON on 2xx, throws UpstreamError otherwise. */
  async request<T = unknown>(ctx: CallContext, req: RestRequest): Promise<RestResponse<T>> {
    const headers: OutgoingHttpHeaders = { ...this.headers };
    if (this.correlation) headers[this.correlation] = ctx.messageId;
    if (req.headers) for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
    if (ctx.idempotencyKey) headers['idempotency-key'] = ctx.idempotencyKey;
    if (ctx.upstreamHeaders)
      for (const [k, v] of Object.entries(ctx.upstreamHeaders)) headers[k.toLowerCase()] = v;
    let body: string | undefined;
    if (req.form !== undefined) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(req.form)) if (v !== undefined) form.append(k, String(v));
      body = form.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (req.body !== undefined) body = this.json(req.body);
    if (body === undefined) delete headers['content-type'];
    const request = (extra: Record<string, string> = {}): HttpCallRequest => ({
      method: req.method,
      path: joinPath(this.target, req.path, req.query),
      headers: { ...headers, ...extra },
      body,
      deadline: ctx.deadline,
      signal: ctx.signal,
      maxBytes: this.maxBytes,
    });
    // Built and checked before the exchange: a request that cannot be sent never reaches the breaker.
    assertSendable(this.upstream, request());
    const send = async (extra: Record<string, string>): Promise<HttpAnswer> => {
      try {
        return await httpCall(this.upstream, this.target, this.agent, request(extra));
      } catch (err) {
        throw mapNetworkError(this.upstream, err, false);
      }
    };
    const exchange = ctx.exchange ?? ((run) => run());
    const auth = this.auth;
    return exchange(async () =>
      this.parse<T>(auth ? await authenticatedExchange(this.upstream, auth, ctx, send) : await send({})),
    );
  }

  /** The JSON body; UpstreamError `unbuildable` when the value has no JSON form (a BigInt, a cycle). */
  private json(value: unknown): string {
    try {
      return JSON.stringify(value);
    } catch (err) {
      throw new UpstreamError({
        upstream: this.upstream,
        code: 'unbuildable',
        reason: 'the request body has no JSON form',
        cause: err,
      });
    }
  }

  private parse<T>(res: HttpAnswer): RestResponse<T> {
    const upstream = this.upstream;
    const text = decodeUtf8(upstream, res.data);
    const ctype = String(res.headers['content-type'] ?? '');
    const failure = classifyStatus(res.status);
    let data: unknown;
    const isJson = /\bjson\b/i.test(ctype) || (!ctype && /^\s*[[{]/.test(text));
    if (isJson && text.length) {
      try {
        data = JSON.parse(text);
      } catch {
        if (!failure) {
          throw new UpstreamError({
            upstream,
            code: 'malformed',
            status: res.status,
            reason: 'answer is not valid JSON',
            raw: redactRaw(text),
          });
        }
      }
    } else if (!failure) {
      throw new UpstreamError({
        upstream,
        code: 'malformed',
        status: res.status,
        reason: `expected JSON, got ${ctype || 'no content type'}`,
        raw: redactRaw(text),
      });
    }
    if (failure) {
      const said = data !== undefined ? this.readError?.(data) : undefined;
      throw new UpstreamError({
        upstream,
        code: failure.code,
        retryable: failure.retryable,
        status: res.status,
        upstreamCode: said?.upstreamCode,
        notFound: said?.notFound ?? res.status === 404,
        reason: said?.reason ?? `HTTP ${res.status}`,
        raw: redactRaw(text),
      });
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
    return { status: res.status, data: data as T, headers };
  }
}
