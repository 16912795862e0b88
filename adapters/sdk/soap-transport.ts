/**
 * SOAP 1.1 transport: envelopes built with xml2js, posted on node:http with a keep-alive agent, answers
 * parsed safely (safe-xml.ts), SOAP faults turned into UpstreamErrors, and XML-DSig signing of requests
 * and verification of answers where the upstream requires it.
 */
import type { Agent } from 'node:http';
import { Builder } from 'xml2js';
import type { UpstreamAuth } from './auth/types';
import { authenticatedExchange } from './auth/authenticated-exchange';
import { httpCall, httpTarget, type HttpAnswer, type HttpTarget } from './http-call';
import { redactText } from './redact';
import { parseXmlSafely, XmlRefused, type XmlLimits } from './safe-xml';
import { decodeUtf8, mapNetworkError } from './transport-errors';
import type { CallContext } from './types';
import { classifyStatus, UpstreamError } from './upstream-error';
import { signSoapBody, verifySoapBody } from './xml-dsig';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface SoapTransportOptions extends XmlLimits {
  upstream: string;
  /** The service endpoint URL. */
  endpoint: string;
  agent: Agent;
  /** The target namespace of the upstream's operations. */
  namespace: string;
  /** Sign each request body (XML-DSig) with this key. */
  signWith?: { privateKeyPem: string; algorithm: 'ES256' | 'RS256'; certificatePem?: string };
  /** Require a valid signature over each answer body, by this public key. */
  verifyWith?: { publicKeyPem: string };
  /** The upstream's authentication (`deps.auth`): HTTP headers, or WS-Security in the soap:Header. */
  auth?: UpstreamAuth;
}

export interface SoapCall {
  /** Name of the request element, e.g. `TraCuuThuaDat`. */
  operation: string;
  /** Children of the request element. */
  body: Record<string, unknown>;
  soapAction?: string;
}

export interface SoapAnswer {
  /** The response element's name (prefix stripped) and content. */
  operation: string;
  body: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof asObj(v)?._ === 'string' ? (asObj(v)?._ as string) : undefined;

export class SoapTransport {
  private readonly target: HttpTarget;
  /** The endpoint's path and query. */
  private readonly path: string;
  private readonly builder = new Builder({
    renderOpts: { pretty: false },
    xmldec: { version: '1.0', encoding: 'UTF-8' },
  });
  readonly upstream: string;

  constructor(private readonly opts: SoapTransportOptions) {
    this.upstream = opts.upstream;
    this.target = httpTarget(opts.endpoint);
    const u = new URL(opts.endpoint);
    this.path = (u.pathname || '/') + u.search;
  }

  /** Builds the request envelope (exposed for tests and fixtures). */
  envelope(call: SoapCall, messageId: string): string {
    const xml = this.builder.buildObject({
      'soap:Envelope': {
        $: { 'xmlns:soap': SOAP_ENV_NS, 'xmlns:ns': this.opts.namespace },
        'soap:Header': { 'ns:MessageId': messageId, ...this.opts.auth?.soapHeader?.() },
        'soap:Body': { $: { Id: 'body' }, [`ns:${call.operation}`]: call.body },
      },
    });
    return this.opts.signWith ? signSoapBody(xml, this.opts.signWith) : xml;
  }

  async call(ctx: CallContext, call: SoapCall): Promise<SoapAnswer> {
    const headers: Record<string, string> = {
      'content-type': 'text/xml; charset=utf-8',
      accept: 'text/xml',
      soapaction: `"${call.soapAction ?? `${this.opts.namespace}/${call.operation}`}"`,
      'x-request-id': ctx.messageId,
    };
    if (ctx.idempotencyKey) headers['idempotency-key'] = ctx.idempotencyKey;
    Object.assign(headers, ctx.upstreamHeaders);
    const send = async (extra: Record<string, string>): Promise<HttpAnswer> => {
      try {
        return await httpCall(this.upstream, this.target, this.opts.agent, {
          method: 'POST',
          path: this.path,
          headers: { ...headers, ...extra },
          body: this.envelope(call, ctx.messageId),
          deadline: ctx.deadline,
          signal: ctx.signal,
          maxBytes: this.opts.maxBytes ?? 2_000_000,
        });
      } catch (err) {
        throw mapNetworkError(this.upstream, err, false);
      }
    };
    const res = this.opts.auth
      ? await authenticatedExchange(this.upstream, this.opts.auth, ctx, send)
      : await send({});
    return this.parse(res);
  }

