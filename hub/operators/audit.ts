/**
 * Operators' actions in the audit log: redrive, discard, key issue, rotation and revocation — whoever
 * does them, through the HTTP routes (the operator named by their token) or the command line (the OS
 * user and host, or LIENTHONG_OPERATOR). Each is one record: client `operator:<name>`, service
 * `operator:<action>`, the target (a delivery id, a member and key id) and the reason given.
 */
import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { Audit } from '../audit';

export type OperatorAction =
  | 'dlq.redrive'
  | 'dlq.redrive-all'
  | 'dlq.discard'
  | 'keys.issue'
  | 'keys.rotate'
  | 'keys.revoke'
  | 'keys.import-p12'
  | 'keys.data-rotate'
  | 'operators.add'
  | 'operators.remove';

export interface OperatorActionRecord {
  operator: string;
  action: OperatorAction;
  target?: string;
  reason?: string;
  /** `ok`, or what went wrong. @defaultValue 'ok' */
  outcome?: string;
  /** @defaultValue 200 */
  status?: number;
}

/** Text an operator typed, made safe for a log line: no control characters, bounded. */
// Control characters (C0, DEL, C1) and the bidirectional overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text an operator typed, made safe for a log line: no control characters, bounded. */
export const operatorText = (s: string, max = 500): string => s.replace(UNSAFE, ' ').trim().slice(0, max);

export function auditOperatorAction(audit: Audit, r: OperatorActionRecord): Promise<void> {
  return audit.append({
    time: new Date().toISOString(),
    messageId: randomUUID(),
    client: `operator:${r.operator}`,
    service: `operator:${r.action}`,
    outcome: r.outcome ?? 'ok',
    status: r.status ?? 200,
    target: r.target,
    reason: r.reason === undefined ? undefined : operatorText(r.reason),
  });
}

/** Who runs this command line: LIENTHONG_OPERATOR, else `<OS user>@<host>`. */
export function cliOperator(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.LIENTHONG_OPERATOR?.trim();
  if (given) return operatorText(given, 100);
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry (a container's arbitrary uid) */
  }
  return `${user}@${hostname()}`;
}
