/**
 * The processes of `npm run bench -- exchange`, built the way hub/sandbox/world.ts builds a world but
 * with each part in its own process: a private redis-server, a trust directory (CA, hub key, one member
 * key), the population simulator, the bare proxy and the hub — all under one temp dir, every part
 * registered with the cleanup as soon as it exists.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRedis } from '../queue/local-redis';
import { signerFromKey, type Signer } from '../hub/protocol';
import { initTrust, issueMemberKey, trustPaths } from '../hub/trust';
import { Cleanup, startChild, watchdog, type BenchChild } from './procs';

export interface ExchangeWorldOptions {
  /** The member whose key signs the benchmark's requests. */
  member: string;
  logLevel: string;
  rateLimitPoints: number;
  /** Run the hub under `node --cpu-prof` (its profile goes to `profileDir`). */
  cpuProf?: boolean;
}

export interface ExchangeWorld {
  dir: string;
  redisPid: number;
  profileDir: string;
  simulator: BenchChild;
  proxy: BenchChild;
  hub: BenchChild;
  signer: Signer;
  memberKey: KeyObject;
  hubCertificatePem: string;
}

export async function startExchangeWorld(
  cleanup: Cleanup,
  options: ExchangeWorldOptions,
): Promise<ExchangeWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-exchange-'));
  cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
  const profileDir = join(dir, 'profile');

  const redis = await startLocalRedis();
  const stopWatchdog = watchdog(redis.pid!);
  cleanup.add(async () => {
    await redis.stop({ removeData: true });
    stopWatchdog();
  });

  const trustDir = join(dir, 'trust');
  initTrust({ dir: trustDir });
  const issued = issueMemberKey({ dir: trustDir, memberId: options.member, out: join(dir, 'member') });
  const memberKey = createPrivateKey(readFileSync(issued.privateKeyPath!, 'utf8'));
  const signer = signerFromKey({ kid: issued.kid, alg: issued.alg, privateKey: memberKey });

  const simulator = await startChild('simulator', 'sim-process.ts', {
    BENCH_SIMULATORS: 'national-population',
  });
  cleanup.add(() => simulator.stop());
  const upstream = (simulator.info.urls as Record<string, string>)['national-population'];

  const started = await Promise.allSettled([
    startChild('proxy', 'proxy-process.ts', { BENCH_UPSTREAM: upstream }),
    startChild(
      'hub',
      'hub-process.ts',
      {
        LIENTHONG_REDIS_URL: redis.url,
        LIENTHONG_TRUST_DIR: trustDir,
        LIENTHONG_AUDIT_DIR: join(dir, 'audit'),
        LIENTHONG_SUBJECT_KEY_FILE: join(dir, 'keys', 'subject.key'),
        LIENTHONG_ADMIN_TOKEN_FILE: join(dir, 'keys', 'admin.token'),
        LIENTHONG_LOG_LEVEL: options.logLevel,
        LIENTHONG_UPSTREAM_NATIONAL_POPULATION: upstream,
        BENCH_RATE_LIMIT_POINTS: String(options.rateLimitPoints),
      },
      options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    ),
  ]);
  for (const s of started) if (s.status === 'fulfilled') cleanup.add(() => s.value.stop());
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  const [proxy, hub] = started.map((s) => (s as PromiseFulfilledResult<BenchChild>).value);
  return {
    dir,
    redisPid: redis.pid!,
    profileDir,
    simulator,
    proxy,
    hub,
    signer,
    memberKey,
    hubCertificatePem: readFileSync(trustPaths(trustDir).hubCert, 'utf8'),
  };
}
