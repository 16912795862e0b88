/**
 * The delivery worker process (`lienthong worker`): the same adapters as the hub, one BullMQ worker per
 * destination, every delivery's outcome appended to this process's own audit chain. Deliveries carry
 * their delivery id to the destination as its idempotency key, so a redelivered message is applied once.
 */
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { loadAdapters, type RegisteredAdapter } from '../adapters/registry';
import { createRedisReceiptStore } from '../adapters/sdk';
import { isUpstreamError, type Logger as AdapterLogger } from '../adapters/sdk';
import type { HubConfig } from '../config/loader';
import {
  bullConnection,
  createDeliveryQueues,
  startDeliveryWorkers,
  type AttemptError,
  type DeliveryData,
  type DeliveryPolicy,
} from '../queue';
import { createAudit, type Audit } from './audit';
import { createServiceCatalog, type ServiceCatalog } from './exchange/catalog';
import { release } from './exchange/egress';
import { HubError } from './http/problem';
import { createLogger, type Logger } from './observability/logger';
import { createProcedures } from './procedures';
import { startSweeper } from './procedures/sweeper';
import { createAccessPolicy } from './exchange/policy';
import { createTrustStore } from './trust';

/**
 * A child logger made only when something is logged: a pino child (with its redaction) per delivery
 * costs more than most deliveries ever log.
 */
function lazyChild(parent: Logger, bindings: Record<string, unknown>): AdapterLogger {
  let child: AdapterLogger | undefined;
  const get = (): AdapterLogger => (child ??= parent.child(bindings));
  return {
    debug: (obj, msg) => get().debug(obj, msg),
    info: (obj, msg) => get().info(obj, msg),
    warn: (obj, msg) => get().warn(obj, msg),
    error: (obj, msg) => get().error(obj, msg),
    child: (more) => get().child(more),
  };
}

/** HTTP status recorded for a dead letter, by the last attempt's error code. */
const DEAD_STATUS = new Map([
  ['rejected', 422],
  ['unbuildable', 422],
  ['timeout', 504],
  ['unavailable', 503],
  ['malformed', 502],
  ['misconfigured', 502],
]);

export interface DeliveryHooks {
  onDelivered?(data: DeliveryData, result: unknown): Promise<void>;
  onDead?(data: DeliveryData, errors: AttemptError[]): Promise<void>;
}

export interface WorkerRuntimeOptions {
  config: HubConfig;
  root?: string;
  registry?: readonly RegisteredAdapter[];
  logger?: Logger;
  /** Deliveries in flight per destination in this process. @defaultValue 16 */
  concurrency?: number;
  policy?: DeliveryPolicy;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  nodeId?: string;
  hooks?: DeliveryHooks;
  /** How often the procedures engine re-sends what a crash may have left unsent. @defaultValue 30000 */
  reconcileEveryMs?: number;
  clock?: () => number;
  /** Per destination: at most `max` deliveries per `durationMs`, across all workers. */
  limits?: Record<string, { max: number; durationMs: number }>;
}

export interface WorkerRuntime {
  catalog: ServiceCatalog;
  audit: Audit;
  /** Resolves once a reconcile sweep that starts after the call has finished (at once without procedures). */
  nextSweep(): Promise<void>;
  close(): Promise<void>;
}

