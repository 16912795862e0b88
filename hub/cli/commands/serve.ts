/** `lienthong serve`: the hub, on the configured host and port, until SIGTERM/SIGINT. */
import type { Command } from 'commander';
import { loadConfig } from '../../../config/loader';
import { serveHub } from '../../server';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the hub (configuration from config/ and LIENTHONG_* environment variables)')
    .option('--config <dir>', 'configuration folder')
    .option('--port <port>', 'port to listen on (overrides the configuration)')
    .action(async (opts: { config?: string; port?: string }) => {
      const config = loadConfig(opts.config);
      const hub = await serveHub({ config, port: opts.port === undefined ? undefined : Number(opts.port) });
      process.stdout.write(`lienthong hub listening on ${hub.url}\n`);
    });
}
