/**
 * `lienthong worker`: the delivery workers (one per destination), until SIGTERM/SIGINT. With
 * `--processes N`, N worker processes (node:cluster, ../processes.ts); the i-th serves /metrics on the
 * configured port + i (each its own free port when the port is 0).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../../config/loader';
import { startWorkerRuntime } from '../../worker-runtime';
import { isProcessChild, parseProcesses, reportReady, runPrimary } from '../processes';

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
    .option(
      '--processes <n>',
      'worker processes, the i-th serving /metrics on port + i; crashed ones are started again (default 1)',
    )
    .action(async (opts: { config?: string; concurrency?: string; port?: string; processes?: string }) => {
      const processes = parseProcesses(opts.processes);
      const config = loadConfig(opts.config);
      const port = opts.port === undefined ? config.hub.worker.port : Number(opts.port);
      if (processes > 1 && !isProcessChild()) {
        runPrimary({
          processes,
          readyLine: (urls, pids) =>
            `lienthong workers running; metrics on ${urls.map((u) => `${u}/metrics`).join(', ')} ` +
            `(${processes} processes: ${pids.join(', ')})`,
        });
        return;
      }
      const index = Number(process.env.LIENTHONG_PROCESS_INDEX ?? 0);
      const runtime = await startWorkerRuntime({
        config,
        concurrency: opts.concurrency === undefined ? undefined : Number(opts.concurrency),
        httpPort: port === 0 ? 0 : port + index,
      });
      if (isProcessChild()) reportReady(runtime.url);
      else process.stdout.write(`lienthong workers running; metrics on ${runtime.url}/metrics\n`);
      let closing: Promise<void> | undefined;
      const stop = () => void (closing ??= runtime.close()).then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
}
