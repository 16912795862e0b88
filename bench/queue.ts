/**
 * `npm run bench -- queue`: deliveries through the hub's queue, with Redis on AOF (appendfsync everysec),
 * hub, worker and the notify gateway simulator each in a child process.
 *
 * - accepted/s on the 202 path: pre-signed POST /v1/deliveries requests from two members, `CONCURRENCY`
 *   in flight, against one hub process with no worker running (so the backlog builds up);
 * - Redis memory per pending delivery: INFO used_memory before and after that backlog, once with the
 *   replay-cache keys the requests leave behind for 3 minutes and once without them;
 * - delivered/s end to end: the `lienthong worker` process drains that backlog of accepted, signed
 *   deliveries — each sent to the simulator with its idempotency key, audited, acknowledged in Redis —
 *   timed from its first to its last completion;
 * - the bare worker: a plain BullMQ Worker (this file, started with LIENTHONG_BENCH_ROLE=bare-worker) on
 *   the same Redis posting the same gateway payload to the same simulator with node:http, with no
 *   signature, idempotency, ordering, breaker or audit, draining the same number of jobs added directly.
 *
 * Rounds alternate hub and bare drains so both see the same machine; the median round is reported.
 * BENCH_QUEUE_N, BENCH_QUEUE_ROUNDS and BENCH_QUEUE_CONCURRENCY change the sizes; BENCH_QUEUE_PROFILE=<dir>
 * writes a CPU profile of every child process there.
 * Targets: delivered/s ≥ 70 % of the bare worker's, and ≥ 5,000 accepted/s.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { toSmsRequest } from '../adapters/notify/mapping';
import { notifyOptions } from '../adapters/notify';
import { prepareWorld } from '../hub/sandbox/prepare-world';
import { bullConnection, deliveryQueueName, QUEUE_PREFIX } from '../queue';
import { startLocalRedis } from '../queue/local-redis';
import { mapBounded, postRaw, signDelivery, smsDelivery, type Sender } from '../test/helpers/delivery-load';
import { ProcessGroup } from '../test/helpers/processes';
import { drain, dropReplayKeys, usedMemory, type Drain } from '../test/helpers/queue-measure';
import { printTable, writeResults } from './lib';

const N = Number(process.env.BENCH_QUEUE_N ?? 4000);
const ROUNDS = Number(process.env.BENCH_QUEUE_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_QUEUE_CONCURRENCY ?? 128);
/** Deliveries in flight per worker process, the same for both workers. */
const WORKER_CONCURRENCY = 16;
const BARE_QUEUE = 'bench.bare';
const MEMBERS = ['VN:GOV:01:UBND-NGOCHA', 'VN:GOV:79:UBND-TANHIEP'];
const PROFILE = process.env.BENCH_QUEUE_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_QUEUE_PROFILE}`]
  : [];
const SIMULATOR = `require('./adapters/notify/simulator').createNotifySimulator({ logSize: 10 }).start(0)
  .then((s) => process.stdout.write('simulator listening on ' + s.url + '\\n'))`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The gateway payload both workers send. */
const smsPayload = (reference: string) =>
  toSmsRequest(
    { to: '+84912345678', text: `Hồ sơ ${reference} đã được tiếp nhận`, reference },
    notifyOptions(undefined),
    randomUUID(),
  );

export async function run(): Promise<Record<string, unknown>> {
  const processes = new ProcessGroup();
  const redisServer = await startLocalRedis({ appendfsync: 'everysec' });
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 3 });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let world: Awaited<ReturnType<typeof prepareWorld>> | undefined;
  try {
    const sim = await processes.startNode({
      name: 'simulator',
      nodeArgs: [...PROFILE, '--require', 'tsx/cjs', '-e', SIMULATOR],
      env: process.env as Record<string, string>,
      ready: /simulator listening on (\S+)/,
    });
    world = await prepareWorld({
      redisUrl: redisServer.url,
      adapters: ['notify'],
      upstreams: { notify: sim.match![1] },
      members: MEMBERS,
      logLevel: 'warn',
      env: { LIENTHONG_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) },
    });
    const senders: Sender[] = MEMBERS.map((m) => ({ client: `${m}/MOTCUA`, key: world!.key(m) }));
    const hub = await processes.start({
      name: 'hub',
      args: ['serve', '--port', '0'],
      nodeArgs: PROFILE,
      env: world.env,
      ready: /listening on (http\S+)/,
    });
    const hubUrl = hub.match![1];
    const simUrl = sim.match![1];
    const hubQueue = new Queue(deliveryQueueName('notify'), { connection: redis, prefix: QUEUE_PREFIX });
    const bareQueue = new Queue(BARE_QUEUE, { connection: redis, prefix: QUEUE_PREFIX });
    const rounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Accept: pre-signed requests (signing is the sender's work, not the hub's).
      const signed = Array.from({ length: N }, (_, i) =>
        signDelivery(senders[i % senders.length], smsDelivery(`HS-${round}-${i}`)),
      );
      const before = await usedMemory(redis);
      const hubCpu = hub.cpuMs();
      const t0 = process.hrtime.bigint();
      const statuses = await mapBounded(
        signed,
        CONCURRENCY,
        async (s) => (await postRaw(agent, hubUrl, '/v1/deliveries', s.headers, s.body)).status,
      );
      const acceptSec = Number(process.hrtime.bigint() - t0) / 1e9;
      const refused = statuses.filter((s) => s !== 202).length;
      if (refused) throw new Error(`${refused} of ${N} deliveries were not accepted`);
      const hubCpuPerRequest = (hub.cpuMs() - hubCpu) / N;
      const after = await usedMemory(redis);
      await dropReplayKeys(redis);
      const afterNoReplay = await usedMemory(redis);

      // Drain that backlog with the hub's worker.
      const completed = (await hubQueue.getJobCounts('completed')).completed;
      const worker = await processes.start({
        name: `worker-${round}`,
        args: ['worker', '--concurrency', String(WORKER_CONCURRENCY)],
        nodeArgs: PROFILE,
        env: world.env,
        ready: /workers running/,
      });
      const ours = await drain(hubQueue, completed + N, {
        worker: worker.pid,
        simulator: sim.pid,
        redis: redisServer.pid,
      });
      await worker.stop();

      // Drain the same number of jobs, added directly, with the bare worker.
      for (let i = 0; i < N; i += 1000) {
        await bareQueue.addBulk(
          Array.from({ length: Math.min(1000, N - i) }, (_, j) => ({
            name: 'deliver',
            data: smsPayload(`HS-${round}-${i + j}`),
            opts: {
              attempts: 8,
              backoff: { type: 'exponential', delay: 1000 },
              removeOnComplete: { age: 86_400 },
            },
          })),
        );
      }
      const bareCompleted = (await bareQueue.getJobCounts('completed')).completed;
      const bareWorker = await processes.startNode({
        name: `bare-worker-${round}`,
        nodeArgs: [...PROFILE, '--require', 'tsx/cjs', __filename],
        env: {
          ...(process.env as Record<string, string>),
          LIENTHONG_BENCH_ROLE: 'bare-worker',
          BENCH_REDIS_URL: redisServer.url,
          BENCH_SIM_URL: simUrl,
        },
        ready: /bare worker running/,
      });
      const bare = await drain(bareQueue, bareCompleted + N, {
        worker: bareWorker.pid,
        simulator: sim.pid,
        redis: redisServer.pid,
      });
      await bareWorker.stop();
      rounds.push({
        accepted: N / acceptSec,
        hubCpuPerRequest,
        ours,
        bare,
        bytes: (after - before) / N,
        bytesNoReplay: (afterNoReplay - before) / N,
      });
      process.stdout.write(
        `  round ${round + 1}: accepted ${Math.round(N / acceptSec)}/s, lienthong worker ${Math.round(ours.rate)}/s, bare worker ${Math.round(bare.rate)}/s\n`,
      );
    }
    await hubQueue.close();
    await bareQueue.close();
    return report(rounds);
  } finally {
    agent.destroy();
    await processes.stopAll();
    await world?.close();
    redis.disconnect();
    await redisServer.stop({ removeData: true });
  }
}

interface Round {
  accepted: number;
  hubCpuPerRequest: number;
  ours: Drain;
  bare: Drain;
  bytes: number;
  bytesNoReplay: number;
}

function report(rounds: Round[]): Record<string, unknown> {
  const m = (f: (r: Round) => number) => median(rounds.map(f));
  const ms = (f: (r: Round) => number) => Math.round(m(f) * 1000) / 1000;
  const acceptedPerSecond = m((r) => r.accepted);
  const ratioToBareWorker = m((r) => r.ours.rate / r.bare.rate);
  const figures = {
    deliveriesPerRound: N,
    rounds: rounds.length,
    concurrency: { requestsInFlight: CONCURRENCY, workerConcurrency: WORKER_CONCURRENCY },
    appendfsync: 'everysec',
    acceptedPerSecond: Math.round(acceptedPerSecond),
    deliveredPerSecond: Math.round(m((r) => r.ours.rate)),
    bareWorkerPerSecond: Math.round(m((r) => r.bare.rate)),
    ratioToBareWorker: Math.round(ratioToBareWorker * 1000) / 1000,
    redisBytesPerPendingDelivery: Math.round(m((r) => r.bytesNoReplay)),
    redisBytesPerAcceptedRequestWithReplayKey: Math.round(m((r) => r.bytes)),
    cpuMsPerDelivery: {
      hubAccept: ms((r) => r.hubCpuPerRequest),
      lienthongWorker: ms((r) => r.ours.cpu.worker),
      bareWorker: ms((r) => r.bare.cpu.worker),
      simulatorWithLienthongWorker: ms((r) => r.ours.cpu.simulator),
      simulatorWithBareWorker: ms((r) => r.bare.cpu.simulator),
      redisWithLienthongWorker: ms((r) => r.ours.cpu.redis),
      redisWithBareWorker: ms((r) => r.bare.cpu.redis),
    },
    roundsDetail: rounds.map((r) => ({
      acceptedPerSecond: Math.round(r.accepted),
      deliveredPerSecond: Math.round(r.ours.rate),
      bareWorkerPerSecond: Math.round(r.bare.rate),
    })),
    target: { ratioToBareWorker: 0.7, acceptedPerSecond: 5000 },
    meetsTarget: {
      ratioToBareWorker: ratioToBareWorker >= 0.7,
      acceptedPerSecond: acceptedPerSecond >= 5000,
    },
  };
  const path = writeResults('queue', figures);
  const cpu = figures.cpuMsPerDelivery;
  printTable(
    'queue: deliveries through the hub (Redis AOF everysec; hub, worker, simulator in child processes)',
    [
      ['measure', 'value'],
      ['accepted/s, 202 path (one hub process)', acceptedPerSecond],
      ['delivered/s end to end (lienthong worker)', figures.deliveredPerSecond],
      ['delivered/s bare BullMQ worker', figures.bareWorkerPerSecond],
      ['ratio to the bare worker', ratioToBareWorker],
      ['Redis bytes per pending delivery', figures.redisBytesPerPendingDelivery],
      ['  … with its 3-minute replay-cache key', figures.redisBytesPerAcceptedRequestWithReplayKey],
      ['CPU ms per accepted request, hub', cpu.hubAccept],
      ['CPU ms per delivery, lienthong / bare worker', `${cpu.lienthongWorker} / ${cpu.bareWorker}`],
      [
        'CPU ms per delivery, simulator',
        `${cpu.simulatorWithLienthongWorker} / ${cpu.simulatorWithBareWorker}`,
      ],
      ['CPU ms per delivery, redis-server', `${cpu.redisWithLienthongWorker} / ${cpu.redisWithBareWorker}`],
      ['target ratio ≥ 0.70', figures.meetsTarget.ratioToBareWorker ? 'met' : 'NOT met'],
      ['target ≥ 5,000 accepted/s', figures.meetsTarget.acceptedPerSecond ? 'met' : 'NOT met'],
    ],
  );
  process.stdout.write(`  written to ${path}\n`);
  return figures;
}

/** The bare worker process: BullMQ and node:http, nothing else. */
async function bareWorker(): Promise<void> {
  const sim = new URL(process.env.BENCH_SIM_URL!);
  const agent = new Agent({ keepAlive: true, maxSockets: WORKER_CONCURRENCY });
  const post = (payload: unknown) =>
    new Promise<void>((resolve, reject) => {
      const body = Buffer.from(JSON.stringify(payload));
      const req = request(
        {
          agent,
          host: sim.hostname,
          port: sim.port,
          path: '/api/sms/send',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ok = res.statusCode === 200 && /"CodeResult":"100"/.test(Buffer.concat(chunks).toString());
            if (ok) resolve();
            else reject(new Error(`gateway answered ${res.statusCode}`));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const worker = new Worker(BARE_QUEUE, (job) => post(job.data), {
    connection: bullConnection(process.env.BENCH_REDIS_URL!),
    prefix: QUEUE_PREFIX,
    concurrency: WORKER_CONCURRENCY,
  });
  worker.on('error', () => undefined);
  process.stdout.write('bare worker running\n');
  process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
}

if (require.main === module && process.env.LIENTHONG_BENCH_ROLE === 'bare-worker') {
  bareWorker().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
