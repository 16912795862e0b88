/**
 * The adapter shape (CONVENTIONS §1): an adapter is data first — id, version, protocol and a list of
 * services, each with its request and response contracts and an `execute(ctx, input)` that returns
 * canonical data. Adapters never import the hub: what they need comes in through these interfaces.
 */
import type { Agent } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { ObjectSchema } from 'joi';
import type { AuthCredentials, AuthDeclaration, TlsClientConfig, UpstreamAuth } from './auth/types';
import type { ReceiptStore } from './idempotency/receipts';
import type { UpstreamIdempotency } from './idempotency/upstream-idempotency';

/** The subset of pino's logger adapters use. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A signing key the hub lends an adapter (e.g. for XML-DSig towards an upstream that requires it). */
export interface Signer {
  kid: string;
  /** JOSE algorithm name of the key: ES256, EdDSA, RS256, PS256. */
  alg: string;
  sign(data: Buffer): Buffer;
  /** For XML-DSig (xml-crypto needs the key and the certificate). */
  privateKey?: KeyObject;
  certificatePem?: string;
}

/** What the hub passes to one call. */
export interface CallContext {
  /** The hub message id: the correlation id down into the upstream call. */
  messageId: string;
  /** Absolute deadline, epoch milliseconds. */
  deadline: number;
  /** Aborted when the caller gives up (client gone, shutdown). */
  signal: AbortSignal;
  logger: Logger;
  purpose?: string;
  /**
   * For writes: a key the upstream uses to apply the call once — the same on every attempt (a delivery's
   * id; for a synchronous call, the member's Idempotency-Key bound to the member). Transports send it as
   * `Idempotency-Key`, and in the header the adapter's `idempotency` declaration names.
   */
  idempotencyKey?: string;
  /** Headers the SDK adds to this call's upstream request (set by createAdapterInstance, not by callers). */
  upstreamHeaders?: Record<string, string>;
  /**
   * Runs one exchange with the upstream — the request already built, sent and its answer classified —
   * under the adapter's circuit breaker; set by createAdapterInstance. The transports build a request
   * before they call it, so a request that cannot be built never reaches the breaker.
   */
  exchange?: <T>(send: () => Promise<T>) => Promise<T>;
}

/** What the hub gives an adapter instance once, at creation. */
export interface AdapterDeps {
  /** A keep-alive HTTP agent shared by the adapter's calls. */
  agent: Agent;
  logger: Logger;
  signer?: Signer;
  /**
   * The upstream's authentication, built by createAdapterInstance from the adapter's `auth` declaration
   * and the configured credentials: give it to the transport (`auth: deps.auth`).
   */
  auth?: UpstreamAuth;
  /** Where receipts of writes are kept (Redis in the hub). @defaultValue an in-memory store */
  receipts?: ReceiptStore;
}

/** Options common to every adapter instance (set in config/). */
export interface AdapterConfig {
  /** Base URL of the upstream (REST) or its endpoint (SOAP). */
  baseUrl: string;
  /** Per-call timeout when the caller sets no earlier deadline. @defaultValue 10000 */
  timeoutMs?: number;
  /** Largest answer accepted, in bytes. @defaultValue 2_000_000 */
  maxBodyBytes?: number;
  /** Circuit-breaker settings. */
  breaker?: BreakerOptions;
  /** Adapter-specific settings. */
  options?: Record<string, unknown>;
  /** Credentials for the upstream's authentication (the kind is the adapter's `auth` declaration). */
  auth?: AuthCredentials;
  /** A TLS client certificate to present to the upstream (mutual TLS); the base URL must be https. */
  tls?: TlsClientConfig;
}

export interface BreakerOptions {
  /** Open when this percentage of calls in the window failed. @defaultValue 50 */
  errorThresholdPercentage?: number;
  /** Calls in the window before the breaker may open. @defaultValue 10 */
  volumeThreshold?: number;
  /** How long the breaker stays open before a trial call. @defaultValue 5000 */
  resetTimeoutMs?: number;
  /** Length of the statistics window. @defaultValue 10000 */
  rollingCountTimeoutMs?: number;
}

/** The context `execute` gets: the call context plus the adapter's own client (its transport). */
export interface ExecuteContext<Client> extends CallContext {
  client: Client;
  signer?: Signer;
}

export interface Subject {
  kind: 'citizen' | 'business';
  id: string;
}

export interface ServiceDefinition<
  Client = unknown,
  In = Record<string, unknown>,
  Out = Record<string, unknown>,
> {
  /** Kebab-case service name, e.g. `person-by-id`. */
  name: string;
  version: number;
  title: string;
  description?: string;
  /** `read` services return data about a subject; `write` services change the upstream. */
  kind: 'read' | 'write';
  /** The request contract (Joi schema with an `.id()`). */
  input: ObjectSchema;
  /** The response: a contract id from contracts/ (`person@1`) or a schema with an `.id()`. */
  output: string | ObjectSchema;
  /** Whom a call is about, for access policy, minimisation and the audit log. */
  subject?: (input: In) => Subject | undefined;
  execute(ctx: ExecuteContext<Client>, input: In): Promise<Out>;
  /**
   * Writes of an adapter with an `idempotency` declaration: reads back from the upstream the answer to a
   * request it already applied (e.g. a status look-up by the request's reference), for a repeat the
   * upstream answers "duplicate" when the first answer was lost.
   */
  recoverReceipt?(ctx: ExecuteContext<Client>, input: In): Promise<Out>;
}

export interface HealthReport {
  status: 'up' | 'down';
  breaker: 'closed' | 'open' | 'half-open';
  latencyMs?: number;
  reason?: string;
}

export interface AdapterDefinition<Client = unknown> {
  /** Kebab-case id, e.g. `national-population`. */
  id: string;
  version: number;
  protocol: 'rest' | 'soap';
  title: string;
  /** The upstream's own spec, relative to the adapter folder (e.g. `upstream/openapi.yaml`). */
  spec: string;
  // Services differ in their input/output types; `execute` is checked where each service is defined.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  services: ServiceDefinition<Client, any, any>[];
  /** What the upstream requires to authenticate the hub; the credentials come from config/. */
  auth?: AuthDeclaration;
  /** How the upstream detects duplicate writes, when it does so its own way (a header, its own answer). */
  idempotency?: UpstreamIdempotency;
  /** Builds the adapter's client (its transport) once per instance. */
  createClient(config: AdapterConfig, deps: AdapterDeps): Client;
  /** A cheap call proving the upstream answers. */
  ping(ctx: ExecuteContext<Client>): Promise<void>;
  /** Releases what the client holds (sockets are the agent's). */
  closeClient?(client: Client): Promise<void> | void;
}
