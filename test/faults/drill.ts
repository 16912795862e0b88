/**
 * What the fault drills share: waiting for a condition with a deadline, the delivery status and the
 * dead-letter API of a hub process, and the gateway simulator's outbox — what it applied, by request id
 * (the worker sends the delivery id as the gateway's RequestId and as the Idempotency-Key).
 */
import type { HubClient } from '../../hub/protocol';
import type { FaultWorld } from '../helpers/fault-world';
import { PURPOSE } from '../helpers/delivery-load';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a value other than undefined; throws with `what` after `ms`. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  ms = 30_000,
  every = 100,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

export interface SentMessage {
  requestId: string;
  reference?: string;
  text: string;
}

/** Every message the gateway applied (accepted into its outbox), in order. */
export async function outbox(fw: FaultWorld): Promise<SentMessage[]> {
  const res = await fetch(`${fw.notify.url}/__admin/state`);
  return ((await res.json()) as { messages: SentMessage[] }).messages;
}

/** How many times the gateway applied each request id. */
export async function appliedCounts(fw: FaultWorld): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const m of await outbox(fw)) counts.set(m.requestId, (counts.get(m.requestId) ?? 0) + 1);
  return counts;
}

export interface DeliveryStatus {
  id: string;
  state: string;
  attempts: number;
  errors: { attempt: number; code: string; reason: string; retryable: boolean }[];
}

/** GET /v1/deliveries/{id} as the member that sent it. */
export async function statusOf(client: HubClient, id: string): Promise<DeliveryStatus> {
  const res = await client.request('GET', `/v1/deliveries/${id}`, { purpose: PURPOSE });
  if (res.status !== 200) throw new Error(`status of ${id}: HTTP ${res.status}`);
  return res.body as DeliveryStatus;
}

/** Waits until every delivery is in one of `states`; returns their statuses. */
export function settled(
  client: HubClient,
  ids: string[],
  states: string[],
  ms = 30_000,
): Promise<DeliveryStatus[]> {
  return until(
    `${ids.length} deliveries to be ${states.join(' or ')}`,
    async () => {
      const all = await Promise.all(ids.map((id) => statusOf(client, id)));
      return all.every((s) => states.includes(s.state)) ? all : undefined;
    },
    ms,
    250,
  );
}

/** An operators' request to a hub process. */
export async function admin(
  fw: FaultWorld,
  hubUrl: string,
  method: string,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${hubUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${fw.world.adminToken}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The Prometheus exposition of a hub process, as `name{labels}` → value. */
export async function scrape(hubUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${hubUrl}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}
