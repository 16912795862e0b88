/**
 * The service catalogue at run time: each configured service (`member/subsystem/service/version`) with
 * its adapter instance, the adapter's service definition and its resolved output contract. Built once at
 * start; a service naming an unknown adapter or adapter service stops the start (ConfigError).
 */
import { Agent } from 'node:http';
import type { ObjectSchema } from 'joi';
import { contracts, type ContractDefinition } from '../../contracts';
import { ConfigError, type HubConfig, type ServiceConfig } from '../../config/loader';
import type { RegisteredAdapter } from '../../adapters/registry';
import { createAdapterInstance, serviceKey, type AdapterInstance } from '../../adapters/sdk';
import type { Logger as AdapterLogger, ReceiptStore, ServiceDefinition, Signer } from '../../adapters/sdk';

export interface CatalogEntry {
  id: string;
  config: ServiceConfig;
  /** The provider: `member/subsystem`. */
  provider: string;
  adapter: AdapterInstance;
  service: ServiceDefinition;
  /** The output's contract when it is a registered one (validated and normalised with it). */
  contract?: ContractDefinition;
  /** Otherwise the service's own output schema. */
  outputSchema?: ObjectSchema;
  /** The output's name for documentation: `person@1` or the schema id. */
  outputName: string;
  timeoutMs: number;
}

export interface ServiceCatalog {
  get(id: string): CatalogEntry | undefined;
  list(): CatalogEntry[];
  adapters(): AdapterInstance[];
  close(): Promise<void>;
}

/**
 * The keep-alive agent of upstream calls (the transports' adapters/sdk/http-call.ts). TCP keep-alive
 * probes start after 60 s idle (the agent's default of 1 s probes pooled sockets needlessly often).
 */
export function createUpstreamAgent(): Agent {
  return new Agent({ keepAlive: true, keepAliveMsecs: 60_000, maxSockets: 256 });
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
    entries.set(s.id, {
      id: s.id,
      config: s,
      provider: s.id.split('/').slice(0, 2).join('/'),
      adapter: instance,
      service,
      contract,
      outputSchema,
      outputName,
      timeoutMs: s.timeoutMs ?? config.upstreams[s.adapter].timeoutMs ?? config.hub.limits.defaultTimeoutMs,
    });
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
