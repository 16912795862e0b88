/**
 * `npm run bench -- scale`: how the hub scales out on this machine. The exchange of `-- exchange`
 * (person-by-id on national-population, pre-signed requests, concurrency 32) against four hubs built from
 * one trust directory and one simulator process: 1 and 2 hub processes (`BENCH_HUB_PROCESSES`, the same
 * node:cluster primary as `lienthong serve --processes`) on one redis-server, and the same on a Redis
 * Cluster of 3 masters and 3 replicas (test/helpers/redis-cluster.ts). All four run at once and are
 * measured in interleaved rounds (medians), so the swings of a shared machine hit each alike.
 * Reports throughput, p50/p99, CPU per exchange of the hub processes (all of a group's) and of Redis, and
 * the ratios: 2 processes / 1 process on each Redis, cluster / one server for each process count.
 * On a 2-core machine that also runs the simulator, Redis and the load generator, 2 hub processes cannot
 * reach twice the throughput of one; the ratio says how much of the second core the hub turns into work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPopulation } from '../adapters/sdk/simulator/population';
import { initTrust, issueMemberKey } from '../hub/trust';
import { signerFromKey } from '../hub/protocol';
import { startLocalRedis } from '../queue/local-redis';
import { startRedisCluster } from '../test/helpers/redis-cluster';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MEMBER, PATH, prepare, SERVICE, PURPOSE } from './exchange-requests';
import { closedLoop, failFast, HttpClient, interleavedRounds, type RoundStats } from './load';
import { printTable, writeResults } from './lib';
import { Cleanup, cpuMs, startChild, watchdog, type BenchChild } from './procs';

const CONCURRENCY = 32;
const ROUNDS = 5;
const ROUND_MS = 2000;
const WARM_UP_MS = 12_000;
const RATE_LIMIT_POINTS = 1_000_000;

interface Contender {
  name: string;
  processes: number;
  redis: 'server' | 'cluster';
  hub: BenchChild;
  pids: number[];
  client: HttpClient;
}

export async function run(): Promise<Record<string, unknown>> {
  const cleanup = new Cleanup();
  const loadBefore = loadavg().map(round2);
  try {
    const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-scale-'));
    cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
    const redis = await startLocalRedis();
    const stopWatchdog = watchdog(redis.pid!);
    cleanup.add(async () => {
      await redis.stop({ removeData: true });
      stopWatchdog();
    });
    const cluster = await startRedisCluster();
    const watchdogs = cluster.nodes.map((n) => watchdog(n.pid!));
    cleanup.add(async () => {
      await cluster.stop();
      watchdogs.forEach((stop) => stop());
    });
    const trustDir = join(dir, 'trust');
    initTrust({ dir: trustDir });
    const issued = issueMemberKey({ dir: trustDir, memberId: MEMBER, out: join(dir, 'member') });
    const signer = signerFromKey({
      kid: issued.kid,
      alg: issued.alg,
      privateKey: createPrivateKey(readFileSync(issued.privateKeyPath!, 'utf8')),
    });
    const simulator = await startChild('simulator', 'sim-process.ts', {
      BENCH_SIMULATORS: 'national-population',
    });
    cleanup.add(() => simulator.stop());
    const upstream = (simulator.info.urls as Record<string, string>)['national-population'];

    const contenders: Contender[] = [];
    for (const [processes, where] of [
      [1, 'server'],
      [2, 'server'],
      [1, 'cluster'],
      [2, 'cluster'],
    ] as const) {
      const name = `${processes}p-${where}`;
      const hub = await startChild('hub', 'hub-process.ts', {
        LIENTHONG_REDIS_URL: redis.url,
        LIENTHONG_REDIS_CLUSTER: where === 'cluster' ? cluster.seeds : '',
        LIENTHONG_TRUST_DIR: trustDir,
        LIENTHONG_AUDIT_DIR: join(dir, `audit-${name}`),
        LIENTHONG_SUBJECT_KEY_FILE: join(dir, 'keys', 'subject.key'),
        LIENTHONG_ADMIN_TOKEN_FILE: join(dir, 'keys', 'admin.token'),
        LIENTHONG_LOG_LEVEL: 'warn',
        LIENTHONG_UPSTREAM_NATIONAL_POPULATION: upstream,
        BENCH_RATE_LIMIT_POINTS: String(RATE_LIMIT_POINTS),
        BENCH_HUB_PROCESSES: String(processes),
      });
      cleanup.add(() => hub.stop());
      const pids = [hub.pid, ...((hub.info.pids as number[] | undefined) ?? [])];
      const client = new HttpClient(String(hub.info.url), 64);
      cleanup.add(() => client.close());
      contenders.push({ name, processes, redis: where, hub, pids, client });
    }

    const ids = getPopulation()
      .persons.slice(0, 1000)
      .map((p) => p.personalId);
    let serial = 1;
    const rate: Record<string, number> = {};
    const spent: Record<string, { calls: number; hubMs: number; redisMs: number }> = {};
    const redisPids = (c: Contender) =>
      c.redis === 'server' ? [redis.pid!] : cluster.nodes.map((n) => n.pid!);
    const sum = (pids: number[]) => pids.reduce((a, p) => a + cpuMs(p), 0);
    const round = (c: Contender, concurrency: number, ms: number, account: boolean) => async () => {
      const n = Math.ceil(((rate[c.name] ?? 800) * ms * 1.6) / 1000) + 4 * concurrency;
      const reqs = prepare(signer, ids, n, serial);
      serial += n;
      const hubBefore = sum(c.pids);
      const redisBefore = sum(redisPids(c));
      const s = await closedLoop(
        async (i) => (await c.client.send('POST', PATH, reqs[i].headers, reqs[i].body)).status === 200,
        concurrency,
        ms,
        n,
      );
      rate[c.name] = s.callsPerSecond;
      if (account) {
        const acc = (spent[c.name] ??= { calls: 0, hubMs: 0, redisMs: 0 });
        acc.calls += s.calls;
        acc.hubMs += sum(c.pids) - hubBefore;
        acc.redisMs += sum(redisPids(c)) - redisBefore;
      }
      return s;
    };
    for (let t = 0; t < WARM_UP_MS; t += 1000)
      for (const c of contenders) failFast(c.name, await round(c, CONCURRENCY, 1000, false)());
    const load: Record<string, RoundStats> = await interleavedRounds(
      Object.fromEntries(contenders.map((c) => [c.name, round(c, CONCURRENCY, ROUND_MS, true)])),
      ROUNDS,
    );
    const cpu = Object.fromEntries(
      Object.entries(spent).map(([name, a]) => [
        name,
        {
          hubUsPerExchange: Math.round((a.hubMs * 1000) / a.calls),
          redisUsPerExchange: Math.round((a.redisMs * 1000) / a.calls),
        },
      ]),
    );
    const tput = (name: string) => load[name].callsPerSecond;
    const ratios = {
      twoProcessesOverOne: {
        server: round2(tput('2p-server') / tput('1p-server')),
        cluster: round2(tput('2p-cluster') / tput('1p-cluster')),
      },
      clusterOverServer: {
        oneProcess: round2(tput('1p-cluster') / tput('1p-server')),
        twoProcesses: round2(tput('2p-cluster') / tput('2p-server')),
      },
    };
    printTable(`scale: ${SERVICE} at concurrency ${CONCURRENCY}, median of ${ROUNDS} interleaved rounds`, [
      ['hub', 'exchanges/s', 'p50 ms', 'p99 ms', 'hub CPU µs/exch', 'Redis CPU µs/exch'],
      ...contenders.map((c) => [
        c.name,
        load[c.name].callsPerSecond,
        load[c.name].p50Ms,
        load[c.name].p99Ms,
        cpu[c.name].hubUsPerExchange,
        cpu[c.name].redisUsPerExchange,
      ]),
    ]);
    printTable('ratios (throughput)', [
      ['2 processes / 1, one Redis server', ratios.twoProcessesOverOne.server],
      ['2 processes / 1, Redis Cluster', ratios.twoProcessesOverOne.cluster],
      ['cluster / one server, 1 process', ratios.clusterOverServer.oneProcess],
      ['cluster / one server, 2 processes', ratios.clusterOverServer.twoProcesses],
    ]);
    const figures = {
      settings: {
        service: SERVICE,
        purpose: PURPOSE,
        concurrency: CONCURRENCY,
        rounds: ROUNDS,
        roundMs: ROUND_MS,
        warmUpMs: WARM_UP_MS,
        requestsPreSigned: true,
        cluster: '3 masters + 3 replicas, all on this machine',
      },
      note:
        'All processes (load generator, simulator, hubs, every redis-server) share this machine; on 2 cores ' +
        'a second hub process competes with them for the second core. Figures from one run.',
      loadAverage1m: { before: loadBefore[0], after: round2(loadavg()[0]), cores: cpus().length },
      load,
      cpu,
      ratios,
    };
    const path = writeResults('scale', figures);
    process.stdout.write(`\nwrote ${path}\n`);
    return figures;
  } finally {
    await cleanup.run();
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
