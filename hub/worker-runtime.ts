/**
 * The delivery worker process (`lienthong worker`): the same adapters as the hub, one BullMQ worker per
 * destination, every delivery's outcome appended to this process's own audit chain. Deliveries carry
 * their delivery id to the destination as its idempotency key, so a redelivered message is applied once.
 * Payloads are opened and results sealed with the trust dir's data keys. The worker logs its retries,
 * dead letters, recoveries and breaker changes (worker/observer.ts), serves /metrics and /healthz on a
 * port of its own (worker/http.ts), and takes up reloaded trust, data keys and configuration like the hub.
 */
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { RegisteredAdapter } from '../adapters/registry';
import { createRedisReceiptStore } from '../adapters/sdk';
import { isUpstreamError, type Logger as AdapterLogger } from '../adapters/sdk';
import type { HubConfig } from '../config/loader';
import {
  bullConnection,
  createDeliveryQueues,
  redisClient,
  redisTargetOf,
  startDeliveryWorkers,
  trustDirSealer,
  type AttemptError,
  type DeliveryData,
  type DeliveryPolicy,
} from '../queue';
import { createAudit, type Audit } from './audit';
import { createReloadableConfig } from './config-reload';
import { watchFiles } from './reload-files';
import { adapterSigner, type ServiceCatalog } from './exchange/catalog';
import { release } from './exchange/egress';
import { HubError } from './http/problem';
import { createLogger, type Logger } from './observability/logger';
import { createProcedures } from './procedures';
import { startSweeper } from './procedures/sweeper';
import { createTrustStore } from './trust';
import { startWorkerHttp, workerHealth } from './worker/http';
import { createWorkerObserver } from './worker/observer';

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
  /** Overrides the configured port of /metrics and /healthz (0: a free port). */
  httpPort?: number;
}

export interface WorkerRuntime {
  catalog: ServiceCatalog;
  audit: Audit;
  /** Where /metrics and /healthz are served. */
  url: string;
  /** Resolves once a reconcile sweep that starts after the call has finished (at once without procedures). */
  nextSweep(): Promise<void>;
  close(): Promise<void>;
}

export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { config } = options;
  const root = options.root ?? process.cwd();
  const at = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  const logger = (options.logger ?? createLogger(config.hub.logLevel)).child({ role: 'worker' });
  const trust = createTrustStore({ dir: at(config.hub.trustDir) });
  const data = trustDirSealer(at(config.hub.trustDir));
  const hubSigner = trust.hubSigner;
  const redis = redisClient(redisTargetOf(config.hub), { maxRetriesPerRequest: 3 });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  const connection = bullConnection(redisTargetOf(config.hub));
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
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lienthong_worker_' });
  const observer = createWorkerObserver(logger, registry);
  const watchBreakers = (c: ServiceCatalog) => {
    for (const a of c.adapters()) {
      observer.breakerChanged(a.definition.id, a.breakerState());
      a.onBreakerChange((state) => observer.breakerChanged(a.definition.id, state));
    }
  };
  const reloadable = createReloadableConfig({
    initial: config,
    // Only the adapters the configuration uses are loaded: another one that does not load harms nothing.
    registry: options.registry,
    logger,
    catalogDeps: {
      logger,
      signer: adapterSigner(hubSigner),
      // Receipts of upstream writes, shared by every hub and worker process (upstream idempotency).
      receipts: createRedisReceiptStore(redis),
    },
    onReload: () => watchBreakers(reloadable.catalog),
  });
  const { catalog } = reloadable;
  watchBreakers(catalog);
  const destinations = [...new Set(catalog.list().map((e) => e.adapter.definition.id))];
  const policy = options.policy ?? config.hub.deliveries;
  const queues = createDeliveryQueues(redis, { sealer: data.sealer, policy, destinations });
  // Dead letters kept by an older version have no per-destination index yet: give them one (idempotent).
  const reindexed = await queues.deadLetters.reindex();
  if (reindexed) logger.info({ reindexed }, 'dead letters indexed by destination');

  const access = reloadable.policy;
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
    observer,
    lockDurationMs: options.lockDurationMs ?? config.hub.deliveries.lockDurationMs,
    stalledIntervalMs: options.stalledIntervalMs ?? config.hub.deliveries.stalledIntervalMs,
    destinations: destinations.map((destination) => {
      // The adapter instance of the configuration in force (a reload replaces it).
      const instance = () => catalog.adapters().find((a) => a.definition.id === destination);
      return {
        destination,
        concurrency: options.concurrency ?? config.hub.deliveries.concurrency,
        limiter: options.limits?.[destination],
        breaker: { state: () => instance()?.breakerState() ?? 'closed', resetMs: 5000 },
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
          if (isUpstreamError(err))
            return {
              code: err.code,
              reason: err.reason,
              retryable: err.retryable,
              upstreamCode: err.upstreamCode ?? (err.status ? `HTTP ${err.status}` : undefined),
              // The raw answer is redacted by the transport (adapters/sdk/redact.ts) before it is kept.
              excerpt: err.raw?.slice(0, 200),
            };
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
          await engine?.onDead(data, errors);
          await options.hooks?.onDead?.(data, errors);
        },
      };
    }),
  });
  // Trust dir and data keys (a rotation, a key copied over) like the hub: every trustReloadSec and on
  // SIGHUP; members, services and policies every configReloadSec and on SIGHUP.
  const stopKeysReload = watchFiles(config.hub.trustReloadSec, logger, [
    ['trust dir', () => trust.reload()],
    ['data keys', () => data.reload()],
  ]);
  reloadable.watch(config.hub.configReloadSec);

  const http = await startWorkerHttp({
    host: config.hub.worker.host,
    port: options.httpPort ?? config.hub.worker.port,
    registry,
    health: () => workerHealth(connection, workers.workers, destinations),
  });
  logger.info({ destinations, metrics: `${http.url}/metrics` }, 'delivery workers started');

  let closing: Promise<void> | undefined;
  return {
    catalog,
    audit,
    url: http.url,
    nextSweep: () => sweeper?.nextSweep() ?? Promise.resolve(),
    close: () =>
      (closing ??= (async () => {
        logger.info('delivery workers stopping: finishing the deliveries in flight');
        stopKeysReload();
        sweeper?.stop();
        await workers.close();
        await queues.close();
        await audit.close();
        await reloadable.close();
        await http.close();
        await connection.quit().catch(() => connection.disconnect());
        await redis.quit().catch(() => redis.disconnect());
        logger.info('delivery workers stopped');
      })()),
  };
}
