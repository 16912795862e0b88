/**
 * `npm run demo`: the hub's main job, end to end, on one machine. Normalises a legacy batch against the
 * contracts; starts a local Redis, the simulated agencies, the hub and a worker; runs a birth registration,
 * a land transfer (the tax system down for its first attempts) and a death registration with a live
 * progress display; prints timelines, portal updates, notifications and an access log; stops everything
 * it started and exits 0 — or 1 with the reason.
 */
import { runContractsDemo } from './contracts-demo';
import { PAGES } from '../web';
import { runProceduresDemo, startDemoWorld, type DemoWorld } from './procedures-demo';
import { provideRedis, RedisUnavailableError, type ProvidedRedis } from './redis';

const write = (line: string) => process.stdout.write(line + '\n');

async function main(): Promise<number> {
  const started = Date.now();
  write('lienthong demo — the interoperability hub, end to end on 127.0.0.1\n');
  write('── 1. Contracts ─────────────────────────────────────────────────────────────');
  runContractsDemo(write);

  write('\n── 2. Joint procedures ──────────────────────────────────────────────────────');
  let redis: ProvidedRedis | undefined;
  let demo: DemoWorld | undefined;
  let stopping = false;
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    await demo?.close().catch(() => undefined);
    await redis?.stop().catch(() => undefined);
  };
  const onSignal = () => {
    write('\ninterrupted: stopping what the demo started …');
    void stopAll().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    redis = await provideRedis(write);
    write(`Redis: ${redis.describe}`);
    demo = await startDemoWorld(redis.url);
    const { world } = demo;
    write(
      `Simulated agencies: ${Object.keys(world.simulators).length} on 127.0.0.1 (${Object.keys(world.simulators).join(', ')})`,
    );
    write(
      `Hub: ${world.hub.url} — one delivery worker in this process; keys and audit log under ${world.dir}`,
    );

    const result = await runProceduresDemo(world, write);
    const done = result.dossiers.filter((d) => d.status === 10).length;
    write(
      `\nSummary: ${done} of ${result.dossiers.length} dossiers returned their result; ` +
        `${result.dossiers.reduce((n, d) => n + d.retries.length, 0)} failed attempt(s) retried; ` +
        `${Object.values(result.portal).reduce((n, s) => n + s.length, 0)} portal updates; ` +
        `${result.notifications.sms} SMS and ${result.notifications.email} e-mails; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    write('\nPages for people:');
    write(`  citizen — dossier lookup:  ${world.hub.url}${PAGES.lookup}`);
    write(`  citizen — my data:         ${world.hub.url}${PAGES.myData}`);
    write(`  officer — worklist:        ${world.hub.url}${PAGES.officer} (accounts: lienthong users add)`);
    write(`  operator — console:        ${world.hub.url}${PAGES.operator} (accounts: lienthong users add)`);
    write(`  operator — queue dashboard: ${world.hub.url}/admin/queues`);
    if (process.argv.includes('--keep')) {
      write('\n--keep: the hub stays up; Ctrl-C stops everything.');
      await new Promise<never>(() => undefined);
    }
    return done === result.dossiers.length ? 0 : 1;
  } catch (err) {
    if (err instanceof RedisUnavailableError) write(`\nThe demo needs Redis. ${err.message}`);
    else write(`\nThe demo failed: ${(err as Error).stack ?? String(err)}`);
    return 1;
  } finally {
    if (redis) write('Stopping the worker, the hub, the simulators and Redis …');
    await stopAll();
  }
}

if (require.main === module) {
  void main().then((code) => process.exit(code));
}
