/**
 * SOAP 1.1 transport: envelopes built with xml2js (a request that cannot be written as XML is refused
 * before anything is sent, and before the circuit breaker), posted on node:http with a keep-alive agent;
 * answers read by ./soap-answer.ts — bounded parsing, the envelope checked by namespace, SOAP faults as
 * UpstreamErrors, and where the upstream signs, only the Body its verifier returned — inline when small,
 * in a worker thread when large (./xml-offload.ts). XML-DSig signing of requests where required.
 */
import type { Agent } from 'node:http';
import { Builder } from 'xml2js';
import type { UpstreamAuth } from './auth/types';
import { authenticatedExchange } from './auth/authenticated-exchange';
import {
  assertSendable,
  httpCall,
  httpTarget,
  type HttpAnswer,
  type HttpCallRequest,
  type HttpTarget,
} from './http-call';
import type { XmlLimits } from './safe-xml';
import { readSoapAnswer, type SoapReadOptions } from './soap-answer';
import { mapNetworkError } from './transport-errors';
import type { CallContext } from './types';
import { UpstreamError } from './upstream-error';
import { INLINE_ANSWER_BYTES, readSoapAnswerOffThread } from './xml-offload';
import { signSoapBody } from './xml-dsig';
import { nonXmlChar } from './xml-tree';
import { SOAP_ENV_NS } from './soap-envelope';

export { SOAP_ENV_NS } from './soap-envelope';

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

/** Where in a request body a string (or a key) holds a character XML cannot carry, and which one. */
function nonXmlIn(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    const c = nonXmlChar(value);
    return c && `field ${path || '(body)'} holds ${c}, which XML cannot carry`;
  }
  if (!value || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const here = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    const bad =
      (!Array.isArray(value) && nonXmlChar(k) && `an element name holds ${nonXmlChar(k)}`) ||
      nonXmlIn(v, here);
    if (bad) return bad;
  }
  return undefined;
}

export class SoapTransport {
  private readonly target: HttpTarget;
  /** The endpoint's path and query. */
  private readonly path: string;
  private readonly reading: SoapReadOptions;
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
    this.reading = {
      upstream: opts.upstream,
      maxBytes: opts.maxBytes,
      maxDepth: opts.maxDepth,
      maxElements: opts.maxElements,
      maxAttributes: opts.maxAttributes,
      maxTextLength: opts.maxTextLength,
      verifyKeyPem: opts.verifyWith?.publicKeyPem,
    };
  }

  /** Builds the request envelope, signed where required (exposed for tests, fixtures and benchmarks). */
  envelope(call: SoapCall, messageId: string): string {
    return this.sign(this.unsigned(call, messageId));
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
    // Written and checked before the exchange: what cannot be sent never reaches the breaker.
    const first = this.unsigned(call, ctx.messageId);
    assertSendable(this.upstream, { path: this.path, headers });
    const exchange = ctx.exchange ?? ((run) => run());
    // Signing is inside: an open breaker fails fast without the cost of a signature.
    return exchange(async () => {
      let sent = 0;
      const send = async (extra: Record<string, string>): Promise<HttpAnswer> => {
        // A second send (after a 401) writes the envelope again: a WS-Security header is fresh each time.
        const xml = sent++ === 0 ? first : this.unsigned(call, ctx.messageId);
        const request: HttpCallRequest = {
          method: 'POST',
          path: this.path,
          headers: { ...headers, ...extra },
          body: this.sign(xml),
          deadline: ctx.deadline,
          signal: ctx.signal,
          maxBytes: this.opts.maxBytes ?? 2_000_000,
        };
        try {
          return await httpCall(this.upstream, this.target, this.opts.agent, request);
        } catch (err) {
          throw mapNetworkError(this.upstream, err, false);
        }
      };
      const res = this.opts.auth
        ? await authenticatedExchange(this.upstream, this.opts.auth, ctx, send)
        : await send({});
      return this.read(res);
    });
  }

  /** The envelope; UpstreamError `unbuildable` (final, the caller's) when it cannot be written as XML. */
  private unsigned(call: SoapCall, messageId: string): string {
    try {
      return this.builder.buildObject({
        'soap:Envelope': {
          $: { 'xmlns:soap': SOAP_ENV_NS, 'xmlns:ns': this.opts.namespace },
          'soap:Header': { 'ns:MessageId': messageId, ...this.opts.auth?.soapHeader?.() },
          'soap:Body': { $: { Id: 'body' }, [`ns:${call.operation}`]: call.body },
        },
      });
    } catch (err) {
      throw new UpstreamError({
        upstream: this.upstream,
        code: 'unbuildable',
        reason: nonXmlIn(call.body, '') ?? 'the request could not be written as XML',
        cause: err,
      });
    }
  }

  private sign(xml: string): string {
    if (!this.opts.signWith) return xml;
    try {
      return signSoapBody(xml, this.opts.signWith);
    } catch (err) {
      // The key was checked when the adapter started; a signature that still fails is ours, not the
      // upstream's: final, and not a failure for the breaker (inside the exchange it counts as a call).
      throw new UpstreamError({
        upstream: this.upstream,
        code: 'unbuildable',
        reason: 'the request could not be signed',
        cause: err,
      });
    }
  }

  private async read(res: HttpAnswer): Promise<SoapAnswer> {
    const reading =
      res.data.length > INLINE_ANSWER_BYTES
        ? await readSoapAnswerOffThread(res.data, res.status, this.reading)
        : readSoapAnswer(res.data, res.status, this.reading);
    if (!reading.ok) throw new UpstreamError(reading.error);
    return { operation: reading.operation, body: reading.body };
  }
}
