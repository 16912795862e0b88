/**
 * A delivery's status is one snapshot: read while its job moves from active to failed, it reports one
 * attempt of a refusal attempted once — never the state from before the move with the attempt count from
 * after it. (A CI run reported a refused procedure step as attempted twice: the timeline's status read
 * took the job's state and the job in two round trips, and the worker failed the job in between.)
 *
 * The race is forced, not hoped for: the worker is held inside its dead-letter hook, and every Redis
 * reply to the status read is held until the held worker has been released and its job is failed. However
 * many round trips status() makes, the job finishes between the first reply and the rest.
 */
import Redis, { type Command } from 'ioredis';
import { unsignedSmsData } from '../test/helpers/delivery-load';
import { useRedis } from '../test/helpers/redis';
import { bullConnection } from './connection';
import { createDeliveryQueues, type DeliveryQueues } from './deliveries';
import { startDeliveryWorkers, type WorkerSet } from './worker';
import { testSealer } from '../test/helpers/sealer';

const sealer = testSealer();

const redis = useRedis();
let client: Redis;
let probe: Redis;
let connection: Redis;
let queues: DeliveryQueues;
let workers: WorkerSet | undefined;

beforeAll(() => {
  client = new Redis(redis.url);
  probe = new Redis(redis.url);
  connection = bullConnection(redis.url);
  queues = createDeliveryQueues(client, { sealer, destinations: ['notify'] });
});
redis.beforeStop(async () => {
  await workers?.close();
  await queues.close();
  for (const c of [client, probe, connection]) await c.quit();
});

/** Resolves when `fn` returns true, checking on each Redis round trip of the probe connection. */
async function until(fn: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setImmediate(r));
  }
}

it('reports a refusal attempted once as one attempt while its job moves to failed', async () => {
  const data = unsignedSmsData('notify', 'refused');
  const queue = queues.queue('notify');
  const jobKey = queue.toKey(data.id);

  let releaseWorker!: () => void;
  const workerHeld = new Promise<void>((r) => (releaseWorker = r));
  let inDeadLetterHook!: () => void;
  const deadLettered = new Promise<void>((r) => (inDeadLetterHook = r));
  const delivered: string[] = [];

  workers = startDeliveryWorkers({
    connection,
    queues,
    destinations: [
      {
        destination: 'notify',
        deliver: async (d) => {
          delivered.push(d.id);
          throw new Error('refused');
        },
        classify: () => ({ code: 'rejected', reason: 'refused', retryable: false }),
        // The procedure engine marks the step failed here, while BullMQ still has the job active.
        onDead: async () => {
          inDeadLetterHook();
          await workerHeld;
        },
      },
    ],
  });
  await queues.enqueue(data);
  await deadLettered;

  // Hold every reply to the status read until the worker has been let go and BullMQ has failed the job.
  const send = client.sendCommand.bind(client);
  let armed = true;
  const jobFailed = async () => {
    releaseWorker();
    await until(async () => (await probe.zscore(queue.toKey('failed'), data.id)) !== null);
  };
  client.sendCommand = ((command: Command, ...rest: unknown[]) => {
    if (armed) {
      const resolve = command.resolve;
      command.resolve = (value: unknown) => void jobFailed().then(() => resolve(value));
    }
    return (send as (...a: unknown[]) => unknown)(command, ...rest);
  }) as typeof client.sendCommand;
  let status;
  try {
    status = await queues.status(data.id);
  } finally {
    armed = false;
    client.sendCommand = send;
  }

  expect(delivered).toEqual([data.id]);
  expect(await probe.hget(jobKey, 'atm')).toBe('1');
  expect(status).toMatchObject({ id: data.id, state: 'dead', attempts: 1 });
  expect(status?.errors).toEqual([expect.objectContaining({ attempt: 1, code: 'rejected' })]);
  // And read again once the job is failed: still one attempt.
  expect(await queues.status(data.id)).toMatchObject({ state: 'dead', attempts: 1 });
});
