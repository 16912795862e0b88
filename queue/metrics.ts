/**
 * Prometheus gauges of the delivery queues, read from Redis when they are scraped (prom-client `collect`):
 * per destination the depth (waiting + delayed + active) and its parts, how long the oldest delivery
 * not yet delivered has been due — whatever its BullMQ state: waiting, backing off, waiting behind its
 * dossier, active (pending.ts) — and the dead letters. One scrape reads Redis once for all of them; a
 * scrape while Redis does not answer (within `timeoutMs`) exports no per-destination series rather than
 * stale figures.
 */
import { Gauge, type Registry } from 'prom-client';
import type { DeliveryQueues } from './deliveries';
import { oldestPending } from './pending';

/** What the gauges show, for one moment. */
export interface QueueSnapshot {
  destinations: {
    destination: string;
    waiting: number;
    delayed: number;
    active: number;
    /** Seconds since the oldest delivery not yet delivered became due (accepted or redriven); 0 when none. */
    oldestWaitingAgeSec: number;
    deadLetters: number;
  }[];
  deadLetters: number;
}

/** Options of {@link registerQueueMetrics}. */
export interface QueueMetricsOptions {
  /** Longest a scrape waits for Redis. @defaultValue 1000 */
  timeoutMs?: number;
  /** Clock in epoch ms. @defaultValue Date.now */
  clock?: () => number;
}

export const QUEUE_DEPTH = 'lienthong_delivery_queue_depth';
export const QUEUE_JOBS = 'lienthong_delivery_queue_jobs';
export const OLDEST_WAITING = 'lienthong_delivery_oldest_waiting_age_seconds';
export const DEAD_LETTERS = 'lienthong_dead_letters';

const destinationOfQueue = (name: string) => name.replace(/^deliveries\./, '');

/** Reads the figures of every delivery queue and the dead-letter queue. */
export async function readQueueSnapshot(queues: DeliveryQueues, now = Date.now()): Promise<QueueSnapshot> {
  const names = queues.queues().map((q) => destinationOfQueue(q.name));
  const [dead, total] = await Promise.all([queues.deadLetters.sizes(names), queues.deadLetters.size()]);
  const destinations = await Promise.all(
    queues.queues().map(async (q) => {
      const destination = destinationOfQueue(q.name);
      const [counts, oldest] = await Promise.all([
        q.getJobCounts('waiting', 'prioritized', 'delayed', 'active'),
        oldestPending(queues.redis, destination),
      ]);
      return {
        destination,
        waiting: (counts.waiting ?? 0) + (counts.paused ?? 0) + (counts.prioritized ?? 0),
        delayed: counts.delayed ?? 0,
        active: counts.active ?? 0,
        oldestWaitingAgeSec: oldest === undefined ? 0 : Math.max(0, (now - oldest) / 1000),
        deadLetters: dead.get(destination) ?? 0,
      };
    }),
  );
  return { destinations, deadLetters: total };
}

/**
 * Adds the queue gauges to `registry` (once: a second call for the same registry is a no-op). Their
 * values are read at scrape time.
 */
export function registerQueueMetrics(
  registry: Registry,
  queues: DeliveryQueues,
  opts: QueueMetricsOptions = {},
): void {
  if (registry.getSingleMetric(QUEUE_DEPTH)) return;
  const clock = opts.clock ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 1000;
  let inFlight: Promise<QueueSnapshot | undefined> | undefined;
  // The gauges of one scrape are collected together: they share one read.
  const snapshot = () =>
    (inFlight ??= Promise.race([
      readQueueSnapshot(queues, clock()),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs).unref()),
    ])
      .catch(() => undefined)
      .finally(() => {
        inFlight = undefined;
      }));

  new Gauge({
    name: QUEUE_DEPTH,
    help: 'Deliveries not yet finished per destination: waiting + delayed (backing off) + active',
    labelNames: ['destination'],
    registers: [registry],
    async collect() {
      const s = await snapshot();
      this.reset();
      for (const d of s?.destinations ?? [])
        this.set({ destination: d.destination }, d.waiting + d.delayed + d.active);
    },
  });
  new Gauge({
    name: QUEUE_JOBS,
    help: 'Deliveries per destination and state (waiting, delayed, active)',
    labelNames: ['destination', 'state'],
    registers: [registry],
    async collect() {
      const s = await snapshot();
      this.reset();
      for (const d of s?.destinations ?? []) {
        this.set({ destination: d.destination, state: 'waiting' }, d.waiting);
        this.set({ destination: d.destination, state: 'delayed' }, d.delayed);
        this.set({ destination: d.destination, state: 'active' }, d.active);
      }
    },
  });
  new Gauge({
    name: OLDEST_WAITING,
    help: 'Seconds since the oldest delivery of a destination not yet delivered became due — waiting, backing off, waiting behind its dossier or active (0 when none)',
    labelNames: ['destination'],
    registers: [registry],
    async collect() {
      const s = await snapshot();
      this.reset();
      for (const d of s?.destinations ?? []) this.set({ destination: d.destination }, d.oldestWaitingAgeSec);
    },
  });
  new Gauge({
    name: DEAD_LETTERS,
    help: 'Deliveries in the dead-letter queue (attempts exhausted or refused), waiting for an operator, per destination',
    labelNames: ['destination'],
    registers: [registry],
    async collect() {
      const s = await snapshot();
      this.reset();
      for (const d of s?.destinations ?? []) this.set({ destination: d.destination }, d.deadLetters);
    },
  });
}
