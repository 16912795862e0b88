/** Joi schemas of the configuration files in config/: hub.json, members.json, services.json, policies.json. */
import Joi from 'joi';
import { MEMBER_ID_PATTERN } from '../contracts/schemas/common';
import { CLIENT_ID_PATTERN, PURPOSE_PATTERN, SERVICE_ID_PATTERN } from '../contracts/schemas/envelope';

/** Config values may be strings after `${VAR:-default}` substitution: numbers are converted. */
const port = Joi.number().integer().min(0).max(65535);

export interface HubSettings {
  host: string;
  port: number;
  publicUrl: string;
  redisUrl: string;
  /** `host:port,…` of Redis Cluster nodes; empty for one Redis server (redisUrl). */
  redisCluster: string;
  trustDir: string;
  auditDir: string;
  subjectKeyFile: string;
  adminTokenFile: string;
  /**
   * How often (seconds) the hub reads its trust dir again, so that `lienthong keys revoke|issue|rotate`
   * take effect without a restart; 0 turns it off (SIGHUP still reloads).
   */
  trustReloadSec: number;
  /** How often (seconds) members, services and policies are read again; 0 turns it off (SIGHUP still reloads). */
  configReloadSec: number;
  limits: {
    bodyBytes: number;
    jsonDepth: number;
    iatWindowSec: number;
    replayTtlSec: number;
    defaultTimeoutMs: number;
  };
  rateLimit: { points: number; durationSec: number };
  /**
   * Refusals before authentication (unsigned, bad signature, unknown key, replay, oversized body, unknown
   * path …), per source address (an IPv6 source by its /64): at most `points` per `durationSec` are
   * answered with their own code, the rest with RATE_LIMITED. They are not audited one by one: each
   * process writes, every `auditWindowSec`, one aggregate audit record per source (at most
   * `auditMaxSources`, the others folded into one record), so the audit log grows by a bounded number of
   * lines whatever an outsider sends.
   */
  preAuth: { points: number; durationSec: number; auditWindowSec: number; auditMaxSources: number };
  deliveries: {
    attempts: number;
    backoffBaseMs: number;
    backoffCapMs: number;
    keepCompletedSec: number;
    keepFailedSec: number;
    concurrency: number;
    lockDurationMs: number;
    stalledIntervalMs: number;
  };
  /** The worker process's own HTTP server (/metrics, /healthz); port 0 takes a free port. */
  worker: { host: string; port: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * HTTPS, and TLS client certificates (mTLS) on top of the signatures. Certificate and key default to the
   * trust dir's tls/server.*.pem (`lienthong keys tls`). clientAuth: `off` asks for no client certificate;
   * `optional` checks one when presented (it must be a live certificate of the member that signs);
   * `required` refuses a connection without one.
   */
  tls: { enabled: boolean; certFile: string; keyFile: string; clientAuth: 'off' | 'optional' | 'required' };
}

export const hubSchema = Joi.object<HubSettings>({
  host: Joi.string().hostname().required().description('Address the hub listens on'),
  port: port.required().description('Port of the hub API'),
  publicUrl: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .required()
    .description('URL members reach the hub at (servers of /openapi.json)'),
  redisUrl: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .required()
    .description('Redis of the queues, replay cache, rate limits and indexes (AOF on)'),
  redisCluster: Joi.string()
    .allow('')
    .pattern(/^[^,:\s]+:\d{1,5}(,[^,:\s]+:\d{1,5})*$/)
    .default('')
    .description(
      'Redis Cluster seed nodes, `host:port,…`: when set, every process uses the cluster and redisUrl only lends its password and TLS',
    ),
  trustDir: Joi.string()
    .required()
    .description('Trust directory: CA certificate, hub key, member certificates, revocations, data keys'),
  auditDir: Joi.string().required().description('Audit log directory (one hash chain per process)'),
  subjectKeyFile: Joi.string()
    .required()
    .description('Secret of the keyed hash of subject ids in the audit log (created on first start)'),
  adminTokenFile: Joi.string()
    .required()
    .description('Operators’ tokens: one `name:token` a line (a bare token is the operator `admin`)'),
  trustReloadSec: Joi.number()
    .integer()
    .min(0)
    .max(3600)
    .default(10)
    .description('Seconds between re-reads of the trust dir (0: only on SIGHUP)'),
  configReloadSec: Joi.number()
    .integer()
    .min(0)
    .max(3600)
    .default(10)
    .description('Seconds between re-reads of members, services and policies (0: only on SIGHUP)'),
  limits: Joi.object({
    bodyBytes: Joi.number().integer().min(1024).max(50_000_000).required(),
    jsonDepth: Joi.number().integer().min(2).max(256).required(),
    iatWindowSec: Joi.number().integer().min(5).max(3600).required(),
    replayTtlSec: Joi.number().integer().min(10).max(86_400).required(),
    defaultTimeoutMs: Joi.number().integer().min(100).max(600_000).required(),
  }).required(),
  rateLimit: Joi.object({
    points: Joi.number().integer().min(1).required(),
    durationSec: Joi.number().integer().min(1).required(),
  }).required(),
  preAuth: Joi.object({
    points: Joi.number().integer().min(1).max(1_000_000).default(30),
    durationSec: Joi.number().integer().min(1).max(86_400).default(60),
    auditWindowSec: Joi.number().integer().min(1).max(3600).default(60),
    auditMaxSources: Joi.number().integer().min(1).max(100_000).default(100),
  }).default({ points: 30, durationSec: 60, auditWindowSec: 60, auditMaxSources: 100 }),
  deliveries: Joi.object({
    attempts: Joi.number()
      .integer()
      .min(1)
      .max(100)
      .required()
      .description('Attempts of a delivery before it is dead-lettered'),
    backoffBaseMs: Joi.number()
      .integer()
      .min(10)
      .max(3_600_000)
      .required()
      .description('First retry delay (ms); doubles each attempt, with jitter'),
    backoffCapMs: Joi.number()
      .integer()
      .min(10)
      .max(86_400_000)
      .required()
      .description('Longest retry delay (ms)'),
    keepCompletedSec: Joi.number()
      .integer()
      .min(60)
      .required()
      .description('How long a delivered job (its sealed result, for status queries) stays in Redis'),
    keepFailedSec: Joi.number()
      .integer()
      .min(60)
      .required()
      .description(
        'How long a failed job, its attempt log and a discarded dead letter’s note stay in Redis (dead letters stay until handled)',
      ),
    concurrency: Joi.number()
      .integer()
      .min(1)
      .max(1000)
      .required()
      .description('Deliveries in flight per destination in each worker process'),
    lockDurationMs: Joi.number()
      .integer()
      .min(1000)
      .max(600_000)
      .required()
      .description('Lock of an active delivery; a dead worker’s deliveries are taken up after it'),
    stalledIntervalMs: Joi.number()
      .integer()
      .min(1000)
      .max(600_000)
      .required()
      .description('How often workers look for deliveries whose worker died'),
  }).required(),
  worker: Joi.object({
    host: Joi.string().hostname().required().description('Address of the worker’s /metrics and /healthz'),
    port: port
      .required()
      .description('Port of the worker’s /metrics and /healthz (0: a free port, printed at start)'),
  }).default({ host: '127.0.0.1', port: 9464 }),
  logLevel: Joi.string()
    .valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')
    .required()
    .description('pino log level'),
  tls: Joi.object({
    enabled: Joi.boolean().required().description('Serve HTTPS (certificate from `lienthong keys tls`)'),
    certFile: Joi.string()
      .allow('')
      .default('')
      .description('Server certificate (PEM); default: the trust dir’s tls/server.cert.pem'),
    keyFile: Joi.string()
      .allow('')
      .default('')
      .description('Server key (PEM); default: the trust dir’s tls/server.key.pem'),
    clientAuth: Joi.string()
      .valid('off', 'optional', 'required')
      .default('optional')
      .description('TLS client certificates: off, optional (checked when presented) or required'),
  }).default({ enabled: false, certFile: '', keyFile: '', clientAuth: 'optional' }),
});

export interface MemberConfig {
  id: string;
  name: string;
  subsystems: string[];
  /** Special rights, e.g. `data-tracker` (may read any subject's access log). */
  rights: string[];
}

export const RIGHTS = ['data-tracker', 'deliveries', 'procedures'] as const;

export const membersSchema = Joi.object<{ members: MemberConfig[] }>({
  members: Joi.array()
    .items(
      Joi.object({
        id: Joi.string().pattern(MEMBER_ID_PATTERN).required(),
        name: Joi.string().min(1).required(),
        subsystems: Joi.array()
          .items(Joi.string().pattern(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/))
          .min(1)
          .unique()
          .required(),
        rights: Joi.array()
          .items(Joi.string().valid(...RIGHTS))
          .unique()
          .default([]),
      }),
    )
    .unique('id')
    .required(),
});

/** A secret in configuration: `{ "env": "NAME" }` or `{ "file": "path" }` (a string only for sandboxes). */
export type SecretRefConfig = string | { env: string } | { file: string };

export interface UpstreamConfig {
  baseUrl: string;
  timeoutMs?: number;
  options?: Record<string, unknown>;
  /** Credentials for the upstream's authentication; the kind is the adapter's (adapters/README.md §5). */
  auth?: {
    token?: SecretRefConfig;
    apiKey?: SecretRefConfig;
    username?: string;
    password?: SecretRefConfig;
    clientId?: string;
    clientSecret?: SecretRefConfig;
    tokenUrl?: string;
    scope?: string;
    refreshAheadSec?: number;
  };
  /** A TLS client certificate presented to the upstream (PEM files or variables). */
  tls?: {
    cert: SecretRefConfig;
    key: SecretRefConfig;
    ca?: SecretRefConfig;
    passphrase?: SecretRefConfig;
    servername?: string;
  };
}

const secretRef = Joi.alternatives(
  Joi.string().min(1),
  Joi.object({
    env: Joi.string()
      .pattern(/^[A-Z_][A-Z0-9_]*$/)
      .required(),
  }),
  Joi.object({ file: Joi.string().min(1).required() }),
);

export interface ServiceConfig {
  /** `member/subsystem/service/version`. */
  id: string;
  adapter: string;
  /** `name/vN` of the adapter's service. */
  service: string;
  title?: string;
  timeoutMs?: number;
}

export const servicesSchema = Joi.object<{
  upstreams: Record<string, UpstreamConfig>;
  services: ServiceConfig[];
}>({
  upstreams: Joi.object()
    .pattern(
      Joi.string().pattern(/^[a-z][a-z0-9-]*$/),
      Joi.object({
        baseUrl: Joi.string()
          .uri({ scheme: ['http', 'https'] })
          .required(),
        timeoutMs: Joi.number().integer().min(100).max(600_000),
        options: Joi.object().unknown(),
        auth: Joi.object({
          token: secretRef,
          apiKey: secretRef,
          username: Joi.string().min(1),
          password: secretRef,
          clientId: Joi.string().min(1),
          clientSecret: secretRef,
          tokenUrl: Joi.string().uri({ scheme: ['http', 'https'] }),
          scope: Joi.string(),
          refreshAheadSec: Joi.number().integer().min(0).max(3600),
        }),
        tls: Joi.object({
          cert: secretRef.required(),
          key: secretRef.required(),
          ca: secretRef,
          passphrase: secretRef,
          servername: Joi.string().hostname(),
        }),
      }),
    )
    .required(),
  services: Joi.array()
    .items(
      Joi.object({
        id: Joi.string().pattern(SERVICE_ID_PATTERN).required(),
        adapter: Joi.string()
          .pattern(/^[a-z][a-z0-9-]*$/)
          .required(),
        service: Joi.string()
          .pattern(/^[a-z0-9][a-z0-9-]*\/v[1-9]\d*$/)
          .required(),
        title: Joi.string(),
        timeoutMs: Joi.number().integer().min(100).max(600_000),
      }),
    )
    .unique('id')
    .required(),
});

export interface PurposeConfig {
  code: string;
  title: string;
  legalBasis: string;
}

/** Fields a purpose allows: '*' (all), or the top-level fields of the answer. */
export type FieldGrant = '*' | string[];

export interface GrantConfig {
  /** `member/subsystem`, or `member/*` for every subsystem of the member. */
  client: string;
  service: string;
  purposes: Record<string, FieldGrant>;
}

export const policiesSchema = Joi.object<{ purposes: PurposeConfig[]; grants: GrantConfig[] }>({
  purposes: Joi.array()
    .items(
      Joi.object({
        code: Joi.string().pattern(PURPOSE_PATTERN).required(),
        title: Joi.string().required(),
        legalBasis: Joi.string().required(),
      }),
    )
    .unique('code')
    .required(),
  grants: Joi.array()
    .items(
      Joi.object({
        client: Joi.alternatives(
          Joi.string().pattern(CLIENT_ID_PATTERN),
          Joi.string().pattern(new RegExp(`^${MEMBER_ID_PATTERN.source.slice(1, -1)}/\\*$`)),
        ).required(),
        service: Joi.string().pattern(SERVICE_ID_PATTERN).required(),
        purposes: Joi.object()
          .pattern(
            Joi.string().pattern(PURPOSE_PATTERN),
            Joi.alternatives(
              Joi.string().valid('*'),
              Joi.array()
                .items(Joi.string().pattern(/^[A-Za-z][A-Za-z0-9]*$/))
                .min(1)
                .unique(),
            ),
          )
          .min(1)
          .required(),
      }),
    )
    .required(),
});
