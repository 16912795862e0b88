/**
 * A client for agency systems (and the hub's own tests): signs each request, sends it with axios over a
 * keep-alive agent, and verifies the hub's signed response against the request it sent.
 */
import http from 'node:http';
import https from 'node:https';
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { defaultAlgForKey, signerFromKey, type JwsAlg, type Signer } from './algorithms';
import { HubClientError } from './errors';
import { SERVICE_PATTERN } from './identifiers';
import { certificateKid } from './kid';
import { verifyResponse } from './response';
import { signRequest } from './sign-request';

export interface HubClientOptions {
  /** The calling member, e.g. `VN:GOV:79:UBND-PBN`. */
  member: string;
  /** The calling subsystem, e.g. `MOTCUA`. */
  subsystem: string;
  /** The member's private key (kid from `kid` or from `cert`; alg from `alg` or the key type), or a signer. */
  key: { privateKey: KeyObject; kid?: string; alg?: JwsAlg } | Signer;
  /** The member's certificate (PEM), to derive the kid when `key.kid` is not given. */
  cert?: string;
  /** The hub's base URL, e.g. `https://hub.example.gov.vn` (a path prefix is kept). */
  baseUrl: string;
  /** The hub's certificate(s) in PEM; several while the hub rotates its key. */
  hubCertificate?: string | readonly string[];
  /** The hub's public key, when no certificate is at hand. */
  hubPublicKey?: KeyObject;
  /** Request timeout. @defaultValue 30000 */
  timeoutMs?: number;
  /** Largest accepted response body. @defaultValue 10 MiB */
  maxResponseBytes?: number;
  /** TLS options for the HTTPS agent, e.g. a client certificate for mTLS. */
  tls?: https.AgentOptions;
}

export interface CallOptions {
  purpose: string;
  /** A JSON value, or exact bytes to send. */
  body?: unknown;
  /** @defaultValue a new random UUID */
  messageId?: string;
  idempotencyKey?: string;
  /** More headers to send, outside the signature (e.g. `Prefer: respond-async`). */
  headers?: Record<string, string>;
  /** Send `Prefer: respond-async`: the hub accepts the call as a delivery (202) instead of answering it. */
  respondAsync?: boolean;
}

export interface HubResponse {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when the body is empty or not JSON). A problem+json answer is a body too. */
  body: unknown;
  rawBody: Buffer;
  messageId: string;
  requestHash: string;
  verified: true;
}

export interface HubClient {
  /** POST to `/v1/services/{service}`; service is `member/subsystem/service/version`. */
  call(service: string, options: CallOptions): Promise<HubResponse>;
  /** Any method and path (path and query, starting with '/'). */
  request(method: string, path: string, options: CallOptions): Promise<HubResponse>;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

function signerOf(options: HubClientOptions): Signer {
  const key = options.key;
  if ('sign' in key) return key;
  const kid = key.kid ?? (options.cert ? certificateKid(options.cert) : undefined);
  if (!kid) throw new HubClientError('INVALID_ARGUMENT', 'createHubClient: give key.kid or cert');
  const alg = key.alg ?? defaultAlgForKey(key.privateKey);
  if (!alg) throw new HubClientError('INVALID_ARGUMENT', 'createHubClient: the key type is not supported');
  return signerFromKey({ kid, alg, privateKey: key.privateKey });
}

function hubKeysOf(options: HubClientOptions): KeyObject | ReadonlyMap<string, KeyObject> {
  if (options.hubCertificate !== undefined) {
    const pems =
      typeof options.hubCertificate === 'string' ? [options.hubCertificate] : options.hubCertificate;
    return new Map(pems.map((pem) => [certificateKid(pem), new X509Certificate(pem).publicKey]));
  }
  const k = options.hubPublicKey;
  if (k) return k.type === 'private' ? createPublicKey(k) : k;
  throw new HubClientError('INVALID_ARGUMENT', 'createHubClient: give hubCertificate or hubPublicKey');
}

function bodyBytes(body: unknown): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function plainHeaders(res: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers as Record<string, unknown>)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
    else if (Array.isArray(value)) out[name.toLowerCase()] = value.join(', ');
    else if (typeof value === 'number') out[name.toLowerCase()] = String(value);
  }
  return out;
}

export function createHubClient(options: HubClientOptions): HubClient {
  const client = `${options.member}/${options.subsystem}`;
  const signer = signerOf(options);
  const hubKeys = hubKeysOf(options);
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true, ...options.tls });
  const ax: AxiosInstance = axios.create({
    httpAgent,
    httpsAgent,
    maxRedirects: 0,
    responseType: 'arraybuffer',
    validateStatus: () => true,
    timeout: options.timeoutMs ?? 30_000,
    maxContentLength: options.maxResponseBytes ?? 10 * 1024 * 1024,
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
  });

  async function request(method: string, path: string, call: CallOptions): Promise<HubResponse> {
    if (!path.startsWith('/'))
      throw new HubClientError('INVALID_ARGUMENT', `path must start with '/': ${path}`);
    // The path as it will go on the request line (URL parsing may percent-encode a few characters).
    const url = new URL(prefix + path, base.origin);
    const target = url.pathname + url.search;
    const body = bodyBytes(call.body);
    let signed;
    try {
      signed = signRequest({
        method,
        path: target,
        body,
        client,
        purpose: call.purpose,
        messageId: call.messageId,
        idempotencyKey: call.idempotencyKey,
        key: signer,
      });
    } catch (err) {
      throw new HubClientError('INVALID_ARGUMENT', (err as Error).message, { cause: err });
    }
    const headers: Record<string, string> = {
      ...call.headers,
      ...signed.headers,
      Accept: 'application/json',
    };
    if (body.length > 0) headers['Content-Type'] = 'application/json';
    if (call.respondAsync) headers.Prefer = 'respond-async';
    let res: AxiosResponse<ArrayBuffer>;
    try {
      res = await ax.request<ArrayBuffer>({
        method,
        url: url.href,
        headers,
        data: body.length > 0 ? body : undefined,
      });
    } catch (err) {
      throw new HubClientError('TRANSPORT', `no answer from the hub: ${(err as Error).message}`, {
        cause: err,
      });
    }
    const rawBody = Buffer.from(res.data);
    const resHeaders = plainHeaders(res);
    const check = verifyResponse({
      headers: resHeaders,
      body: rawBody,
      status: res.status,
      expectedRequestHash: signed.requestHash,
      expectedMessageId: signed.messageId,
      hubPublicKey: hubKeys,
    });
    if (!check.ok) {
      throw new HubClientError('RESPONSE_UNVERIFIED', `the hub's response does not verify: ${check.reason}`, {
        status: res.status,
        reason: check.reason,
      });
    }
    let parsed: unknown;
    if (rawBody.length > 0 && /[/+]json\b/i.test(resHeaders['content-type'] ?? '')) {
      try {
        parsed = JSON.parse(rawBody.toString('utf8'));
      } catch (err) {
        throw new HubClientError('RESPONSE_NOT_JSON', 'the response body is not valid JSON', {
          status: res.status,
          cause: err,
        });
      }
    }
    return {
      status: res.status,
      headers: resHeaders,
      body: parsed,
      rawBody,
      messageId: signed.messageId,
      requestHash: signed.requestHash,
      verified: true,
    };
  }

  return {
    request,
    call(service, call) {
      if (!SERVICE_PATTERN.test(service)) {
        return Promise.reject(new HubClientError('INVALID_ARGUMENT', `not a service id: ${service}`));
      }
      return request('POST', `/v1/services/${service}`, call);
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
