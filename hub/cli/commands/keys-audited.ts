/**
 * `lienthong keys …` with its operator actions audited, and `keys data-rotate`. The key commands
 * themselves live in keys.ts; here a hook records, after each one that changes who may sign (issue,
 * rotate, revoke, import-p12) and after a data-key rotation, an audit record naming the operator (the
 * OS user and host, or LIENTHONG_OPERATOR), the member and the key. The record goes to the configured
 * audit directory, signed with the hub key of the trust directory the command worked on.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { redisClient, redisTargetOf } from '../../../queue/connection';
import { loadConfig } from '../../../config/loader';
import { createDeliveryQueues, trustDirSealer } from '../../../queue';
import { dataKeysPath, rotateDataKeys } from '../../../queue/data-keys';
import { dataKeyInUse } from '../../../queue/key-usage';
import { openOperatorAudit } from '../../operators/cli-audit';
import type { OperatorAction } from '../../operators/audit';
import { DEFAULT_TRUST_DIR } from '../../trust';
import { printJson } from '../io';
import { registerKeyCommands } from './keys';

const AUDITED: Record<string, OperatorAction> = {
  issue: 'keys.issue',
  rotate: 'keys.rotate',
  revoke: 'keys.revoke',
  'import-p12': 'keys.import-p12',
};

function trustDirOf(cmd: Command): string {
  const opts = cmd.optsWithGlobals<{ trustDir?: string }>();
  return opts.trustDir ?? process.env.LIENTHONG_TRUST_DIR ?? DEFAULT_TRUST_DIR;
}

/** Appends one operator record; the action is done already, so a failure here is reported, not hidden. */
async function record(
  cmd: Command,
  r: { action: OperatorAction; target: string; reason?: string },
): Promise<void> {
  try {
    const audit = await openOperatorAudit(loadConfig(), { trustDir: trustDirOf(cmd) });
    try {
      await audit.record(r);
    } finally {
      await audit.close();
    }
  } catch (err) {
    console.error(
      `${r.action} ${r.target} was done, but could not be recorded in the audit log: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exitCode = 1;
  }
}

export function registerAuditedKeyCommands(program: Command): void {
  registerKeyCommands(program);
  const keys = program.commands.find((c) => c.name() === 'keys')!;
  keys.hook('postAction', async (_keys, action) => {
    const what = AUDITED[action.name()];
    if (!what) return;
    const opts = action.opts<{ kid?: string; reason?: string }>();
    const member = String(action.args[0]);
    await record(action, {
      action: what,
      target: opts.kid ? `${member} ${opts.kid}` : member,
      reason: what === 'keys.revoke' ? opts.reason : undefined,
    });
  });

  keys
    .command('data-rotate')
    .description(
      'Make a new data key current (payloads and results are sealed with it from then on); drop retired keys ' +
        'that no job or dead letter uses once they are older than the retention. Copy the trust dir to every hub ' +
        'and worker host afterwards (they take it up within LIENTHONG_TRUST_RELOAD_SEC, or on SIGHUP)',
    )
    .option('--config <dir>', 'configuration folder (Redis, retention)')
    .action(async (opts: { config?: string }, cmd: Command) => {
      const config = loadConfig(opts.config);
      const dir = resolve(trustDirOf(cmd));
      const redis = redisClient(redisTargetOf(config.hub), { maxRetriesPerRequest: 2 });
      try {
        const result = await rotateDataKeys(dataKeysPath(dir), {
          retentionSec: Math.max(config.hub.deliveries.keepCompletedSec, config.hub.deliveries.keepFailedSec),
          inUse: async (kid) => {
            const queues = createDeliveryQueues(redis, {
              sealer: trustDirSealer(dir).sealer,
              policy: config.hub.deliveries,
              destinations: config.services.map((s) => s.adapter),
            });
            try {
              return await dataKeyInUse(queues, kid);
            } finally {
              await queues.close();
            }
          },
        });
        printJson(result);
      } finally {
        await redis.quit();
      }
      await record(cmd, { action: 'keys.data-rotate', target: 'data keys' });
    });
}
