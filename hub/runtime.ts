/**
 * Builds everything the hub app needs from the configuration: Redis, the trust store, the data keys
 * that seal queued payloads, the audit log, the adapters, the access policy, the replay cache, the rate
 * limiter, logging and metrics. The trust dir (with the data keys and the operators' tokens) and the
 * members, services and policies are read again every few seconds and on SIGHUP (config-reload.ts).
 * Used by `lienthong serve`, the demo and the tests; `close()` releases all of it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { redisClient, redisTargetOf } from '../queue/connection';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { loadAdapters, type RegisteredAdapter } from '../adapters/registry';
import { createRedisReceiptStore } from '../adapters/sdk';
import { createDeliveryQueues } from '../queue';
import { trustDirSealer } from '../queue/data-keys';
import { loadConfig, type HubConfig } from '../config/loader';
import { createApp } from './app';
import { createAudit } from './audit';
import { createReloadableConfig } from './config-reload';
import { watchFiles } from './reload-files';
import type { HubDeps } from './context';
import { adapterSigner } from './exchange/catalog';
import { createIdempotencyStore } from './exchange/idempotency';
import { createRefusalGate } from './http/refusals';
import { createLogger, type Logger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { createProcedures } from './procedures';
import { createReplayCache } from './protocol';
import { ensureOperatorTokens, readOperatorTokens, type OperatorTokens } from './operators/tokens';
import { createTrustStore, TrustError } from './trust';

export interface HubRuntimeOptions {
  config?: HubConfig;
  /** Root that relative paths of the config (trustDir, auditDir…) are resolved against. @defaultValue cwd */
  root?: string;
  registry?: readonly RegisteredAdapter[];
  logger?: Logger;
  clock?: () => number;
  /**
   * The clock of dossiers (received, due, started, overdue), apart from the protocol's clock (signature
   * times must stay real). Tests move it forward to see statutory limits pass. @defaultValue clock
   */
  procedureClock?: () => number;
  /** Name of this process's audit chain. */
  nodeId?: string;
}

export interface HubRuntime {
  deps: HubDeps;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** Reads a secret file, creating it (mode 0600) with fresh random bytes when missing. */
function secretFile(path: string, bytes: number, logger: Logger, what: string): Buffer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, randomBytes(bytes).toString('base64url') + '\n', { mode: 0o600 });
    logger.warn({ path }, `created a new ${what}; keep it, and back it up`);
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
}

export async function createHubRuntime(options: HubRuntimeOptions = {}): Promise<HubRuntime> {
  const config = options.config ?? loadConfig();
  const root = options.root ?? process.cwd();
  const at = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  const logger = options.logger ?? createLogger(config.hub.logLevel);

  let trust;
  try {
    trust = createTrustStore({ dir: at(config.hub.trustDir) });
    void trust.hubSigner;
  } catch (err) {
    const reason = err instanceof TrustError ? err.message : String(err);
    throw new Error(
      `trust store ${at(config.hub.trustDir)}: ${reason} — create it with: npx lienthong keys init`,
      { cause: err },
    );
  }
  let data;
  try {
    data = trustDirSealer(at(config.hub.trustDir));
  } catch (err) {
    throw new Error(`data keys: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const subjectKey = secretFile(at(config.hub.subjectKeyFile), 32, logger, 'subject-hash key');
  const operatorsFile = at(config.hub.adminTokenFile);
  if (ensureOperatorTokens(operatorsFile))
    logger.warn(
      { path: operatorsFile },
      'created the operators’ token file with the operator admin; keep it, and back it up',
    );
  let operators: OperatorTokens = readOperatorTokens(operatorsFile);

  const redis = redisClient(redisTargetOf(config.hub), { maxRetriesPerRequest: 3, lazyConnect: false });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  const hubSigner = trust.hubSigner;
  const audit = createAudit({
    dir: at(config.hub.auditDir),
    redis,
    signer: { kid: hubSigner.kid, alg: hubSigner.alg, sign: (d) => hubSigner.sign(d) },
    subjectKey,
    logger,
    nodeId: options.nodeId,
    flushIntervalMs: 0,
    clock: options.clock,
  });
  // Only the adapters the configuration uses are loaded: another one that does not load harms nothing.
  const registry = options.registry ?? loadAdapters([...new Set(config.services.map((s) => s.adapter))]);
  const reloadable = createReloadableConfig({
    initial: config,
    registry: options.registry,
    logger,
    catalogDeps: {
      logger,
      signer: adapterSigner(hubSigner),
      // Receipts of upstream writes, shared by every hub and worker process (upstream idempotency).
      receipts: createRedisReceiptStore(redis),
    },
    onReload: (next) => {
      deps.config = next;
    },
  });
  const { catalog, policy } = reloadable;
  const deliveries = createDeliveryQueues(redis, {
    sealer: data.sealer,
    policy: config.hub.deliveries,
    destinations: [...new Set(catalog.list().map((e) => e.adapter.definition.id))],
  });
  const hubJws = { kid: hubSigner.kid, alg: hubSigner.alg, sign: (d: Buffer) => hubSigner.sign(d) };
  const procedures = createProcedures({
    config,
    redis,
    catalog,
    policy,
    audit,
    deliveries,
    signer: hubJws,
    logger,
    clock: options.procedureClock ?? options.clock,
  });
  // Revocations, new and rotated member keys, data keys and operators' tokens are files: read them
  // again every trustReloadSec and on SIGHUP. A file that does not load (a half-written one) keeps what
  // the last good load gave, and says so.
  const trustStore = trust;
  const dataKeys = data;
  const stopTrustReload = watchFiles(config.hub.trustReloadSec, logger, [
    ['trust dir', () => trustStore.reload()],
    ['data keys', () => dataKeys.reload()],
    ['operators’ tokens', () => void (operators = readOperatorTokens(operatorsFile))],
  ]);
  reloadable.watch(config.hub.configReloadSec);

  const metrics = createMetrics();
  const { preAuth } = config.hub;
  const refusals = createRefusalGate({
    limiter: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'lienthong:rl-refusals',
      points: preAuth.points,
      duration: preAuth.durationSec,
      // A source over its budget is refused from memory until its window ends, without asking Redis.
      inMemoryBlockOnConsumed: preAuth.points,
      inMemoryBlockDuration: preAuth.durationSec,
    }),
    audit,
    counter: metrics.refusalsBeforeAuth,
    windowSec: preAuth.auditWindowSec,
    maxSources: preAuth.auditMaxSources,
    logger,
    clock: options.clock,
  });
  const deps: HubDeps = {
    config,
    trust,
    redis,
    audit,
    catalog,
    policy,
    replay: createReplayCache({ redis, ttlSec: config.hub.limits.replayTtlSec }),
    idempotency: createIdempotencyStore(redis),
    rateLimiter: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'lienthong:rl',
      points: config.hub.rateLimit.points,
      duration: config.hub.rateLimit.durationSec,
    }),
    refusals,
    logger,
    metrics,
    operators: () => operators,
    deliveries,
    procedures: procedures?.engine,
    procedureStore: procedures?.store,
    calendar: procedures?.calendar,
    ratings: procedures?.ratings,
    clock: options.clock,
    procedureClock: options.procedureClock,
    registry,
  };
  return {
    deps,
    app: createApp(deps),
    async close() {
      stopTrustReload();
      await deliveries.close();
      await refusals.close();
      await audit.close();
      await reloadable.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
