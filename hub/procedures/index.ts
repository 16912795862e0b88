/** The joint-procedures engine and its wiring: definitions, the engine, the dossier store, the API routes. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { HubConfig } from '../../config/loader';
import type { DeliveryQueues } from '../../queue';
import type { Audit } from '../audit';
import type { ServiceCatalog } from '../exchange/catalog';
import type { AccessPolicy } from '../exchange/policy';
import type { Logger } from '../observability/logger';
import type { Signer } from '../protocol';
import { calendarOf, type WorkingCalendar } from './calendar';
import { loadProcedures } from './definition';
import { createProcedureEngine, type ProcedureEngine } from './engine';
import { createRatings, type Ratings } from './rating';
import { createDossierStore, type DossierStore } from './store';

export { createProcedureRoutes } from './routes';
export type { ProcedureEngine } from './engine';
export type { ProcedureDef } from './definition';

export function createProcedures(deps: {
  config: HubConfig;
  redis: Redis;
  catalog: ServiceCatalog;
  policy: AccessPolicy;
  audit: Audit;
  deliveries: DeliveryQueues;
  signer: Signer;
  logger: Logger;
  clock?: () => number;
}):
  { engine: ProcedureEngine; store: DossierStore; calendar: WorkingCalendar; ratings: Ratings } | undefined {
  const dir = join(deps.config.dir, 'procedures');
  if (!existsSync(dir)) return undefined;
  const procedures = loadProcedures(dir, (s) => deps.catalog.get(s) !== undefined);
  if (!procedures.size) return undefined;
  const calendar = calendarOf(deps.config.dir);
  const store = createDossierStore(deps.redis);
  const engine = createProcedureEngine({
    ...deps,
    procedures,
    store,
    clock: deps.clock ?? Date.now,
    calendar,
    publicUrl: deps.config.hub.publicUrl,
    // Within the time completed delivery jobs (their idempotency records) are kept.
    resendWindowMs: Math.min(3_600_000, (deps.config.hub.deliveries.keepCompletedSec * 1000) / 2),
  });
  const ratings = createRatings({
    store,
    procedures: (id) => procedures.get(id),
    catalog: deps.catalog,
    signer: deps.signer,
    deliveries: deps.deliveries,
    clock: deps.clock ?? Date.now,
  });
  return { engine, store, calendar, ratings };
}
