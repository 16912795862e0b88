/**
 * `lienthong operators add|remove|list`: the operators' tokens file (LIENTHONG_ADMIN_TOKEN_FILE). Each
 * operator has a name and a token; the dead-letter routes and the dashboard take the token (bearer, or
 * as the basic-auth password in a browser) and audit what the operator does under that name. A running
 * hub reads the file again within LIENTHONG_TRUST_RELOAD_SEC, or on SIGHUP.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../../config/loader';
import { openOperatorAudit } from '../../operators/cli-audit';
import { addOperator, readOperatorTokens, removeOperator } from '../../operators/tokens';

export function registerOperatorCommands(program: Command): void {
  const operators = program
    .command('operators')
    .description('Operators’ tokens (dead letters, dashboard): add, remove, list')
    .option('--config <dir>', 'configuration folder');
  const file = (cmd: Command) =>
    resolve(loadConfig(cmd.optsWithGlobals<{ config?: string }>().config).hub.adminTokenFile);
  const audited = async (cmd: Command, action: 'operators.add' | 'operators.remove', target: string) => {
    const audit = await openOperatorAudit(loadConfig(cmd.optsWithGlobals<{ config?: string }>().config));
    try {
      await audit.record({ action, target });
    } finally {
      await audit.close();
    }
  };

  operators
    .command('add')
    .description('Give an operator a token (a new one if they had one); prints it once')
    .argument('<name>', 'the operator’s name, as the audit log will show it (letters, digits, . _ -)')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const token = addOperator(file(cmd), name);
      await audited(cmd, 'operators.add', name);
      process.stdout.write(`${token}\n`);
    });

  operators
    .command('remove')
    .description('Take an operator’s token away')
    .argument('<name>', 'the operator’s name')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      if (!removeOperator(file(cmd), name)) {
        console.error(`no operator ${name}`);
        process.exitCode = 1;
        return;
      }
      await audited(cmd, 'operators.remove', name);
      process.stdout.write(`removed ${name}\n`);
    });

  operators
    .command('list')
    .description('The operators’ names (not their tokens)')
    .action((_opts: unknown, cmd: Command) => {
      for (const name of readOperatorTokens(file(cmd)).keys()) process.stdout.write(`${name}\n`);
    });
}
