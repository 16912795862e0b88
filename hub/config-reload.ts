/**
 * Members, services and policies taken up by a running process, like the trust directory: the
 * configuration folder is read again every `configReloadSec` and on SIGHUP. A folder that does not load
 * (a half-edited file, a grant naming an unknown service) is refused: the last good configuration stays
 * in force and the reason — file and key — is logged. hub.json (ports, Redis, directories) is read at
 * start only; a change there needs a restart, and so does a new destination for the worker (one BullMQ
 * worker per adapter is started at start-up).
 *
 * The access policy and the service catalog handed out here delegate to the current ones, so everything
 * built from them (routes, the procedures engine, the worker) sees a reload at once. A replaced catalog is
 * closed after `graceMs`, once the calls in flight on its adapters have ended.
 */
import { loadAdapters, type RegisteredAdapter } from '../adapters/registry';
import { loadConfig, type HubConfig } from '../config/loader';
import { createServiceCatalog, type ServiceCatalog } from './exchange/catalog';
import { createAccessPolicy, type AccessPolicy } from './exchange/policy';
import type { Logger } from './observability/logger';

export interface ReloadableConfigOptions {
  initial: HubConfig;
  /** The adapters to build services on. @defaultValue the registered adapters the configuration names, loaded */
  registry?: readonly RegisteredAdapter[];
  logger: Logger;
  catalogDeps: Omit<Parameters<typeof createServiceCatalog>[2], 'agent'>;
  /** Environment of `${VAR}` substitution. @defaultValue the one the initial configuration was loaded with */
  env?: NodeJS.ProcessEnv;
  /** How long a replaced catalog stays open. @defaultValue 30000 */
  graceMs?: number;
  /** Told of each configuration taken up (after the first). */
  onReload?(config: HubConfig): void;
}

export interface ReloadableConfig {
  /** The configuration in force. */
  current(): HubConfig;
  policy: AccessPolicy;
  catalog: ServiceCatalog;
  /** Reads the folder again; true when the new configuration was taken up. Never throws. */
  reload(): boolean;
  /** Reloads every `everySec` (0: never) and on SIGHUP, until close(). */
  watch(everySec: number): void;
  close(): Promise<void>;
}

/** Whether two configurations have the same members, services, upstreams, purposes and grants. */
const same = (a: HubConfig, b: HubConfig): boolean =>
  JSON.stringify([a.members, a.services, a.upstreams, a.purposes, a.grants]) ===
  JSON.stringify([b.members, b.services, b.upstreams, b.purposes, b.grants]);

export function createReloadableConfig(opts: ReloadableConfigOptions): ReloadableConfig {
  const { logger } = opts;
  // A reloaded configuration may name an adapter the last one did not: it is loaded then.
  const registryFor = (c: HubConfig) =>
    opts.registry ?? loadAdapters([...new Set(c.services.map((s) => s.adapter))]);
  let config = opts.initial;
  let policy = createAccessPolicy(config);
  let catalog = createServiceCatalog(config, registryFor(config), opts.catalogDeps);
  /** Replaced catalogs waiting for their calls in flight, by the timer that closes them. */
  const retiring = new Map<NodeJS.Timeout, ServiceCatalog>();
  let timer: NodeJS.Timeout | undefined;

  const reload = (): boolean => {
    let next: HubConfig;
    let nextCatalog: ServiceCatalog;
    try {
      // hub.json is taken at start only: the new folder's other files over the hub settings in force.
      const env = opts.env ?? config.env ?? process.env;
      const loaded = loadConfig(config.dir, env);
      next = { ...loaded, hub: config.hub };
      Object.defineProperty(next, 'env', { value: env, enumerable: false });
      if (same(next, config)) return true;
      nextCatalog = createServiceCatalog(next, registryFor(next), opts.catalogDeps);
    } catch (err) {
      logger.error(
        { err: err instanceof Error ? err.message : String(err), dir: config.dir },
        'configuration not reloaded; the last good configuration stays in force',
      );
      return false;
    }
    const old = catalog;
    config = next;
    policy = createAccessPolicy(next);
    catalog = nextCatalog;
    const t = setTimeout(() => {
      retiring.delete(t);
      void old.close();
    }, opts.graceMs ?? 30_000);
    t.unref();
    retiring.set(t, old);
    logger.info(
      { members: next.members.length, services: next.services.length, grants: next.grants.length },
      'configuration reloaded',
    );
    opts.onReload?.(next);
    return true;
  };

  const onSighup = () => void reload();
  return {
    current: () => config,
    policy: {
      authorise: (client, serviceId, purpose) => policy.authorise(client, serviceId, purpose),
      servicesFor: (client) => policy.servicesFor(client),
      hasRight: (member, right) => policy.hasRight(member, right),
    },
    catalog: {
      get: (id) => catalog.get(id),
      list: () => catalog.list(),
      adapters: () => catalog.adapters(),
      close: () => catalog.close(),
    },
    reload,
    watch(everySec) {
      if (everySec > 0) {
        timer = setInterval(reload, everySec * 1000);
        timer.unref();
      }
      process.on('SIGHUP', onSighup);
    },
    async close() {
      if (timer) clearInterval(timer);
      process.off('SIGHUP', onSighup);
      const open = [...retiring.values(), catalog];
      for (const t of retiring.keys()) clearTimeout(t);
      retiring.clear();
      await Promise.all(open.map((c) => c.close()));
    },
  };
}
