/**
 * `lienthong audit verify`: checks the audit log offline and reports its first broken record. By
 * default it verifies the configured audit directory (LIENTHONG_AUDIT_DIR) and the head signatures with
 * the hub's certificate from the configured trust directory (LIENTHONG_TRUST_DIR) — every
 * `hub/*.cert.pem` there, so a certificate kept after a renewal still verifies the heads it signed.
 * `--hub-cert` names the certificates instead (an audit log copied elsewhere); `--chain-only` skips the
 * signatures on purpose.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../../config/loader';
import { verifyAuditDir, type VerifyResult } from '../../audit';
import { trustPaths } from '../../trust/layout';
import { printJson } from '../io';

/** The public key of the first certificate in a PEM file. */
function certificateKey(file: string): KeyObject {
  return new X509Certificate(readFileSync(file)).publicKey;
}

/** The hub certificates of a trust directory: hub.cert.pem and any other `*.cert.pem` beside it. */
export function hubCertificates(trustDir: string): string[] {
  const dir = join(trustPaths(trustDir).hubCert, '..');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cert.pem'))
    .sort()
    .map((f) => join(dir, f));
}

function describe(result: VerifyResult, keysFrom: string): string[] {
  if (!result.ok) {
    const { file, line, seq, reason, detail } = result.firstBad;
    return [`broken: ${file}:${line}${seq === undefined ? '' : ` seq ${seq}`}: ${reason}`, `  ${detail}`];
  }
  const out = [`ok ${result.records} records`];
  out.push(
    result.signaturesChecked
      ? `head signatures verified with ${keysFrom}`
      : 'heads checked for chain consistency only: head signatures not verified (--chain-only)',
  );
  for (const c of result.chains) {
    if (c.lastSeq > c.signedThrough) {
      out.push(`chain ${c.chain}: seq ${c.signedThrough + 1}…${c.lastSeq} not yet covered by a signed head`);
    }
  }
  return out;
}

interface VerifyFlags {
  hubCert: string[];
  chainOnly?: boolean;
  json?: boolean;
  config?: string;
}

export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('The audit log: hash-chained, signed records of every exchange and operator action');
  audit
    .command('verify')
    .description(
      'Verify every chain of an audit directory: hashes, sequence, links and signed heads. Prints "ok N records" and exits 0, or the first broken record and exits 1.',
    )
    .argument('[dir]', 'audit directory (default: the configured one, LIENTHONG_AUDIT_DIR)')
    .option(
      '--hub-cert <file>',
      "the hub's certificate (PEM) whose key verifies head signatures (default: the trust dir's hub certificates). Repeat for keys used before a renewal",
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    )
    .option('--chain-only', 'check hashes and links only, not the head signatures')
    .option('--config <dir>', 'configuration folder')
    .option('--json', 'print the whole result as JSON')
    .action(async (given: string | undefined, opts: VerifyFlags) => {
      const fail = (message: string) => {
        console.error(message);
        process.exitCode = 2;
      };
      const needConfig = given === undefined || (!opts.chainOnly && opts.hubCert.length === 0);
      const config = needConfig ? loadConfig(opts.config) : undefined;
      const at = (p: string) => (isAbsolute(p) ? p : resolve(p));
      const dir = given ?? at(config!.hub.auditDir);
      if (!existsSync(dir)) return fail(`no audit log at ${dir}`);
      let keys: KeyObject[] | undefined;
      let keysFrom = '';
      if (!opts.chainOnly) {
        const files = opts.hubCert.length ? opts.hubCert : hubCertificates(at(config!.hub.trustDir));
        if (!files.length)
          return fail(
            `no hub certificate in ${at(config!.hub.trustDir)}/hub to verify head signatures with: give --hub-cert <file>, or --chain-only`,
          );
        const source = opts.hubCert.length ? '--hub-cert' : 'hub certificate';
        try {
          keys = files.map((f) => {
            try {
              return certificateKey(f);
            } catch (err) {
              throw new Error(`${source} ${f}: ${err instanceof Error ? err.message : String(err)}`, {
                cause: err,
              });
            }
          });
        } catch (err) {
          return fail((err as Error).message);
        }
        keysFrom = files.join(', ');
      }
      const result = await verifyAuditDir(dir, { publicKeys: keys });
      if (opts.json) printJson(result);
      else process.stdout.write(describe(result, keysFrom).join('\n') + '\n');
      process.exitCode = result.ok ? 0 : 1;
    });
}
