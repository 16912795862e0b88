/**
 * `lienthong members list` and `lienthong policy who-may <service>`: the configuration read as an
 * operator asks it — who is connected, with which subsystems and rights; who may call a service, for
 * which purposes and which fields. Read from the configuration folder, no hub needed.
 */
import type { Command } from 'commander';
import { loadConfig, type GrantConfig } from '../../../config/loader';
import { printJson } from '../io';

/** The grants of one service: client, purpose and fields, one row per purpose. */
export function whoMay(
  grants: readonly GrantConfig[],
  service: string,
): { client: string; purpose: string; fields: '*' | string[] }[] {
  return grants
    .filter((g) => g.service === service)
    .flatMap((g) =>
      Object.entries(g.purposes).map(([purpose, fields]) => ({ client: g.client, purpose, fields })),
    )
    .sort((a, b) => a.client.localeCompare(b.client) || a.purpose.localeCompare(b.purpose));
}

export function registerMemberCommands(program: Command): void {
  const members = program.command('members').description('The members of the configuration');
  members
    .command('list')
    .description('Members: id, name, subsystems and rights')
    .option('--config <dir>', 'configuration folder')
    .option('--json', 'print JSON')
    .action((opts: { config?: string; json?: boolean }) => {
      const config = loadConfig(opts.config);
      if (opts.json) return printJson(config.members);
      const width = Math.max(...config.members.map((m) => m.id.length));
      for (const m of config.members) {
        const rights = m.rights.length ? `  rights: ${m.rights.join(', ')}` : '';
        process.stdout.write(`${m.id.padEnd(width)}  ${m.name}  [${m.subsystems.join(', ')}]${rights}\n`);
      }
    });

  const policy = program.command('policy').description('The access policy');
  policy
    .command('who-may')
    .description('Who may call a service: each client with its purposes and the fields each purpose allows')
    .argument('<service>', 'member/subsystem/service/version')
    .option('--config <dir>', 'configuration folder')
    .option('--json', 'print JSON')
    .action((service: string, opts: { config?: string; json?: boolean }) => {
      const config = loadConfig(opts.config);
      if (!config.services.some((s) => s.id === service)) {
        console.error(`no service ${service} in the configuration`);
        process.exitCode = 1;
        return;
      }
      const rows = whoMay(config.grants, service);
      if (opts.json) return printJson(rows);
      if (!rows.length) process.stdout.write(`nobody may call ${service}\n`);
      for (const r of rows) {
        const fields = r.fields === '*' ? 'all fields' : r.fields.join(', ');
        process.stdout.write(`${r.client}  ${r.purpose}  ${fields}\n`);
      }
    });
}
