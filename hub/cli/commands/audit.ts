/** `lienthong audit verify`: checks the audit log offline and reports its first broken record. */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyAuditDir, type VerifyResult } from '../../audit';
import { printJson } from '../io';

export const DEFAULT_AUDIT_DIR = 'var/audit';

/** The public key of the first certificate in a PEM file. */
function certificateKey(file: string): KeyObject {
  return new X509Certificate(readFileSync(file)).publicKey;
}

function describe(result: VerifyResult): string[] {
  if (!result.ok) {
    const { file, line, seq, reason, detail } = result.firstBad;
    return [`broken: ${file}:${line}${seq === undefined ? '' : ` seq ${seq}`}: ${reason}`, `  ${detail}`];
  }
  const out = [`ok ${result.records} records`];
  if (!result.signaturesChecked) {
    out.push('heads checked for chain consistency only: head signatures not verified (no --hub-cert)');
  }
  for (const c of result.chains) {
    if (c.lastSeq > c.signedThrough) {
      out.push(`chain ${c.chain}: seq ${c.signedThrough + 1}…${c.lastSeq} not yet covered by a signed head`);
    }
  }
  return out;
}

export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('The audit log: hash-chained, signed records of every exchange');
  audit
    .command('verify')
    .description(
      'Verify every chain of an audit directory: hashes, sequence, links and signed heads. Prints "ok N records" and exits 0, or the first broken record and exits 1.',
    )
    .argument('[dir]', 'audit directory', DEFAULT_AUDIT_DIR)
    .option(
      '--hub-cert <file>',
      "the hub's certificate (PEM); its key verifies head signatures. Repeat for keys used before a rotation",
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    )
    .option('--json', 'print the whole result as JSON')
    .action(async (dir: string, opts: { hubCert: string[]; json?: boolean }) => {
      if (!existsSync(dir)) {
        console.error(`no audit log at ${dir}`);
        process.exitCode = 2;
        return;
      }
      let keys: KeyObject[] | undefined;
      try {
        keys = opts.hubCert.length > 0 ? opts.hubCert.map(certificateKey) : undefined;
      } catch (err) {
        console.error(`--hub-cert: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 2;
        return;
      }
      const result = await verifyAuditDir(dir, { publicKeys: keys });
      if (opts.json) printJson(result);
      else process.stdout.write(describe(result).join('\n') + '\n');
      process.exitCode = result.ok ? 0 : 1;
    });
}
