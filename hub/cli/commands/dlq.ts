/**
 * `lienthong dlq list|show|redrive|discard`: the dead-letter queue, read and changed in Redis directly,
 * with or without a hub running. Payloads are opened with the trust dir's data keys. Redrives and
 * discards are recorded in the audit log under the operator who ran the command (the OS user and host,
 * or LIENTHONG_OPERATOR). Dead letters are shown as the operator's view of the egress
 * (hub/exchange/egress.ts): envelope and errors, input field names only.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { redisClient, redisTargetOf } from '../../../queue/connection';
import { loadConfig, type HubConfig } from '../../../config/loader';
import { createDeliveryQueues, trustDirSealer, type DeliveryQueues } from '../../../queue';
import { deadLetterForOperator } from '../../exchange/egress';
import { openOperatorAudit, type OperatorAudit } from '../../operators/cli-audit';
import { printJson } from '../io';

async function withQueues<T>(
  configDir: string | undefined,
  fn: (q: DeliveryQueues, config: HubConfig) => Promise<T>,
): Promise<T> {
  const config = loadConfig(configDir);
  const redis = redisClient(redisTargetOf(config.hub), { maxRetriesPerRequest: 2 });
  const queues = createDeliveryQueues(redis, {
    sealer: trustDirSealer(resolve(config.hub.trustDir)).sealer,
    policy: config.hub.deliveries,
  });
  try {
    return await fn(queues, config);
  } finally {
    await queues.close();
    await redis.quit();
  }
}

/** Runs an operator's action with the audit log open, so that an action is never done unrecorded. */
async function audited<T>(config: HubConfig, fn: (audit: OperatorAudit) => Promise<T>): Promise<T> {
  const audit = await openOperatorAudit(config);
  try {
    return await fn(audit);
  } finally {
    await audit.close();
  }
}

export function registerDeadLetterCommands(program: Command): void {
  const dlq = program.command('dlq').description('The dead-letter queue: list, show, redrive, discard');

  dlq
    .command('list')
    .description('List dead deliveries, newest first: id, sender, service, when, attempts, last error')
    .option('--config <dir>', 'configuration folder')
    .option('--destination <adapter>', 'only this destination')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { config?: string; destination?: string; limit: string; json?: boolean }) => {
      const page = await withQueues(opts.config, (q) =>
        q.deadLetters.list({ destination: opts.destination, limit: Number(opts.limit) }),
      );
      if (opts.json) return printJson(page); // metadata only: no input, no signature
      process.stdout.write(`${page.total} dead deliveries\n`);
      for (const d of page.items) {
        const last = d.errors[d.errors.length - 1];
        const error = last
          ? `${last.code}${last.upstreamCode ? ` ${last.upstreamCode}` : ''}: ${last.reason}`
          : '-';
        process.stdout.write(
          `${d.id}  from ${d.data.client}  ${d.data.service}  ${d.deadAt}  ${d.errors.length} attempts  last: ${error}\n`,
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
        const ids = await withQueues(opts.config, (q, config) =>
          audited(config, async (audit) => {
            if (id) {
              const done = await q.redrive(id);
              await audit.record({
                action: 'dlq.redrive',
                target: id,
                ...(done ? { status: 202 } : { outcome: 'DEAD_LETTER_UNKNOWN', status: 404 }),
              });
              return done ? [id] : [];
            }
            const all = await q.redriveAll({ destination: opts.destination });
            await audit.record({
              action: 'dlq.redrive-all',
              target: `${all.length} dead letters${opts.destination ? ` of ${opts.destination}` : ''}`,
              status: 202,
            });
            return all;
          }),
        );
        if (id && !ids.length) {
          console.error(`no dead delivery ${id}`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`redriven ${ids.length}\n`);
        for (const r of ids) process.stdout.write(`  ${r}\n`);
      },
    );

  dlq
    .command('discard')
    .description(
      'Remove a dead delivery for good (its payload too), with the reason; its status says who and why',
    )
    .argument('<id>', 'delivery id')
    .requiredOption('--reason <text>', 'why it is discarded (kept in the audit log and the delivery status)')
    .option('--config <dir>', 'configuration folder')
    .action(async (id: string, opts: { reason: string; config?: string }) => {
      const reason = opts.reason.trim();
      if (!reason) {
        console.error('--reason must not be empty');
        process.exitCode = 2;
        return;
      }
      const done = await withQueues(opts.config, (q, config) =>
        audited(config, async (audit) => {
          const ok = await q.discard(id, audit.operator, reason);
          await audit.record({
            action: 'dlq.discard',
            target: id,
            reason,
            ...(ok ? {} : { outcome: 'DEAD_LETTER_UNKNOWN', status: 404 }),
          });
          return ok;
        }),
      );
      if (!done) {
        console.error(`no dead delivery ${id}`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`discarded ${id}\n`);
    });
}
