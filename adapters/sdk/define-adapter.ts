/**
 * defineAdapter / defineService keep adapters as data with typed execute functions;
 * createAdapterInstance builds a running adapter: its upstream authentication (auth/) and TLS client
 * agent, its client (transport) once, a circuit breaker, and `call()` that runs a service with the
 * caller's deadline — writes of an adapter that declares `idempotency` through idempotency/callOnce, with
 * their receipts. The breaker guards the exchanges with the upstream only (the transports run them through
 * `ctx.exchange`): building a request, mapping and validation are not the upstream's doing and never count
 * for or against it. Every UpstreamError is logged for the operator with what the upstream said in full
 * (redacted); members get the safe reason.
 */
import { createUpstreamAuth, tlsClientAgent } from './auth';
import { createBreaker, type BreakerState, type UpstreamBreaker } from './breaker';
import { createMemoryReceiptStore } from './idempotency/receipts';
import { callOnce } from './idempotency/upstream-idempotency';
import type {
  AdapterConfig,
  AdapterDefinition,
  AdapterDeps,
  CallContext,
  ExecuteContext,
  HealthReport,
  ServiceDefinition,
} from './types';
import { isUpstreamError, UpstreamError } from './upstream-error';

export function defineAdapter<Client>(def: AdapterDefinition<Client>): AdapterDefinition<Client> {
  const seen = new Set<string>();
  for (const s of def.services) {
    const key = `${s.name}/v${s.version}`;
    if (seen.has(key)) throw new Error(`adapter ${def.id}: service ${key} defined twice`);
    seen.add(key);
  }
  return def;
}

export function defineService<Client, In, Out>(
  def: ServiceDefinition<Client, In, Out>,
): ServiceDefinition<Client, In, Out> {
  return def;
}

/** `name/vN` — how a service is addressed inside an adapter. */
export const serviceKey = (s: Pick<ServiceDefinition, 'name' | 'version'>): string =>
  `${s.name}/v${s.version}`;

export interface AdapterInstance<Client = unknown> {
  readonly definition: AdapterDefinition<Client>;
  readonly client: Client;
  /** Finds a service by name and version (newest when no version is given). */
  service(name: string, version?: number): ServiceDefinition<Client> | undefined;
  /** Runs a service; resolves with canonical data or rejects with an UpstreamError. */
  call(service: ServiceDefinition<Client> | string, input: unknown, ctx: CallContext): Promise<unknown>;
  health(timeoutMs?: number): Promise<HealthReport>;
  breakerState(): BreakerState;
  onBreakerChange(listener: (state: BreakerState) => void): void;
  close(): Promise<void>;
}

export function createAdapterInstance<Client>(
  definition: AdapterDefinition<Client>,
  config: AdapterConfig,
  deps: AdapterDeps,
): AdapterInstance<Client> {
  const agent = config.tls ? tlsClientAgent(definition.id, config.tls) : deps.agent;
  const auth =
    deps.auth ??
    createUpstreamAuth(definition.id, definition.auth, config.auth, { baseUrl: config.baseUrl, agent });
  const receipts = deps.receipts ?? createMemoryReceiptStore();
  const client = definition.createClient(config, { ...deps, agent, auth, receipts });
  const breaker: UpstreamBreaker = createBreaker(definition.id, config.breaker);
  const byKey = new Map<string, ServiceDefinition<Client>>();
  for (const s of definition.services) byKey.set(serviceKey(s), s as ServiceDefinition<Client>);
  const logger = deps.logger.child({ adapter: definition.id });

  const service = (name: string, version?: number): ServiceDefinition<Client> | undefined => {
    if (version !== undefined) return byKey.get(`${name}/v${version}`);
    let best: ServiceDefinition<Client> | undefined;
    for (const s of byKey.values()) if (s.name === name && (!best || s.version > best.version)) best = s;
    return best;
  };

  const execCtx = (ctx: CallContext): ExecuteContext<Client> => ({
    ...ctx,
    client,
    signer: deps.signer,
    exchange: (send) => breaker.run(send),
  });

  return {
    definition,
    client,
    service,
    async call(svc, input, ctx) {
      const def = typeof svc === 'string' ? service(svc) : svc;
      if (!def) throw new Error(`adapter ${definition.id} has no service ${String(svc)}`);
      const idem = definition.idempotency;
      const key = ctx.idempotencyKey;
      const plain = () => def.execute(execCtx(ctx), input as never);
      let run = plain;
      if (idem && def.kind === 'write' && key) {
        run = () =>
          callOnce({
            upstream: definition.id,
            service: serviceKey(def),
            decl: idem,
            store: receipts,
            key,
            input,
            execute: (headers) =>
              def.execute(
                execCtx({ ...ctx, upstreamHeaders: { ...ctx.upstreamHeaders, ...headers } }),
                input as never,
              ),
            recover: def.recoverReceipt ? () => def.recoverReceipt!(execCtx(ctx), input as never) : undefined,
          });
      } else if (idem && def.kind === 'write') {
        // A write without a stable key still carries the header the upstream requires: this call's id.
        const headers = { ...ctx.upstreamHeaders, [idem.header.toLowerCase()]: ctx.messageId };
        run = () => def.execute(execCtx({ ...ctx, upstreamHeaders: headers }), input as never);
      }
      try {
        return await run();
      } catch (err) {
        if (isUpstreamError(err)) {
          ctx.logger[err.code === 'rejected' ? 'info' : 'warn'](
            {
              adapter: definition.id,
              service: def.name,
              messageId: ctx.messageId,
              upstreamError: {
                code: err.code,
                status: err.status,
                upstreamCode: err.upstreamCode,
                reason: err.reason,
                upstreamText: err.upstreamText,
              },
            },
            'upstream call failed',
          );
          throw err;
        }
        // A bug in the adapter or a mapping that tripped on the data: never let it escape untyped.
        logger.error({ err, service: def.name, messageId: ctx.messageId }, 'adapter failed unexpectedly');
        throw new UpstreamError({
          upstream: definition.id,
          code: 'malformed',
          reason: 'the adapter could not map the answer',
          cause: err,
        });
      }
    },
    async health(timeoutMs = 2000) {
      const started = Date.now();
      const controller = new AbortController();
      try {
        await definition.ping(
          execCtx({
            messageId: `health-${started}`,
            deadline: started + timeoutMs,
            signal: controller.signal,
            logger,
          }),
        );
        return { status: 'up', breaker: breaker.state(), latencyMs: Date.now() - started };
      } catch (err) {
        const reason = isUpstreamError(err) ? `${err.code}: ${err.reason}` : 'ping failed';
        return { status: 'down', breaker: breaker.state(), latencyMs: Date.now() - started, reason };
      }
    },
    breakerState: () => breaker.state(),
    onBreakerChange: (l) => breaker.onStateChange(l),
    async close() {
      breaker.shutdown();
      await definition.closeClient?.(client);
      if (agent !== deps.agent) agent.destroy();
    },
  };
}
