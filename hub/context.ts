/** What the hub app is built from (CONVENTIONS §6): every dependency passed in, nothing global. */
import type { Redis } from 'ioredis';
import type { RegisteredAdapter } from '../adapters/registry';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { HubConfig } from '../config/loader';
import type { DeliveryQueues } from '../queue';
import type { ProcedureEngine } from './procedures/engine';
import type { WorkingCalendar } from './procedures/calendar';
import type { Ratings } from './procedures/rating';
import type { DossierStore } from './procedures/store';
import type { Audit } from './audit';
import type { ServiceCatalog } from './exchange/catalog';
import type { IdempotencyStore } from './exchange/idempotency';
import type { AccessPolicy } from './exchange/policy';
import type { RefusalGate } from './http/refusals';
import type { Logger } from './observability/logger';
import type { HubMetrics } from './observability/metrics';
import type { ReplayCache } from './protocol';
import type { OperatorTokens } from './operators/tokens';
import type { TrustStore } from './trust';

export interface HubDeps {
  /** The configuration in force: replaced when members, services or policies are reloaded. */
  config: HubConfig;
  trust: TrustStore;
  redis: Redis;
  audit: Audit;
  catalog: ServiceCatalog;
  policy: AccessPolicy;
  replay: ReplayCache;
  idempotency: IdempotencyStore;
  rateLimiter: RateLimiterAbstract;
  /** Refusals before authentication: rate-limited per source and audited in aggregate (http/refusals.ts). */
  refusals: RefusalGate;
  logger: Logger;
  metrics: HubMetrics;
  /** The delivery queues; without them the asynchronous routes answer SERVICE_UNKNOWN. */
  deliveries?: DeliveryQueues;
  /** The joint-procedures engine and its dossiers (absent when no procedure is configured). */
  procedures?: ProcedureEngine;
  procedureStore?: DossierStore;
  /** Operators' tokens (dashboard, dead letters), read when asked; undefined disables those routes. */
  operators?: () => OperatorTokens | undefined;
  /** The working-day calendar of the dossiers' limits (present with the procedures). */
  calendar?: WorkingCalendar;
  /** Applicants' satisfaction ratings (present with the procedures). */
  ratings?: Ratings;
  /** Clock of dossiers (timelines, overdue flags). @defaultValue clock */
  procedureClock?: () => number;
  /** Clock in epoch ms. @defaultValue Date.now */
  clock?: () => number;
  /** The registered adapters (examples of /openapi.json come from their conformance kits). */
  registry?: readonly RegisteredAdapter[];
}
