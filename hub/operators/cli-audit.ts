/**
 * The audit log of operators' command-line actions: the process appends to the chain
 * `operator-<host>` of the configured audit directory (LIENTHONG_AUDIT_DIR), signed with the hub's key
 * from the trust directory, so `lienthong audit verify` checks these records with the hub's own. Two
 * commands run at once on one host take turns (the chain's lock is retried for a few seconds).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { redisClient, redisTargetOf } from '../../queue/connection';
import type { HubConfig } from '../../config/loader';
import { AuditLockedError, createAudit, type Audit } from '../audit';
import { createTrustStore } from '../trust';
import { auditOperatorAction, cliOperator, type OperatorActionRecord } from './audit';

export interface OperatorAudit {
  operator: string;
  record(r: Omit<OperatorActionRecord, 'operator'>): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens the operators' chain of this host; `trustDir` overrides the configured one. */
export async function openOperatorAudit(
  config: HubConfig,
  opts: { trustDir?: string; root?: string; lockWaitMs?: number } = {},
): Promise<OperatorAudit> {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(opts.root ?? process.cwd(), p));
  const signer = createTrustStore({ dir: at(opts.trustDir ?? config.hub.trustDir) }).hubSigner;
  const keyFile = at(config.hub.subjectKeyFile);
  // Operators' records name no subject; a host without the hub's subject key (the CA's) needs none.
  const subjectKey = existsSync(keyFile)
    ? Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64url')
    : randomBytes(32);
  const redis = redisClient(redisTargetOf(config.hub), { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const deadline = Date.now() + (opts.lockWaitMs ?? 10_000);
  let audit: Audit;
  for (;;) {
    try {
      audit = createAudit({
        dir: at(config.hub.auditDir),
        redis,
        signer: { kid: signer.kid, alg: signer.alg, sign: (d) => signer.sign(d) },
        subjectKey,
        nodeId: `operator-${hostname()}`,
        flushIntervalMs: 0,
      });
      break;
    } catch (err) {
      if (!(err instanceof AuditLockedError) || Date.now() > deadline) {
        redis.disconnect();
        throw err;
      }
      await sleep(200);
    }
  }
  const operator = cliOperator();
  return {
    operator,
    record: (r) => auditOperatorAction(audit, { ...r, operator }),
    async close() {
      await audit.close();
      redis.disconnect();
    },
  };
}
