/** `lienthong adapter list|check|new` and `lienthong sandbox`: adapters and simulated agencies. */
import type { Command } from 'commander';
import { adapterIds, REGISTRY } from '../../../adapters/registry';
import { runConformance } from '../../../adapters/sdk/conformance/checks';
import { scaffoldAdapter } from '../../../adapters/sdk/scaffold/scaffold';
import type { RunningSimulator } from '../../../adapters/sdk/simulator/server';
import { DEFAULT_CONFIG_DIR, loadConfig } from '../../../config/loader';
import { upstreamEnvName } from '../../sandbox/prepare-world';
import { credentialsFor } from '../../sandbox/simulator-credentials';

const why = (err: unknown) => (err instanceof Error ? err.message.split('\n')[0] : String(err));

export function registerAdapterCommands(program: Command): void {
  const adapter = program
    .command('adapter')
    .description('Adapters: list, check against their simulators, scaffold new ones');

  adapter
    .command('list')
    .description('List the registered adapters and their services')
    .action(() => {
      for (const e of REGISTRY) {
        let a;
        try {
          a = e.load().adapter;
        } catch (err) {
          // One adapter that does not load (half written) does not hide the others.
          process.stdout.write(`${e.id}  DOES NOT LOAD: ${why(err)}\n`);
          process.exitCode = 1;
          continue;
        }
        process.stdout.write(`${a.id}@${a.version}  ${a.protocol.toUpperCase().padEnd(4)}  ${a.title}\n`);
        for (const s of a.services) {
          const out = typeof s.output === 'string' ? s.output : 'own schema';
          process.stdout.write(`    ${s.name}/v${s.version}  ${s.kind.padEnd(5)}  → ${out}\n`);
        }
      }
    });

  adapter
    .command('check')
    .description("Run the conformance kit against the adapter's simulator and print a report")
    .argument('<id>', 'adapter id')
    .option('--json', 'print the report as JSON')
    .option('--only <pattern>', 'only the checks whose names match this regular expression')
    .action(async (id: string, opts: { json?: boolean; only?: string }) => {
      const entry = REGISTRY.find((e) => e.id === id);
      if (!entry) {
        console.error(`no adapter ${id}; known: ${adapterIds().join(', ')}`);
        process.exitCode = 2;
        return;
      }
      const report = await runConformance(entry.load().conformance(), {
        only: opts.only ? new RegExp(opts.only) : undefined,
      });
      if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else {
        process.stdout.write(`conformance of ${report.adapter}\n`);
        for (const r of report.results) {
          process.stdout.write(
            `  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}${r.ok ? '' : `\n        ${r.detail}`}\n`,
          );
        }
        const failed = report.results.filter((r) => !r.ok).length;
        process.stdout.write(`${report.results.length - failed} passed, ${failed} failed\n`);
      }
      process.exitCode = report.ok ? 0 : 1;
    });

  adapter
    .command('new')
    .description(
      "Scaffold a new adapter: from the upstream's OpenAPI document (--from), or a template (--protocol); " +
        'register it in adapters/registry.ts and config/ with placeholders; adapter check passes as written',
    )
    .argument('<id>', 'kebab-case adapter id, e.g. social-insurance')
    .option('--from <spec>', "the upstream's OpenAPI document (openapi.yaml / .json) or WSDL")
    .option('--protocol <protocol>', 'rest or soap, for a template without a spec', 'rest')
    .option('--dir <dir>', 'folder that receives <id>/ (default: the project adapters/)')
    .option('--no-register', 'do not add it to adapters/registry.ts and config/')
    .option('--force', 'overwrite an existing folder')
    .action(
      async (
        id: string,
        opts: { from?: string; protocol: string; dir?: string; register: boolean; force?: boolean },
      ) => {
        try {
          const files = await scaffoldAdapter({
            id,
            from: opts.from,
            protocol: opts.protocol as 'rest' | 'soap',
            dir: opts.dir,
            force: opts.force,
            register: opts.register ? undefined : false,
          });
          for (const f of files) process.stdout.write(`wrote ${f}\n`);
          process.stdout.write(
            `\n${opts.register ? 'Registered in adapters/registry.ts and config/ (look for TODO). ' : ''}` +
              `Next: npx lienthong adapter check ${id} && npx jest ${id}; then adapters/README.md §4–§8.\n`,
          );
        } catch (err) {
          console.error(err instanceof Error ? err.message : String(err));
          process.exitCode = 2;
        }
      },
    );

  program
    .command('sandbox')
    .description(
      'Start every simulated agency on 127.0.0.1 at the address the configuration gives its upstream ' +
        '(LIENTHONG_UPSTREAM_<ID>), so `lienthong serve` reaches them as configured; print them; run until interrupted',
    )
    .option('--config <dir>', 'configuration folder', DEFAULT_CONFIG_DIR)
    .option(
      '--free-ports',
      'use free ports instead (print them; point the hub at them with LIENTHONG_UPSTREAM_<ID>)',
    )
    .action(async (opts: { config: string; freePorts?: boolean }) => {
      const config = loadConfig(opts.config, process.env);
      const running: RunningSimulator[] = [];
      const stop = async () => {
        await Promise.all(running.map((s) => s.close()));
      };
      const madeUp: Record<string, string> = {};
      try {
        for (const e of REGISTRY) {
          let entry;
          try {
            entry = e.load();
          } catch (err) {
            process.stderr.write(`${e.id}: does not load, not started (${why(err)})\n`);
            continue;
          }
          const id = entry.adapter.id;
          const port = opts.freePorts ? 0 : sandboxPort(config.upstreams[id]?.baseUrl, id);
          const { credentials, madeUp: made } = credentialsFor(config.upstreams[id], {
            ...process.env,
            ...madeUp,
          });
          Object.assign(madeUp, made);
          running.push(await entry.simulator({ credentials }).start(port));
        }
      } catch (err) {
        await stop();
        throw err;
      }
      for (const [name, value] of Object.entries(madeUp))
        process.stdout.write(`sandbox credential (not set, made up for this run): export ${name}=${value}\n`);
      for (const s of running)
        process.stdout.write(
          `${s.id.padEnd(22)} ${s.url}   (${upstreamEnvName(s.id)}; faults: ${s.url}/__admin/faults)\n`,
        );
      process.stdout.write('sandbox running; Ctrl-C to stop\n');
      const onSignal = () => void stop().then(() => process.exit(0));
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    });
}

/** The port of a configured upstream on this machine; anything else cannot be simulated here. */
export function sandboxPort(baseUrl: string | undefined, id: string): number {
  const url = baseUrl ? new URL(baseUrl) : undefined;
  if (!url || !['127.0.0.1', 'localhost'].includes(url.hostname) || !url.port) {
    throw new Error(
      `the upstream of ${id} is configured as ${baseUrl ?? '(nothing)'}, not a port on 127.0.0.1: ` +
        `set ${upstreamEnvName(id)}=http://127.0.0.1:<port> or use --free-ports`,
    );
  }
  return Number(url.port);
}
