/**
 * `lienthong serve`: the hub, on the configured host and port, until SIGTERM/SIGINT. With `--processes N`,
 * N hub processes share the port (node:cluster, ../processes.ts).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../../config/loader';
import { serveHub } from '../../server';
import { isProcessChild, parseProcesses, reportReady, runPrimary } from '../processes';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the hub (configuration from config/ and LIENTHONG_* environment variables)')
    .option('--config <dir>', 'configuration folder')
    .option('--port <port>', 'port to listen on (overrides the configuration)')
    .option(
      '--processes <n>',
      'hub processes sharing the port, each with its own audit chain; crashed ones are started again (default 1)',
    )
    .action(async (opts: { config?: string; port?: string; processes?: string }) => {
      const processes = parseProcesses(opts.processes);
      if (processes > 1 && !isProcessChild()) {
        runPrimary({
          processes,
          readyLine: (urls, pids) =>
            `lienthong hub listening on ${urls[0]} (${processes} processes: ${pids.join(', ')})`,
        });
        return;
      }
      const config = loadConfig(opts.config);
      const hub = await serveHub({ config, port: opts.port === undefined ? undefined : Number(opts.port) });
      if (isProcessChild()) reportReady(hub.url);
      else process.stdout.write(`lienthong hub listening on ${hub.url}\n`);
    });
}