export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { config } = options;
  const root = options.root ?? process.cwd();
  const at = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  const logger = options.logger ?? createLogger(config.hub.logLevel);
  const trust = createTrustStore({ dir: at(config.hub.trustDir) });
  const hubSigner = trust.hubSigner;
  const redis = new Redis(config.hub.redisUrl, { maxRetriesPerRequest: 3 });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  const connection = bullConnection(config.hub.redisUrl);
  connection.on('error', (err) => logger.warn({ err: err.message }, 'redis error (worker connection)'));
  const subjectKey = Buffer.from(readFileSync(at(config.hub.subjectKeyFile), 'utf8').trim(), 'base64url');
  const audit = createAudit({
    dir: at(config.hub.auditDir),
    redis,
    signer: { kid: hubSigner.kid, alg: hubSigner.alg, sign: (d) => hubSigner.sign(d) },
    subjectKey,
    logger,
    nodeId: options.nodeId ?? `worker-${hostname()}-${process.pid}`,
  });
  const catalog = createServiceCatalog(
    config,
    // Only the adapters the configuration uses are loaded: another one that does not load harms nothing.
    options.registry ?? loadAdapters([...new Set(config.services.map((s) => s.adapter))]),
    {
      logger,
      // Receipts of upstream writes, shared by every hub and worker process (upstream idempotency).
      receipts: createRedisReceiptStore(redis),
      signer: {
        kid: hubSigner.kid,
        alg: hubSigner.alg,
        sign: (d) => hubSigner.sign(d),
        privateKey: hubSigner.privateKey,
        certificatePem: hubSigner.certificate.toString(),
      },
    },
  );
  const destinations = [...new Set(catalog.list().map((e) => e.adapter.definition.id))];
  const policy = options.policy ?? config.hub.deliveries;
  const queues = createDeliveryQueues(redis, { policy, destinations });

  const access = createAccessPolicy(config);
  const procedures = createProcedures({
    config,
    redis,
    catalog,
    policy: access,
    audit,
    deliveries: queues,
    signer: { kid: hubSigner.kid, alg: hubSigner.alg, sign: (d: Buffer) => hubSigner.sign(d) },
    logger,
    clock: options.clock,
  });
  const engine = procedures?.engine;
  const sweeper = engine
    ? startSweeper(() => engine.reconcile(), options.reconcileEveryMs ?? 30_000, logger)
    : undefined;

  const auditOutcome = (data: DeliveryData, outcome: string, status: number, fields?: string[]) =>
    audit.append({
      time: new Date().toISOString(),
      messageId: data.signed.messageId,
      client: data.client,
      service: data.service,
      purpose: data.purpose,
      subject: data.subject,
      fields,
      outcome,
      status,
      requestHash: data.requestHash,
      procedure: data.procedure,
      dossierCode: data.dossierCode,
    });

  const workers = startDeliveryWorkers({
    connection,
    queues,
    policy,
    lockDurationMs: options.lockDurationMs ?? config.hub.deliveries.lockDurationMs,
    stalledIntervalMs: options.stalledIntervalMs ?? config.hub.deliveries.stalledIntervalMs,
    destinations: destinations.map((destination) => {
      const instance = catalog.adapters().find((a) => a.definition.id === destination)!;
      return {
        destination,
        concurrency: options.concurrency ?? config.hub.deliveries.concurrency,
        limiter: options.limits?.[destination],
        breaker: { state: () => instance.breakerState(), resetMs: 5000 },
        async deliver(data, ctx) {
          const entry = catalog.get(data.service);
          if (!entry) throw new HubError('SERVICE_UNKNOWN', { service: data.service });
          const out = await entry.call(data.input, {
            messageId: data.signed.messageId,
            deadline: Date.now() + entry.timeoutMs,
            signal: ctx.signal,
            logger: lazyChild(logger, {
              messageId: data.signed.messageId,
              deliveryId: data.id,
              attempt: ctx.attempt,
            }),
            purpose: data.purpose,
            idempotencyKey: data.id,
          });
          // What is stored (and handed to the procedures engine) is what the sender may see, no more.
          return release(access, out, {
            kind: 'member',
            client: data.client,
            service: data.service,
            purpose: data.purpose,
          }).value;
        },
        classify(err) {
          if (isUpstreamError(err)) return { code: err.code, reason: err.reason, retryable: err.retryable };
          if (err instanceof HubError)
            return { code: err.code, reason: String(err.context.contract ?? err.code), retryable: false };
          return {
            code: 'internal',
            reason: err instanceof Error ? err.message : String(err),
            retryable: true,
          };
        },
        async onDelivered(data, result) {
          await auditOutcome(
            data,
            'ok',
            200,
            result && typeof result === 'object' ? Object.keys(result) : undefined,
          );
          await engine?.onDelivered(data, result);
          await options.hooks?.onDelivered?.(data, result);
        },
        async onDead(data, errors) {
          const last = errors[errors.length - 1]?.code ?? 'internal';
          const status = DEAD_STATUS.get(last) ?? 500;
          await auditOutcome(data, `DEAD_LETTER:${last}`, status);
          logger.warn(
            { deliveryId: data.id, service: data.service, attempts: errors.length },
            'delivery dead-lettered',
          );
          await engine?.onDead(data, errors);
          await options.hooks?.onDead?.(data, errors);
        },
      };
    }),
  });
  logger.info({ destinations }, 'delivery workers started');

  return {
    catalog,
    audit,
    nextSweep: () => sweeper?.nextSweep() ?? Promise.resolve(),
    async close() {
      sweeper?.stop();
      await workers.close();
      await queues.close();
      await audit.close();
      await catalog.close();
      await connection.quit().catch(() => connection.disconnect());
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
