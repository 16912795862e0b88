/**
 * `lienthong users add|disable|reset-password|list`: accounts of the pages for officers, operators and
 * auditors (hub/web/accounts/users.ts), in `web-users.json` beside the operators' tokens file.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../../config/loader';
import {
  addUser,
  disableUser,
  readUsers,
  resetPassword,
  usersFileOf,
  type Role,
} from '../../web/accounts/users';

export function registerUserCommands(program: Command): void {
  const users = program
    .command('users')
    .description('Accounts of the pages (officers, operators, auditors): add, disable, reset-password, list')
    .option('--config <dir>', 'configuration folder');
  const file = (cmd: Command) =>
    usersFileOf(resolve(loadConfig(cmd.optsWithGlobals<{ config?: string }>().config).hub.adminTokenFile));
  const fail = (msg: string) => {
    console.error(msg);
    process.exitCode = 1;
  };

  users
    .command('add')
    .description('Add an account (or replace it); prints its password once')
    .argument('<name>', 'the user name (letters, digits, . _ -)')
    .requiredOption('--role <role>', 'operator, officer or auditor')
    .option('--agency <member>', 'the officer’s agency (member id)')
    .action((name: string, opts: { role: string; agency?: string }, cmd: Command) => {
      if (!['operator', 'officer', 'auditor'].includes(opts.role)) return fail(`not a role: ${opts.role}`);
      try {
        process.stdout.write(`${addUser(file(cmd), name, opts.role as Role, opts.agency)}\n`);
      } catch (err) {
        fail((err as Error).message);
      }
    });
  users
    .command('disable')
    .description('Disable an account')
    .argument('<name>')
    .action((name: string, _o: unknown, cmd: Command) => {
      if (disableUser(file(cmd), name)) process.stdout.write(`disabled ${name}\n`);
      else fail(`no user ${name}`);
    });
  users
    .command('reset-password')
    .description('Give an account a new password (and enable it); prints it once')
    .argument('<name>')
    .action((name: string, _o: unknown, cmd: Command) => {
      const p = resetPassword(file(cmd), name);
      if (p) process.stdout.write(`${p}\n`);
      else fail(`no user ${name}`);
    });
  users
    .command('list')
    .description('List the accounts: name, role, agency, disabled')
    .action((_o: unknown, cmd: Command) => {
      for (const [name, u] of readUsers(file(cmd)))
        process.stdout.write(
          `${name}\t${u.role}\t${u.agency ?? '-'}\t${u.disabled ? 'disabled' : 'active'}\n`,
        );
    });
}
