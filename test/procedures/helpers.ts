/** Shared by the procedure tests: a world with every simulator, an in-process worker, polling helpers. */
import { startWorld, type World, type WorldOptions } from '../../hub/sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../../hub/worker-runtime';
import type { HubClient } from '../../hub/protocol';
import type { RedisHandle } from '../helpers/redis';

export interface ProcedureWorld {
  world: World;
  worker: WorkerRuntime;
}

export const FAST_DELIVERIES = {
  LIENTHONG_DELIVERY_ATTEMPTS: '4',
  LIENTHONG_DELIVERY_BACKOFF_BASE_MS: '100',
  LIENTHONG_DELIVERY_BACKOFF_CAP_MS: '400',
  LIENTHONG_UPSTREAM_TIMEOUT_MS: '2000',
};

export interface ProcedureWorldOptions {
  env?: Record<string, string>;
  /** Options of the simulators, by adapter id (e.g. the tax office's auto-payment). */
  simulators?: WorldOptions['simulators'];
  /** The dossiers' clock (see skewedClock). */
  procedureClock?: () => number;
  /** A configuration directory other than config/. */
  configDir?: string;
}

export async function startProcedureWorld(
  redis: RedisHandle,
  opts: ProcedureWorldOptions = {},
): Promise<ProcedureWorld> {
  const world = await startWorld({
    redisUrl: redis.url,
    env: { ...FAST_DELIVERIES, ...opts.env },
    simulators: opts.simulators,
    procedureClock: opts.procedureClock,
    configDir: opts.configDir,
  });
  const worker = await startWorkerRuntime({
    config: world.config,
    nodeId: 'procedure-test-worker',
    reconcileEveryMs: 1000,
    clock: opts.procedureClock,
  });
  redis.beforeStop(async () => {
    await worker.close();
    await world.close();
  });
  return { world, worker };
}

/** A clock that runs with real time and can be moved (forward, or to a moment), for statutory limits in tests. */
export function skewedClock(): { now: () => number; advance(ms: number): void; set(t: number): void } {
  let skew = 0;
  return {
    now: () => Date.now() + skew,
    advance: (ms) => void (skew += ms),
    set: (t) => void (skew = t - Date.now()),
  };
}

export async function until<T>(fn: () => Promise<T | undefined>, ms = 30_000, every = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, every));
  }
}

export type Timeline = {
  status: { code: number };
  receivedAt: string;
  dueAt: string;
  overdue?: boolean;
  steps: {
    id: string;
    state: string;
    startedAt?: string;
    dueAt?: string;
    overdue: boolean;
    attempts?: number;
    confirmedBy?: string;
    lastError?: { code: string };
    errors?: { attempt: number; code: string; retryable: boolean }[];
  }[];
  history: { status: number; at: string; note?: string }[];
  onTime?: boolean;
  reason?: string;
  needsOfficer?: { step: string };
};

export const timelineOf = async (client: HubClient, code: string, purpose: string) =>
  (await client.request('GET', `/v1/dossiers/${code}`, { purpose })).body as Timeline;

export const waitForStatus = async (
  client: HubClient,
  code: string,
  purpose: string,
  statuses: number[],
  ms = 30_000,
): Promise<Timeline> => {
  let last: Timeline | undefined;
  try {
    return await until(async () => {
      last = await timelineOf(client, code, purpose);
      return statuses.includes(last.status?.code) ? last : undefined;
    }, ms);
  } catch {
    // Say where the dossier got stuck, not only that it did.
    throw new Error(`dossier ${code} never reached ${statuses.join('/')}: ${JSON.stringify(last)}`);
  }
};
