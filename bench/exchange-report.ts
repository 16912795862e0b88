/**
 * The figures of `npm run bench -- exchange`: ratios and targets from the measurements, written to
 * bench/results/exchange.json and printed as short tables.
 */
import type { CryptoOps } from './crypto-ops';
import { printTable, writeResults } from './lib';
import type { RoundStats } from './load';
import { printSummary, type ProfileSummary } from './profile-summary';

export const TARGET = { ratioToBareProxy: 0.8, ratioToDirect: 0.2, addedP50Ms: 1, hubRssMb: 250 };

export interface ExchangeMeasurements {
  settings: Record<string, string | number | boolean>;
  /** Median figures per contender (direct, proxy, hub) at the benchmark's concurrency, and at 1. */
  load: Record<string, RoundStats>;
  c1: Record<string, RoundStats>;
  /** CPU µs per exchange, per contender and process. */
  cpuUsPerExchange: Record<string, Record<string, number>>;
  rssSamplesMb: number[];
  idleRssMb: number;
  crypto: CryptoOps;
  profile?: ProfileSummary;
}

export function reportExchange(m: ExchangeMeasurements): Record<string, unknown> {
  const { load, c1 } = m;
  const rss = m.rssSamplesMb.filter(Number.isFinite).sort((a, b) => a - b);
  const hubRssMb = rss[rss.length - 1];
  const figures = {
    ...m.settings,
    ratioToDirect: load.hub.callsPerSecond / load.direct.callsPerSecond,
    ratioToBareProxy: load.hub.callsPerSecond / load.proxy.callsPerSecond,
    proxyRatioToDirect: load.proxy.callsPerSecond / load.direct.callsPerSecond,
    addedP50MsAtConcurrency1: c1.hub.p50Ms - c1.direct.p50Ms,
    addedP50MsOverProxyAtConcurrency1: c1.hub.p50Ms - c1.proxy.p50Ms,
    hubRssMb,
    hubRssMedianMb: rss[Math.floor(rss.length / 2)],
    hubIdleRssMb: m.idleRssMb,
    atConcurrency: load,
    atConcurrency1: c1,
    cpuUsPerExchange: m.cpuUsPerExchange,
    crypto: m.crypto,
    target: TARGET,
    meets: {} as Record<keyof typeof TARGET, boolean>,
    profile: m.profile,
  };
  figures.meets = {
    ratioToBareProxy: figures.ratioToBareProxy >= TARGET.ratioToBareProxy,
    ratioToDirect: figures.ratioToDirect >= TARGET.ratioToDirect,
    addedP50Ms: figures.addedP50MsAtConcurrency1 <= TARGET.addedP50Ms,
    hubRssMb: hubRssMb <= TARGET.hubRssMb,
  };
  const path = writeResults('exchange', figures);

  const s = m.settings;
  const row = (label: string, a: RoundStats, b: RoundStats) => [
    label,
    a.callsPerSecond,
    a.p50Ms,
    a.p99Ms,
    b.p50Ms,
    b.p99Ms,
  ];
  printTable(
    `exchange: ${s.service} (purpose ${s.purpose}), median of ${s.rounds} interleaved rounds; ` +
      `hub log level ${s.hubLogLevel}; requests signed before each round (signing is the caller's cost, not counted)`,
    [
      ['measure', `exch/s c=${s.concurrency}`, 'p50 ms', 'p99 ms', 'c=1 p50 ms', 'c=1 p99 ms'],
      row('(1) simulator direct', load.direct, c1.direct),
      row('(2) bare proxy: Express 5 + axios', load.proxy, c1.proxy),
      row('(3) hub: full exchange path', load.hub, c1.hub),
    ],
  );
  process.stdout.write(
    `  notes: ${Math.round(Number(s.warmUpMs) / 1000)} s of warm-up first; the hub's rate limit is raised to ` +
      `${Number(s.hubRateLimitPoints).toLocaleString('en-US')} points/s for the one benchmark client (the limiter ` +
      'still runs on every exchange); p50/p99 at c=1 from separate rounds of one request at a time\n',
  );
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  printTable('exchange: targets', [
    ['figure', 'value', 'target', ''],
    ['(3)/(2) ratioToBareProxy', figures.ratioToBareProxy, '≥ 0.80', met(figures.meets.ratioToBareProxy)],
    ['(3)/(1) ratioToDirect', figures.ratioToDirect, '≥ 0.20', met(figures.meets.ratioToDirect)],
    ['(2)/(1) bare proxy to direct, for reference', figures.proxyRatioToDirect, '', ''],
    [
      'added p50 at c=1, ms (hub − direct)',
      figures.addedP50MsAtConcurrency1,
      '≤ 1',
      met(figures.meets.addedP50Ms),
    ],
    ['added p50 at c=1, ms (hub − bare proxy)', figures.addedP50MsOverProxyAtConcurrency1, '', ''],
    [
      `hub RSS under load, MB (VmRSS, max; median ${Math.round(figures.hubRssMedianMb)})`,
      hubRssMb,
      '≤ 250',
      met(figures.meets.hubRssMb),
    ],
  ]);
  const procs = Object.keys(m.cpuUsPerExchange.hub ?? {});
  printTable(`CPU µs per exchange by process at c=${s.concurrency} (/proc/<pid>/stat, 10 ms ticks)`, [
    ['measure', ...procs],
    ...Object.entries(m.cpuUsPerExchange).map(([name, c]) => [name, ...procs.map((p) => c[p] ?? 0)]),
  ]);
  printTable('signatures: node:crypto with KeyObjects, one core, ops/s', [
    ['algorithm', 'sign/s', 'verify/s'],
    ['ES256 (in use)', m.crypto.ES256.signPerSecond, m.crypto.ES256.verifyPerSecond],
    ['EdDSA (Ed25519)', m.crypto.EdDSA.signPerSecond, m.crypto.EdDSA.verifyPerSecond],
  ]);
  if (m.profile) {
    printSummary('hub CPU profile of the measured rounds', m.profile);
    process.stdout.write('  profile kept in bench/tmp/exchange-hub.cpuprofile (Chrome DevTools opens it)\n');
  }
  process.stdout.write(`  written to ${path}\n`);
  return figures;
}
