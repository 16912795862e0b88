/**
 * `lienthong worker` (the delivery workers) and `lienthong dlq list|show|redrive` (the dead-letter queue,
 * read and redriven in Redis directly, with or without a hub running). Dead letters are shown as the
 * operator's view of the egress (hub/exchange/egress.ts): envelope and errors, input field names only.
 */
import type { Command } from 'commander';
import Redis from 'ioredis';
import { loadConfig } from '../../../config/loader';
import { createDeliveryQueues } from '../../../queue';
import { deadLetterForOperator } from '../../exchange/egress';
import { startWorkerRuntime } from '../../worker-runtime';
import { printJson } from '../io';

export function registerQueueCommands(program: Command): void {
  program
    .command('worker')
    .description(
      'Run the delivery workers (one per destination) until SIGTERM/SIGINT; finishes active deliveries first',
    )
    .option('--config <dir>', 'configuration folder')
    .option('--concurrency <n>', 'deliveries in flight per destination', '16')
    .action(async (opts: { config?: string; concurrency: string }) => {
      const config = loadConfig(opts.config);
      const runtime = await startWorkerRuntime({ config, concurrency: Number(opts.concurrency) });
      process.stdout.write('lienthong workers running\n');
      const stop = () => void runtime.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });

  const dlq = program.command('dlq').description('The dead-letter queue: list, show, redrive');
  const withQueues = async <T>(
    configDir: string | undefined,
    fn: (q: ReturnType<typeof createDeliveryQueues>) => Promise<T>,
  ): Promise<T> => {
    const config = loadConfig(configDir);
    const redis = new Redis(config.hub.redisUrl, { maxRetriesPerRequest: 2 });
    const queues = createDeliveryQueues(redis);
    try {
      return await fn(queues);
    } finally {
      await queues.close();
      await redis.quit();
    }
  };

  dlq
    .command('list')
    .description('List dead deliveries, newest first')
    .option('--config <dir>', 'configuration folder')
    .option('--destination <adapter>', 'only this destination')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { config?: string; destination?: string; limit: string; json?: boolean }) => {
      const page = await withQueues(opts.config, (q) =>
        q.deadLetters.list({ destination: opts.destination, limit: Number(opts.limit) }),
      );
      if (opts.json) return printJson({ total: page.total, items: page.items.map(deadLetterForOperator) });
      process.stdout.write(`${page.total} dead deliveries\n`);
      for (const d of page.items) {
        const last = d.errors[d.errors.length - 1];
        process.stdout.write(
          `${d.id}  ${d.data.service}  ${d.deadAt}  ${d.errors.length} attempts  last: ${last ? `${last.code}: ${last.reason}` : '-'}\n`,
        );
      }
    });

  dlq
    .command('show')
    .description(
      'Show a dead delivery: where it goes, for whom, its signature, its input’s field names, every attempt’s error',
    )
    .argument('<id>', 'delivery id')
    .option('--config <dir>', 'configuration folder')
    .action(async (id: string, opts: { config?: string }) => {
      const d = await withQueues(opts.config, (q) => q.deadLetters.get(id));
      if (!d) {
        console.error(`no dead delivery ${id}`);
        process.exitCode = 1;
        return;
      }
      printJson(deadLetterForOperator(d));
    });

  dlq
    .command('redrive')
    .description('Send dead deliveries again, with a fresh attempt budget')
    .argument('[id]', 'delivery id')
    .option('--all', 'every dead delivery (of --destination, if given)')
    .option('--destination <adapter>', 'with --all: only this destination')
    .option('--config <dir>', 'configuration folder')
    .action(
      async (id: string | undefined, opts: { all?: boolean; destination?: string; config?: string }) => {
        if (!id && !opts.all) {
          console.error('give a delivery id or --all');
          process.exitCode = 2;
          return;
        }
        const ids = await withQueues(opts.config, async (q) => {
          if (id) return (await q.redrive(id)) ? [id] : [];
          return q.redriveAll({ destination: opts.destination });
        });
        if (id && !ids.length) {
          console.error(`no dead delivery ${id}`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`redriven ${ids.length}\n`);
        for (const r of ids) process.stdout.write(`  ${r}\n`);
      },
    );
}
