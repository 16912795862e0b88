/**
 * `npm run bench -- exchange [--cpu-prof]`: one exchange (person-by-id on national-population) measured
 * three ways in the same run, same simulator, same payload, same concurrency: (1) the simulator called
 * directly; (2) a bare pass-through proxy built like the hub's transport (Express 5 + axios, no checks);
 * (3) the full hub path (signature, replay, rate limit, policy, input validation, adapter call, output
 * validation against person@1, minimisation, response signing, audit). Simulator, proxy and hub each run
 * in their own process; the load generator runs here, with the hub's requests signed before each round
 * (signing is the caller's cost). After a long warm-up: throughput at concurrency 16 and latency at
 * concurrency 1, medians of interleaved rounds; CPU per exchange of each process; the hub's RSS under
 * load; ES256/EdDSA sign and verify ops/s.
 * Targets: (3) ≥ 80 % of (2) and ≥ 20 % of (1); ≤ 1 ms added at p50 at concurrency 1; RSS ≤ 250 MB.
 * With --cpu-prof the hub runs under `node --cpu-prof`; its self time by file is printed.
 */
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getPopulation } from '../adapters/sdk/simulator/population';
import { measureCryptoOps } from './crypto-ops';
import { reportExchange } from './exchange-report';
import { PATH, prepare, probeHub, PURPOSE, SERVICE, MEMBER } from './exchange-requests';
import { startExchangeWorld, type ExchangeWorld } from './exchange-world';
import { closedLoop, failFast, HttpClient, interleavedRounds, type RoundStats } from './load';
import { summariseProfile, type ProfileSummary } from './profile-summary';
import { Cleanup, cpuMs, rssMb } from './procs';

const LOG_LEVEL = 'warn';
const RATE_LIMIT_POINTS = 1_000_000;
const CONCURRENCY = 16;
const ROUNDS = 5;
const ROUND_MS = 1500;
const LATENCY_ROUNDS = 5;
const LATENCY_ROUND_MS = 800;
/** V8 optimises the hub's code only after thousands of exchanges: its CPU per exchange halves over ~15 s. */
const WARM_UP_MS = { direct: 3000, proxy: 8000, hub: 20000 };

type Contenders = Record<string, () => Promise<RoundStats>>;

