/**
 * Child process of the benchmarks: starts the simulators named in BENCH_SIMULATORS (comma-separated
 * adapter ids) on free ports of 127.0.0.1 and announces their URLs; stops when told or orphaned.
 */
import { findAdapter } from '../adapters/registry';
import type { RunningSimulator } from '../adapters/sdk';
import { announceReady } from './procs';

async function main(): Promise<void> {
  const ids = (process.env.BENCH_SIMULATORS ?? '').split(',').filter(Boolean);
  const running: RunningSimulator[] = [];
  const urls: Record<string, string> = {};
  for (const id of ids) {
    const entry = findAdapter(id);
    if (!entry) throw new Error(`no adapter ${id}`);
    const sim = await entry.simulator().start(0);
    running.push(sim);
    urls[id] = sim.url;
  }
  announceReady({ urls }, async () => {
    await Promise.all(running.map((s) => s.close()));
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
