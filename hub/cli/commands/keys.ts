/**
 * `lienthong keys …`: the hub CA and member keys from the command line — init, issue, rotate, revoke,
 * list, import-p12, export-p12. The trust directory comes from --trust-dir, else $LIENTHONG_TRUST_DIR,
 * else var/trust. Issuing (issue, rotate, import-p12) is for members the configuration knows
 * (config/members.json, or --config <dir>): a certificate for anyone else needs --force.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadMembers } from '../../../config/loader';
import { isJwsAlg, type JwsAlg } from '../../protocol/algorithms';
import {
  DEFAULT_OVERLAP_MS,
  DEFAULT_TRUST_DIR,
  exportP12,
  importP12,
  initTrust,
  issueMemberKey,
  issueServerCertificate,
  listKeys,
  revokeMemberKey,
  rotateMemberKey,
} from '../../trust';
import { writeFileAtomic } from '../../trust/layout';
import { assertMemberId } from '../../trust/member-id';
import { printJson } from '../io';

/** Thrown for bad command-line values; main.ts prints the message and exits 1. */
export class KeysUsageError extends Error {
  override readonly name = 'KeysUsageError';
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration like `7d`, `12h`, `30m`, `45s`. */
export function parseDuration(value: string): number {
  const m = /^(\d+)([smhd])$/.exec(value.trim());
  if (!m) throw new KeysUsageError(`not a duration (like 7d, 12h, 30m): ${value}`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

function parseAlg(value: string | undefined): JwsAlg | undefined {
  if (value === undefined) return undefined;
  if (!isJwsAlg(value)) throw new KeysUsageError(`--alg must be ES256, EdDSA, RS256 or PS256, not ${value}`);
  return value;
}

function parseDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new KeysUsageError(`--days must be a positive integer, not ${value}`);
  return n;
}

/** A password file holds the password on its first line (a final newline is not part of it). */
function readPassword(file: string): string {
  return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
}

function trustDir(cmd: Command): string {
  const opts = cmd.optsWithGlobals<{ trustDir?: string }>();
  return opts.trustDir ?? process.env.LIENTHONG_TRUST_DIR ?? DEFAULT_TRUST_DIR;
}

interface IssueFlags {
  csr?: string;
  alg?: string;
  out?: string;
  days?: string;
  force?: boolean;
}

/**
 * Refuses to issue to a member the configuration does not list (a typo would otherwise get a live
 * certificate for a member id no policy names), unless --force.
 */
function assertKnownMember(cmd: Command, member: string, force: boolean | undefined): void {
  assertMemberId(member);
  if (force) return;
  const { config } = cmd.optsWithGlobals<{ config?: string }>();
  const known = loadMembers(config).some((m) => m.id === member);
  if (!known)
    throw new KeysUsageError(
      `member ${member} is not in ${config ? `${config}/` : 'config/'}members.json: add it there first, ` +
        'or pass --force to issue a certificate anyway',
    );
}

function issueInput(cmd: Command, member: string, flags: IssueFlags) {
  assertKnownMember(cmd, member, flags.force);
  return {
    dir: trustDir(cmd),
    memberId: member,
    csr: flags.csr ? readFileSync(flags.csr) : undefined,
    alg: parseAlg(flags.alg),
    out: flags.out,
    days: parseDays(flags.days),
  };
}

export function registerKeyCommands(program: Command): void {
  const keys = program
    .command('keys')
    .description('The hub CA, the hub signing key and member certificates')
    .option('--trust-dir <dir>', `trust directory (default: $LIENTHONG_TRUST_DIR or ${DEFAULT_TRUST_DIR})`)
    .option('--config <dir>', 'configuration folder whose members.json lists the members (default: config/)');

  keys
    .command('init')
    .description('Create the CA (P-256) and the hub signing key and certificate')
    .option('--ca-days <n>', 'CA certificate lifetime in days', '3650')
    .option('--hub-days <n>', 'hub certificate lifetime in days', '730')
    .action((flags: { caDays: string; hubDays: string }, cmd: Command) => {
      const dir = trustDir(cmd);
      printJson({
        dir,
        ...initTrust({ dir, caDays: parseDays(flags.caDays), hubDays: parseDays(flags.hubDays) }),
      });
    });

  const issueOptions = (c: Command): Command =>
    c
      .argument('<member>', 'member id, e.g. VN:GOV:79:SO-TNMT')
      .option('--csr <file>', "the member's PKCS#10 CSR (PEM or DER); without it a key pair is generated")
      .option('--alg <alg>', 'ES256 (default), EdDSA, RS256 or PS256')
      .option('--out <dir>', 'where a generated private key goes (default: <trust-dir>/handover/<member>)')
      .option('--days <n>', 'certificate lifetime in days (default 365)')
      .option('--force', 'issue even to a member that members.json does not list');

  issueOptions(keys.command('issue').description('Issue a certificate to a member')).action(
    (member: string, flags: IssueFlags, cmd: Command) =>
      printJson(issueMemberKey(issueInput(cmd, member, flags))),
  );

  issueOptions(
    keys
      .command('rotate')
      .description("Issue a member's next key; its current keys retire after the overlap"),
  )
    .option('--overlap <duration>', 'how long the old and new keys are both valid (default 7d)')
    .action((member: string, flags: IssueFlags & { overlap?: string }, cmd: Command) => {
      const overlapMs = flags.overlap ? parseDuration(flags.overlap) : DEFAULT_OVERLAP_MS;
      printJson(rotateMemberKey({ ...issueInput(cmd, member, flags), overlapMs }));
    });

  keys
    .command('revoke')
    .description("Revoke one key of a member (--kid) or all of the member's keys")
    .argument('<member>', 'member id')
    .option('--kid <kid>', 'the key to revoke')
    .option('--reason <reason>', 'why (e.g. keyCompromise, superseded)', 'unspecified')
    .action((member: string, flags: { kid?: string; reason: string }, cmd: Command) => {
      printJson({
        revoked: revokeMemberKey({
          dir: trustDir(cmd),
          memberId: member,
          kid: flags.kid,
          reason: flags.reason,
        }),
      });
    });

  keys
    .command('tls')
    .description("Issue the hub's TLS server certificate from the CA (for LIENTHONG_TLS=true)")
    .option(
      '--host <name...>',
      'host names and IP addresses the hub is reached at (default: 127.0.0.1 localhost)',
    )
    .option('--days <n>', 'certificate lifetime in days (default 365)')
    .action((flags: { host?: string[]; days?: string }, cmd: Command) => {
      printJson(
        issueServerCertificate({ dir: trustDir(cmd), hosts: flags.host, days: parseDays(flags.days) }),
      );
    });

  keys
    .command('list')
    .description('List member keys and their state (active, retiring, retired, revoked, expired)')
    .option('--member <member>', 'only this member')
    .option('--json', 'print JSON')
    .action((flags: { member?: string; json?: boolean }, cmd: Command) => {
      const list = listKeys({ dir: trustDir(cmd), memberId: flags.member });
      if (flags.json) return printJson(list);
      for (const k of list) {
        const until = k.retiresAt ? `retires ${k.retiresAt}` : `until ${k.notAfter}`;
        process.stdout.write(`${k.memberId}  ${k.kid}  ${k.alg}  ${k.state}  ${until}\n`);
      }
    });

  keys
    .command('import-p12')
    .description(
      "Import a member's .p12 (key and certificate from its own CA): issue a hub certificate for that key",
    )
    .argument('<member>', 'member id')
    .argument('<file>', 'the .p12/.pfx file')
    .requiredOption('--password-file <file>', 'file holding the .p12 password')
    .option('--out <dir>', 'where the private key (PEM, 0600) goes (default: <trust-dir>/handover/<member>)')
    .option('--days <n>', 'hub certificate lifetime in days (default 365)')
    .option('--force', 'issue even to a member that members.json does not list')
    .action(
      (
        member: string,
        file: string,
        flags: { passwordFile: string; out?: string; days?: string; force?: boolean },
        cmd: Command,
      ) => {
        assertKnownMember(cmd, member, flags.force);
        printJson(
          importP12({
            dir: trustDir(cmd),
            memberId: member,
            p12: readFileSync(file),
            password: readPassword(flags.passwordFile),
            out: flags.out,
            days: parseDays(flags.days),
          }),
        );
      },
    );

  keys
    .command('export-p12')
    .description("Write a member's key, its hub certificate and the CA certificate to a .p12")
    .argument('<member>', 'member id')
    .requiredOption('--out <file>', 'the .p12 to write (mode 0600)')
    .requiredOption('--password-file <file>', 'file holding the password for the .p12')
    .option('--kid <kid>', 'which key (default: the newest)')
    .option('--key <file>', 'the private key PEM (default: <trust-dir>/handover/<member>/<kid>.key.pem)')
    .action(
      (
        member: string,
        flags: { out: string; passwordFile: string; kid?: string; key?: string },
        cmd: Command,
      ) => {
        const { kid, p12 } = exportP12({
          dir: trustDir(cmd),
          memberId: member,
          kid: flags.kid,
          keyFile: flags.key,
          password: readPassword(flags.passwordFile),
        });
        writeFileAtomic(flags.out, p12, 0o600);
        printJson({ memberId: member, kid, out: flags.out });
      },
    );
}
