/**
 * `lienthong call <member/subsystem/service/version>`: a member's side of an exchange from the command
 * line — sign the request with the member's key, send it, verify the hub's signed answer against the
 * request, print the answer. The files `keys issue` hands over sit together (`<kid>.key.pem`,
 * `<kid>.cert.pem`, `hub.cert.pem`, `ca.cert.pem`): give the key, and the rest is found beside it.
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { createHubClient } from '../../protocol';
import { printJson, readInput } from '../io';

interface CallFlags {
  purpose: string;
  as: string;
  key: string;
  cert?: string;
  hub?: string;
  hubCert?: string;
  ca?: string;
  idempotencyKey?: string;
  fields?: string;
  async?: boolean;
  orderingKey?: string;
}

/** A file beside the key, when the flag does not name one. */
const beside = (key: string, name: string): string | undefined => {
  const f = join(dirname(key), name);
  return existsSync(f) ? f : undefined;
};

export function registerCallCommand(program: Command): void {
  program
    .command('call')
    .description(
      'Call a service as a member: sign with the member’s key, print the answer once its signature is verified. ' +
        'Exits 0 on a 2xx answer, 1 on a problem (printed), 2 on bad arguments',
    )
    .argument('<service>', 'member/subsystem/service/version, e.g. VN:GOV:00:BCA/DANCU/person-by-id/v1')
    .argument('[file]', "JSON body; '-' or nothing reads standard input")
    .requiredOption('--purpose <code>', 'purpose code (X-Hub-Purpose)')
    .requiredOption(
      '--as <member/subsystem>',
      'the calling member and subsystem, e.g. VN:GOV:01:UBND-NGOCHA/MOTCUA',
    )
    .requiredOption('--key <file>', 'the member’s private key (PEM), as `keys issue` handed it over')
    .option('--cert <file>', 'the member’s certificate (default: <kid>.cert.pem beside the key)')
    .option('--hub <url>', 'the hub (default: LIENTHONG_PUBLIC_URL, else http://127.0.0.1:8080)')
    .option(
      '--hub-cert <file>',
      'the hub’s certificate, to verify its answer (default: hub.cert.pem beside the key)',
    )
    .option('--ca <file>', 'for https: the hub CA (default: ca.cert.pem beside the key)')
    .option('--idempotency-key <key>', 'Idempotency-Key of a write (default for a write: a new UUID)')
    .option('--fields <list>', 'comma-separated fields to return (within the purpose)')
    .option('--async', 'Prefer: respond-async — queue it as a delivery, print its id')
    .action(async (service: string, file: string | undefined, flags: CallFlags) => {
      const usage = (message: string) => {
        console.error(message);
        process.exitCode = 2;
      };
      const [member, subsystem, ...rest] = flags.as.split('/');
      if (!member || !subsystem || rest.length) return usage('--as must be member/subsystem');
      const cert = flags.cert ?? flags.key.replace(/\.key\.pem$/, '.cert.pem');
      if (!existsSync(cert)) return usage(`no certificate ${cert}: give --cert`);
      const hubCert = flags.hubCert ?? beside(flags.key, 'hub.cert.pem');
      if (!hubCert) return usage('no hub certificate to verify the answer with: give --hub-cert');
      const baseUrl = flags.hub ?? process.env.LIENTHONG_PUBLIC_URL ?? 'http://127.0.0.1:8080';
      const ca = flags.ca ?? beside(flags.key, 'ca.cert.pem');
      let body: unknown;
      try {
        body = JSON.parse(readInput(file));
      } catch (err) {
        return usage(`the body is not JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
      const client = createHubClient({
        member,
        subsystem,
        key: { privateKey: createPrivateKey(readFileSync(flags.key)) },
        cert: readFileSync(cert, 'utf8'),
        baseUrl,
        hubCertificate: readFileSync(hubCert, 'utf8'),
        tls: baseUrl.startsWith('https:') && ca ? { ca: readFileSync(ca) } : undefined,
      });
      try {
        const query = flags.fields ? `?fields=${encodeURIComponent(flags.fields)}` : '';
        const res = await client.request('POST', `/v1/services/${service}${query}`, {
          purpose: flags.purpose,
          body,
          idempotencyKey: flags.idempotencyKey ?? (flags.async ? randomUUID() : undefined),
          ...(flags.async ? { headers: { prefer: 'respond-async' } } : {}),
        });
        console.error(`HTTP ${res.status}  message ${res.messageId}  answer signature verified`);
        printJson(res.body);
        process.exitCode = res.status < 300 ? 0 : 1;
      } finally {
        client.close();
      }
    });
}
