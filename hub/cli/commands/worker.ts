/** `lienthong worker`: the delivery workers (one per destination), until SIGTERM/SIGINT. */
import type { Command } from 'commander';
import { loadConfig } from '../../../config/loader';
import { startWorkerRuntime } from '../../worker-runtime';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'Run the delivery workers (one per destination) until SIGTERM/SIGINT; finishes active deliveries first. ' +
        'Serves /metrics and /healthz on LIENTHONG_WORKER_HOST:LIENTHONG_WORKER_PORT',
    )
    .option('--config <dir>', 'configuration folder')
    .option(
      '--concurrency <n>',
      'deliveries in flight per destination (default: LIENTHONG_WORKER_CONCURRENCY)',
    )
    .option('--port <port>', 'port of /metrics and /healthz (overrides the configuration; 0: a free port)')
    .action(async (opts: { config?: string; concurrency?: string; port?: string }) => {
      const config = loadConfig(opts.config);
      const runtime = await startWorkerRuntime({
        config,
        concurrency: opts.concurrency === undefined ? undefined : Number(opts.concurrency),
        httpPort: opts.port === undefined ? undefined : Number(opts.port),
      });
      process.stdout.write(`lienthong workers running; metrics on ${runtime.url}/metrics\n`);
      const stop = () => void runtime.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
}
