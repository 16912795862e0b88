/**
 * The `lienthong` command line: one program, one file per command group under ./commands, each loaded
 * only when its command runs. `lienthong --help` loads none of them (their names and summaries are
 * here), and a command loads only what it needs — so `validate` does not pay for the adapters, the
 * queues or the hub, and an adapter that does not load (half-written, broken) breaks `adapter`,
 * `sandbox`, `serve` and `worker`, not `validate`, `keys`, `dlq` or `audit`.
 */
import { Command } from 'commander';

interface CommandEntry {
  name: string;
  summary: string;
  /** Loads the group that defines this command (and maybe others). */
  load(): (program: Command) => void;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loading a command group on demand is the point */
const COMMANDS: CommandEntry[] = [
  {
    name: 'validate',
    summary: 'Validate and normalise a record (or a JSON array of records) against a contract',
    load: () => require('./commands/contracts').registerContractCommands,
  },
  {
    name: 'contracts',
    summary: 'List the contracts and their versions',
    load: () => require('./commands/contracts').registerContractCommands,
  },
  {
    name: 'adapter',
    summary: 'Adapters: list, check against their simulators, scaffold new ones',
    load: () => require('./commands/adapters').registerAdapterCommands,
  },
  {
    name: 'sandbox',
    summary: 'Start every simulated agency on 127.0.0.1 until interrupted',
    load: () => require('./commands/adapters').registerAdapterCommands,
  },
  {
    name: 'keys',
    summary: 'The hub CA, the hub signing key, member certificates and the data keys',
    load: () => require('./commands/keys-audited').registerAuditedKeyCommands,
  },
  {
    name: 'operators',
    summary: 'Operators’ tokens (dead letters, dashboard): add, remove, list',
    load: () => require('./commands/operators').registerOperatorCommands,
  },
  {
    name: 'users',
    summary: 'Accounts of the pages (officers, operators, auditors): add, disable, reset-password, list',
    load: () => require('./commands/users').registerUserCommands,
  },
  {
    name: 'audit',
    summary: 'The audit log: verify its hash chains and signed heads',
    load: () => require('./commands/audit').registerAuditCommands,
  },
  {
    name: 'serve',
    summary: 'Start the hub (configuration from config/ and LIENTHONG_* environment variables)',
    load: () => require('./commands/serve').registerServeCommand,
  },
  {
    name: 'worker',
    summary: 'Run the delivery workers until SIGTERM/SIGINT',
    load: () => require('./commands/worker').registerWorkerCommand,
  },
  {
    name: 'dlq',
    summary: 'The dead-letter queue: list, show, redrive, discard',
    load: () => require('./commands/dlq').registerDeadLetterCommands,
  },
  {
    name: 'call',
    summary: 'Call a service as a member: sign with its key, print the verified answer',
    load: () => require('./commands/call').registerCallCommand,
  },
  {
    name: 'members',
    summary: 'The members of the configuration and their subsystems and rights',
    load: () => require('./commands/members').registerMemberCommands,
  },
  {
    name: 'policy',
    summary: 'The access policy: who may call a service, for which purposes and fields',
    load: () => require('./commands/members').registerMemberCommands,
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** The command `argv` asks for: the first word after the options of the program itself. */
function requested(argv: string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** The program with the group of the requested command loaded, and the others named only. */
export function buildProgram(argv: string[] = process.argv): Command {
  const program = new Command();
  program
    .name('lienthong')
    .description('lienthong — interoperability hub for Vietnamese government agencies')
    .showHelpAfterError()
    .exitOverride((err) => {
      // Usage errors exit 2, the convention for command-line misuse.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  const wanted = COMMANDS.find((c) => c.name === requested(argv));
  wanted?.load()(program);
  for (const entry of COMMANDS)
    if (!program.commands.some((c) => c.name() === entry.name))
      program.command(entry.name).description(entry.summary);
  return program;
}

/** The program with every group loaded (what lists every subcommand: the one-egress test, docs). */
export function buildCompleteProgram(): Command {
  const program = new Command().name('lienthong');
  const loaded = new Set<(program: Command) => void>();
  for (const entry of COMMANDS) {
    const register = entry.load();
    if (!loaded.has(register)) register(program);
    loaded.add(register);
  }
  return program;
}

/** Parses `argv` and runs the command; exits non-zero on failure. */
export function run(argv: string[]): void {
  let program: Command;
  try {
    program = buildProgram(argv);
  } catch (err) {
    // A group that does not load (a broken adapter for `adapter`, `serve` …) fails its own command only.
    console.error(
      `lienthong ${requested(argv)}: cannot load: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(1);
  }
  program.parseAsync(argv).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}

if (require.main === module) run(process.argv);
