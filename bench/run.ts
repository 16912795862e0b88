/**
 * `npm run bench [-- name...]`: runs the named benchmarks (all when none is named); each prints a short
 * table and writes bench/results/<name>.json.
 */
const BENCHMARKS: Record<string, () => Promise<{ run(): Promise<Record<string, unknown>> }>> = {
  contracts: () => import('./contracts'),
  'legacy-names': () => import('./legacy-names'),
  queue: () => import('./queue'),
  adapters: () => import('./adapters'),
  exchange: () => import('./exchange'),
  cli: () => import('./cli'),
  sealing: () => import('./sealing'),
  scale: () => import('./scale'),
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !BENCHMARKS[n]);
  if (unknown.length) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`,
    );
    process.exit(2);
  }
  for (const name of names.length ? names : Object.keys(BENCHMARKS)) {
    const mod = await BENCHMARKS[name]();
    await mod.run();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  },
);
