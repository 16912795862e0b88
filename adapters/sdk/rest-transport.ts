/**
 * REST/JSON transport on axios with a keep-alive agent: one axios instance per upstream, no redirects,
 * raw bytes in and out (we decode and parse ourselves so that size, encoding and JSON faults are ours
 * to classify). Every failure becomes an UpstreamError.
 */
import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import type { Agent } from 'node:http';
import { deadlineSignal } from './deadline';
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
}

export interface RestRequest {
  method: Method;
  /** Path relative to the base URL, already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
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
  private readonly http: AxiosInstance;
  readonly upstream: string;

  constructor(
    opts: RestTransportOptions,
    private readonly readError?: ErrorBodyReader,
  ) {
    this.upstream = opts.upstream;
    this.http = axios.create({
      baseURL: opts.baseUrl,
      httpAgent: opts.agent,
      maxRedirects: 0,
      responseType: 'arraybuffer',
      maxContentLength: opts.maxBodyBytes ?? 2_000_000,
      validateStatus: () => true,
      transformRequest: [(d: unknown) => d],
      transformResponse: [(d: unknown) => d],
      headers: { accept: 'application/json', 'content-type': 'application/json', ...opts.headers },
    });
  }

  /** Calls the upstream; resolves with parsed JSON on 2xx, throws UpstreamError otherwise. */
  async request<T = unknown>(ctx: CallContext, req: RestRequest): Promise<RestResponse<T>> {
    const dl = deadlineSignal(ctx.deadline, ctx.signal);
    const headers: Record<string, string> = { 'x-request-id': ctx.messageId, ...req.headers };
    if (ctx.idempotencyKey) headers['idempotency-key'] = ctx.idempotencyKey;
    let res: AxiosResponse<Buffer>;
    try {
      res = await this.http.request<Buffer>({
        method: req.method,
        url: req.path,
        params: req.query,
        data: req.body === undefined ? undefined : JSON.stringify(req.body),
        headers,
        signal: dl.signal,
      });
    } catch (err) {
      throw mapNetworkError(this.upstream, err, dl.timedOut() || ctx.signal.aborted);
    } finally {
      dl.done();
    }
    return this.parse<T>(res);
  }

  private parse<T>(res: AxiosResponse<Buffer>): RestResponse<T> {
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
