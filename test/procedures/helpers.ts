/** Shared by the procedure tests: a world with every simulator, an in-process worker, polling helpers. */
import { startWorld, type World } from '../../hub/sandbox/world';
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

export async function startProcedureWorld(
  redis: RedisHandle,
  env: Record<string, string> = {},
): Promise<ProcedureWorld> {
  const world = await startWorld({ redisUrl: redis.url, env: { ...FAST_DELIVERIES, ...env } });
  const worker = await startWorkerRuntime({
    config: world.config,
    nodeId: 'procedure-test-worker',
    reconcileEveryMs: 1000,
  });
  redis.beforeStop(async () => {
    await worker.close();
    await world.close();
  });
  return { world, worker };
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
  steps: { id: string; state: string; overdue: boolean; attempts?: number; lastError?: { code: string } }[];
  history: { status: number; at: string; note?: string }[];
  onTime?: boolean;
  reason?: string;
  needsOfficer?: { step: string };
};

export const timelineOf = async (client: HubClient, code: string, purpose: string) =>
  (await client.request('GET', `/v1/dossiers/${code}`, { purpose })).body as Timeline;

export const waitForStatus = (
  client: HubClient,
  code: string,
  purpose: string,
  statuses: number[],
  ms = 30_000,
) =>
  until(async () => {
    const t = await timelineOf(client, code, purpose);
    return statuses.includes(t.status?.code) ? t : undefined;
  }, ms);
