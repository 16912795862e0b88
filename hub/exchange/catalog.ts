/**
 * The service catalogue at run time: each configured service (`member/subsystem/service/version`) with
 * its adapter instance, the adapter's service definition and its resolved output contract. Built once at
 * start; a service naming an unknown adapter or adapter service stops the start (ConfigError). An entry's
 * `call()` is the only way the hub calls an upstream: it resolves with the answer checked against its
 * contract and sealed (egress.ts), so nothing reaches a caller but through `release()`.
 */
import { Agent } from 'node:http';
import type { ObjectSchema } from 'joi';
import { contracts, type ContractDefinition } from '../../contracts';
import { ConfigError, type HubConfig, type ServiceConfig } from '../../config/loader';
import type { RegisteredAdapter } from '../../adapters/registry';
import { createAdapterInstance, serviceKey, type AdapterInstance } from '../../adapters/sdk';
import type {
  CallContext,
  Logger as AdapterLogger,
  ReceiptStore,
  ServiceDefinition,
  Signer,
} from '../../adapters/sdk';
import type { HubSigner } from '../trust';
import { UpstreamRecord } from './egress';
import { checkOutput } from './output';

/** What the hub may use of an adapter instance besides calling it (calls go through CatalogEntry.call). */
export type UpstreamHandle = Pick<
  AdapterInstance,
  'definition' | 'breakerState' | 'onBreakerChange' | 'health' | 'close'
>;

export interface CatalogEntry {
  id: string;
  config: ServiceConfig;
  /** The provider: `member/subsystem`. */
  provider: string;
  adapter: UpstreamHandle;
  service: ServiceDefinition;
  /** The output's contract when it is a registered one (validated and normalised with it). */
  contract?: ContractDefinition;
  /** Otherwise the service's own output schema. */
  outputSchema?: ObjectSchema;
  /** The output's name for documentation: `person@1` or the schema id. */
  outputName: string;
  /** The output's top-level field names (what `?fields=` may name). */
  outputFields: ReadonlySet<string>;
  timeoutMs: number;
  /**
   * Calls the service's upstream (under its breaker); resolves with the answer checked against the output
   * contract and sealed, rejects with an UpstreamError or UPSTREAM_CONTRACT_BROKEN.
   */
  call(input: unknown, ctx: CallContext): Promise<UpstreamRecord>;
}

export interface ServiceCatalog {
  get(id: string): CatalogEntry | undefined;
  list(): CatalogEntry[];
  adapters(): UpstreamHandle[];
  close(): Promise<void>;
}

/**
 * The keep-alive agent of upstream calls (the transports' adapters/sdk/http-call.ts). TCP keep-alive
 * probes start after 60 s idle (the agent's default of 1 s probes pooled sockets needlessly often).
 */
export function createUpstreamAgent(): Agent {
  return new Agent({ keepAlive: true, keepAliveMsecs: 60_000, maxSockets: 256 });
}

/** What the adapters are lent of the hub's signing identity: the signer, its key and certificate (XML-DSig). */
export function adapterSigner(hub: HubSigner): Signer {
  return {
    kid: hub.kid,
    alg: hub.alg,
    sign: (d) => hub.sign(d),
    privateKey: hub.privateKey,
    certificatePem: hub.certificate.toString(),
  };
}

export function createServiceCatalog(
  config: HubConfig,
  registry: readonly RegisteredAdapter[],
  deps: { logger: AdapterLogger; signer?: Signer; agent?: Agent; receipts?: ReceiptStore },
): ServiceCatalog {
  const agent = deps.agent ?? createUpstreamAgent();
  const instances = new Map<string, AdapterInstance>();
  const entries = new Map<string, CatalogEntry>();
  const file = 'config/services.json';

  config.services.forEach((s, i) => {
    const reg = registry.find((r) => r.adapter.id === s.adapter);
    if (!reg)
      throw new ConfigError(
        file,
        `services[${i}].adapter`,
        `no adapter "${s.adapter}" is registered (adapters/registry.ts)`,
      );
    let instance = instances.get(s.adapter);
    if (!instance) {
      const up = config.upstreams[s.adapter];
      instance = createAdapterInstance(
        reg.adapter,
        { baseUrl: up.baseUrl, timeoutMs: up.timeoutMs, options: up.options, auth: up.auth, tls: up.tls },
        { agent, logger: deps.logger, signer: deps.signer, receipts: deps.receipts },
      );
      instances.set(s.adapter, instance);
    }
    const service = reg.adapter.services.find((x) => serviceKey(x) === s.service);
    if (!service)
      throw new ConfigError(
        file,
        `services[${i}].service`,
        `adapter ${s.adapter} has no service ${s.service}`,
      );
    const contract = typeof service.output === 'string' ? contracts.get(service.output) : undefined;
    if (typeof service.output === 'string' && !contract) {
      throw new ConfigError(
        file,
        `services[${i}].service`,
        `service ${s.service} names unknown contract ${service.output}`,
      );
    }
    const outputSchema = typeof service.output === 'string' ? undefined : service.output;
    const outputName =
      contract?.id ?? String((outputSchema?.describe().flags as { id?: string } | undefined)?.id ?? 'object');
    const adapter = instance;
    const described = (contract?.schema ?? outputSchema)?.describe() as { keys?: object } | undefined;
    const entry: CatalogEntry = {
      id: s.id,
      config: s,
      provider: s.id.split('/').slice(0, 2).join('/'),
      adapter: instance,
      service,
      contract,
      outputSchema,
      outputName,
      outputFields: new Set(Object.keys(described?.keys ?? {})),
      timeoutMs: s.timeoutMs ?? config.upstreams[s.adapter].timeoutMs ?? config.hub.limits.defaultTimeoutMs,
      async call(input, ctx) {
        const out = await adapter.call(service, input, ctx);
        return UpstreamRecord.seal(checkOutput(ctx.logger, entry, out, ctx.messageId));
      },
    };
    entries.set(s.id, entry);
  });

  return {
    get: (id) => entries.get(id),
    list: () => [...entries.values()],
    adapters: () => [...instances.values()],
    async close() {
      await Promise.all([...instances.values()].map((a) => a.close()));
      agent.destroy();
    },
  };
}
