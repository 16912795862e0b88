/** The `lienthong` command line: one program, one file per command group under ./commands. */
import { Command } from 'commander';
import { registerAdapterCommands } from './commands/adapters';
import { registerAuditCommands } from './commands/audit';
import { registerContractCommands } from './commands/contracts';
import { registerKeyCommands } from './commands/keys';
import { registerQueueCommands } from './commands/queue';
import { registerServeCommand } from './commands/serve';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('lienthong')
    .description('lienthong — interoperability hub for Vietnamese government agencies')
    .showHelpAfterError()
    .exitOverride((err) => {
      // Usage errors exit 2, the convention for command-line misuse.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  registerContractCommands(program);
  registerAdapterCommands(program);
  registerKeyCommands(program);
  registerAuditCommands(program);
  registerServeCommand(program);
  registerQueueCommands(program);
  return program;
}

/** Parses `argv` and runs the command; exits non-zero on failure. */
export function run(argv: string[]): void {
  buildProgram()
    .parseAsync(argv)
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    });
}

if (require.main === module) run(process.argv);