  private parse(res: HttpAnswer): SoapAnswer {
    const upstream = this.upstream;
    const xml = decodeUtf8(upstream, res.data);
    const failure = classifyStatus(res.status);
    let doc: Obj;
    try {
      doc = parseXmlSafely(xml, this.opts);
    } catch (err) {
      const reason = err instanceof XmlRefused ? err.message : 'XML could not be parsed';
      if (failure && !(err instanceof XmlRefused && err.fault === 'dtd')) {
        throw new UpstreamError({
          upstream,
          ...failure,
          status: res.status,
          reason: `HTTP ${res.status}`,
          raw: redactText(xml),
        });
      }
      throw new UpstreamError({
        upstream,
        code: 'malformed',
        status: res.status,
        reason,
        raw: redactText(xml),
      });
    }
    const body = asObj(asObj(doc.Envelope)?.Body);
    if (!body) {
      if (failure)
        throw new UpstreamError({
          upstream,
          ...failure,
          status: res.status,
          reason: `HTTP ${res.status}`,
          raw: redactText(xml),
        });
      throw new UpstreamError({
        upstream,
        code: 'malformed',
        status: res.status,
        reason: 'not a SOAP envelope',
        raw: redactText(xml),
      });
    }
    const fault = asObj(body.Fault);
    if (fault) throw this.faultError(fault, res.status, xml);
    if (failure)
      throw new UpstreamError({
        upstream,
        ...failure,
        status: res.status,
        reason: `HTTP ${res.status}`,
        raw: redactText(xml),
      });
    if (this.opts.verifyWith) {
      const v = verifySoapBody(xml, this.opts.verifyWith.publicKeyPem);
      if (!v.ok)
        throw new UpstreamError({
          upstream,
          code: 'malformed',
          status: res.status,
          reason: `answer signature: ${v.reason}`,
          raw: redactText(xml),
        });
    }
    const [operation, content] = Object.entries(body).find(([k]) => k !== '$') ?? [];
    const out = asObj(content) ?? (content === '' ? {} : undefined);
    if (!operation || !out) {
      throw new UpstreamError({
        upstream,
        code: 'malformed',
        status: res.status,
        reason: 'SOAP Body holds no answer element',
        raw: redactText(xml),
      });
    }
    return { operation, body: out };
  }

  /** soap:Client faults are the caller's fault (not retryable); soap:Server faults are retryable. */
  private faultError(fault: Obj, status: number, xml: string): UpstreamError {
    const faultcode = text(fault.faultcode) ?? '';
    const detail = asObj(fault.detail);
    const detailCode = detail
      ? text(Object.values(detail).map((d) => asObj(d)?.code ?? asObj(d)?.maLoi ?? d)[0])
      : undefined;
    const client = /(^|:)Client/i.test(faultcode);
    return new UpstreamError({
      upstream: this.upstream,
      code: client ? 'rejected' : 'unavailable',
      retryable: !client,
      status,
      upstreamCode: detailCode ?? (faultcode || undefined),
      notFound: /not.?found|khong.?tim.?thay|KHONG_TON_TAI/i.test(
        `${detailCode ?? ''} ${text(fault.faultstring) ?? ''}`,
      ),
      reason: redactText(text(fault.faultstring) ?? 'SOAP fault', 300),
      raw: redactText(xml),
    });
  }
}