export async function run(): Promise<Record<string, unknown>> {
  const cleanup = new Cleanup();
  const profiling = process.argv.includes('--cpu-prof');
  try {
    const world = await startExchangeWorld(cleanup, {
      member: MEMBER,
      logLevel: LOG_LEVEL,
      rateLimitPoints: RATE_LIMIT_POINTS,
      cpuProf: profiling,
    });
    const simUrl = (world.simulator.info.urls as Record<string, string>)['national-population'];
    const clients = {
      direct: new HttpClient(simUrl, 64),
      proxy: new HttpClient(String(world.proxy.info.url), 64),
      hub: new HttpClient(String(world.hub.info.url), 64),
    };
    cleanup.add(() => Object.values(clients).forEach((c) => c.close()));
    const ids = getPopulation()
      .persons.slice(0, 1000)
      .map((p) => p.personalId);
    const idleRssMb = rssMb(world.hub.pid);
    const signingInput = await probeHub(clients.hub, world.signer, ids[0], world.hubCertificatePem);

    let serial = 1;
    let hubRate = 500;
    const rssSamplesMb: number[] = [];
    const proxySet = prepare(world.signer, ids, 1000, 0);
    const contenders = (concurrency: number, ms: number): Contenders => ({
      direct: () =>
        closedLoop(
          async (i) => {
            const path = `/api/v1/cong-dan/${ids[i % ids.length]}`;
            return (await clients.direct.send('GET', path, { accept: 'application/json' })).status === 200;
          },
          concurrency,
          ms,
        ),
      proxy: () =>
        closedLoop(
          async (i) => {
            const r = proxySet[i % proxySet.length];
            return (await clients.proxy.send('POST', PATH, r.headers, r.body)).status === 200;
          },
          concurrency,
          ms,
        ),
      hub: async () => {
        // Signed now, before the clock starts: enough unique message ids for the round at the last rate.
        const n = Math.ceil((hubRate * ms * 1.6) / 1000) + 4 * concurrency;
        const reqs = prepare(world.signer, ids, n, serial);
        serial += n;
        const sampler = setInterval(() => rssSamplesMb.push(rssMb(world.hub.pid)), 200);
        try {
          const s = await closedLoop(
            async (i) => (await clients.hub.send('POST', PATH, reqs[i].headers, reqs[i].body)).status === 200,
            concurrency,
            ms,
            n,
          );
          if (concurrency > 1) hubRate = s.callsPerSecond;
          return s;
        } finally {
          clearInterval(sampler);
        }
      },
    });

    const warm = contenders(CONCURRENCY, 1000);
    for (const [name, ms] of Object.entries(WARM_UP_MS))
      for (let t = 0; t < ms; t += 1000) failFast(name, await warm[name]());

    const measureStartUs = Number(process.hrtime.bigint() / 1000n);
    const { contenders: accounted, perExchange } = withCpuAccounting(
      world,
      contenders(CONCURRENCY, ROUND_MS),
    );
    const load = await interleavedRounds(accounted, ROUNDS);
    const c1 = await interleavedRounds(contenders(1, LATENCY_ROUND_MS), LATENCY_ROUNDS);
    const profile = profiling ? await hubProfile(world, measureStartUs) : undefined;

    return reportExchange({
      settings: {
        service: SERVICE,
        purpose: PURPOSE,
        concurrency: CONCURRENCY,
        rounds: ROUNDS,
        roundMs: ROUND_MS,
        latencyRounds: LATENCY_ROUNDS,
        latencyRoundMs: LATENCY_ROUND_MS,
        warmUpMs: Object.values(WARM_UP_MS).reduce((a, b) => a + b, 0),
        hubLogLevel: LOG_LEVEL,
        hubRateLimitPoints: RATE_LIMIT_POINTS,
        requestsPreSigned: true,
      },
      load,
      c1,
      cpuUsPerExchange: perExchange(),
      rssSamplesMb,
      idleRssMb,
      crypto: measureCryptoOps(signingInput),
      profile,
    });
  } finally {
    await cleanup.run();
  }
}

/** Wraps each contender's round to add up the CPU time every process spent on it. */
function withCpuAccounting(world: ExchangeWorld, contenders: Contenders) {
  const pids: Record<string, number> = {
    hub: world.hub.pid,
    proxy: world.proxy.pid,
    simulator: world.simulator.pid,
    redis: world.redisPid,
    loadGenerator: process.pid,
  };
  const spent: Record<string, { calls: number; ms: Record<string, number> }> = {};
  const wrapped: Contenders = {};
  for (const [name, round] of Object.entries(contenders)) {
    wrapped[name] = async () => {
      const before = Object.entries(pids).map(([p, pid]) => [p, cpuMs(pid)] as const);
      const s = await round();
      const acc = (spent[name] ??= { calls: 0, ms: {} });
      acc.calls += s.calls;
      for (const [p, ms] of before) acc.ms[p] = (acc.ms[p] ?? 0) + cpuMs(pids[p]) - ms;
      return s;
    };
  }
  const perExchange = () =>
    Object.fromEntries(
      Object.entries(spent).map(([name, acc]) => [
        name,
        Object.fromEntries(Object.entries(acc.ms).map(([p, ms]) => [p, Math.round((ms * 1000) / acc.calls)])),
      ]),
    );
  return { contenders: wrapped, perExchange };
}

/** Stops the hub (which writes its profile on exit) and summarises the samples of the measured rounds. */
async function hubProfile(world: ExchangeWorld, sinceUs: number): Promise<ProfileSummary | undefined> {
  await world.hub.stop();
  const dir = world.profileDir;
  // One profile per thread: the main thread's is the largest.
  const main = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!main) return undefined;
  mkdirSync(join(__dirname, 'tmp'), { recursive: true });
  copyFileSync(main, join(__dirname, 'tmp', 'exchange-hub.cpuprofile'));
  return summariseProfile(main, 15, sinceUs);
}
