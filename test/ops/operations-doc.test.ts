/**
 * docs/operations.md and what it ships with stay true: every LIENTHONG_* variable the code names is in
 * its table (and the table is what `npm run gen` makes of the configuration); the Prometheus alert rules
 * and the Grafana dashboard parse, and every metric they name is exported by a running hub or worker;
 * the systemd units start commands that exist.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { withEnvironmentTable } from '../../config/environment';
import { DEFAULT_CONFIG_DIR } from '../../config/loader';
import { startWorld, type World } from '../../hub/sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../../hub/worker-runtime';
import { useRedis } from '../helpers/redis';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
const SKIP = new Set([
  'node_modules',
  'dist',
  '.git',
  'generated',
  'data',
  'results',
  'fixtures',
  'upstream',
]);

/** Every file of the project that code or configuration is written in. */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    // Tests name variables of their own (a scaffolded adapter's key, an unset variable): not the project's.
    if (SKIP.has(name) || name.startsWith('.scaffold-test-') || name.endsWith('.test.ts')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|js|json|sh|service|env)$/.test(name) || name === 'run') out.push(path);
  }
  return out;
}

describe('the environment table', () => {
  it('is what npm run gen makes of the configuration', () => {
    expect(withEnvironmentTable(DOC, DEFAULT_CONFIG_DIR)).toBe(DOC);
  });

  it('names every LIENTHONG_* variable the code, the configuration, CI and the units use', () => {
    const documented = new Set(DOC.match(/LIENTHONG_[A-Z0-9_]+/g));
    const used = new Map<string, string>();
    for (const file of sources(ROOT)) {
      for (const name of readFileSync(file, 'utf8').match(/LIENTHONG_[A-Z0-9_]+/g) ?? [])
        if (!used.has(name)) used.set(name, relative(ROOT, file));
    }
    expect(used.size).toBeGreaterThan(30);
    // LIENTHONG_UPSTREAM_ + an adapter id is built in code (upstreamEnvName): documented per upstream.
    const missing = [...used]
      .filter(([name]) => !documented.has(name))
      .filter(
        ([name]) => !(name === 'LIENTHONG_UPSTREAM_' && [...documented].some((d) => d.startsWith(name))),
      )
      .map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });
});

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; description?: string };
}

const alerts = JSON.parse(readFileSync(join(ROOT, 'docs', 'prometheus-alerts.json'), 'utf8')) as {
  groups: { name: string; rules: Rule[] }[];
};
const dashboard = JSON.parse(readFileSync(join(ROOT, 'docs', 'grafana-dashboard.json'), 'utf8')) as {
  title: string;
  uid: string;
  panels: { id: number; title: string; type: string; targets: { expr: string }[] }[];
};

/** The metric names an expression uses (a histogram's _bucket/_sum/_count read as the histogram). */
const metricsOf = (expr: string) =>
  (expr.match(/\blienthong_[a-z0-9_]+/g) ?? []).map((m) => m.replace(/_(bucket|sum|count)$/, ''));

describe('the alert rules and the dashboard', () => {
  const redis = useRedis();
  let world: World;
  let worker: WorkerRuntime;
  beforeAll(async () => {
    world = await startWorld({ redisUrl: redis.url, adapters: ['notify'] });
    worker = await startWorkerRuntime({ config: world.config, concurrency: 1, httpPort: 0 });
    redis.beforeStop(async () => {
      await worker.close();
      await world.close();
    });
  }, 60_000);

  /** Metric names of a /metrics exposition (its # TYPE lines). */
  const exported = async (url: string) =>
    new Set(
      [...(await (await fetch(url)).text()).matchAll(/^# TYPE (\S+) \S+$/gm)].map((m) =>
        m[1].replace(/_(bucket|sum|count)$/, ''),
      ),
    );

  it('are well formed: every rule has an expression, a severity and a summary; every panel a query', () => {
    const rules = alerts.groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(10);
    for (const r of rules) {
      expect({
        alert: r.alert,
        ok:
          !!r.expr &&
          ['critical', 'warning', 'info'].includes(r.labels?.severity) &&
          !!r.annotations?.summary,
      }).toEqual({ alert: r.alert, ok: true });
      expect(r.for === undefined || /^\d+[smh]$/.test(r.for)).toBe(true);
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    expect(dashboard.uid).toBe('lienthong-ops');
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const p of dashboard.panels) expect(p.targets.length).toBeGreaterThan(0);
  });

  it('name only metrics a hub or a worker exports, and cover the queue, dead-letter and worker figures', async () => {
    const names = new Set([
      ...(await exported(`${world.hub.url}/metrics`)),
      ...(await exported(`${worker.url}/metrics`)),
    ]);
    const used = new Set([
      ...alerts.groups.flatMap((g) => g.rules.flatMap((r) => metricsOf(r.expr))),
      ...dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricsOf(t.expr))),
    ]);
    expect([...used].filter((m) => !names.has(m))).toEqual([]);
    for (const m of [
      'lienthong_delivery_oldest_waiting_age_seconds',
      'lienthong_dead_letters',
      'lienthong_deliveries_dead_lettered_total',
      'lienthong_worker_breaker_state',
    ])
      expect(used).toContain(m);
  });
});

describe('the systemd units', () => {
  it('run commands the CLI has, with the options they give', () => {
    const dir = join(ROOT, 'docs', 'systemd');
    const units = readdirSync(dir).filter((f) => f.endsWith('.service'));
    expect(units.sort()).toEqual([
      'lienthong-hub.service',
      'lienthong-worker.service',
      'lienthong-worker@.service',
    ]);
    for (const unit of units) {
      const exec = /^ExecStart=\S+node \S+\/hub\/cli\/bin\.js (.+)$/m.exec(
        readFileSync(join(dir, unit), 'utf8'),
      );
      expect(exec).not.toBeNull();
      const [command, ...options] = exec![1].split(' ');
      expect(['serve', 'worker']).toContain(command);
      const source = readFileSync(join(ROOT, 'hub', 'cli', 'commands', `${command}.ts`), 'utf8');
      for (const o of options.filter((x) => x.startsWith('--'))) expect(source).toContain(`'${o} <`);
    }
  });
});
