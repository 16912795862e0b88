/**
 * Writing a hub answer: every answer (data or problem) is signed over its exact bytes and bound to the
 * request (X-Hub-Request-Hash, X-Hub-Message-Id), and every authenticated exchange appends its audit
 * record first (refusals before authentication are audited in aggregate: http/refusals.ts).
 */
import type { Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from '../../contracts';
import type { AuditRecord } from '../audit';
import type { HubDeps } from '../context';
import { signResponse } from '../protocol';

export interface Answer {
  status: number;
  body: Buffer;
  /** application/json or application/problem+json */
  contentType: string;
  headers?: Record<string, string>;
}

export const jsonAnswer = (status: number, value: unknown, headers?: Record<string, string>): Answer => ({
  status,
  body: Buffer.from(JSON.stringify(value)),
  contentType: status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json; charset=utf-8',
  headers,
});

/** Appends the audit record, signs and sends. An audit failure turns the answer into a 503 (fail closed). */
export async function sendSigned(
  deps: HubDeps,
  res: Response,
  answer: Answer,
  binding: { requestHash?: string; messageId?: string },
  audit: Omit<AuditRecord, 'status' | 'outcome'> & { outcome: string },
): Promise<void> {
  let final = answer;
  try {
    await deps.audit.append({ ...audit, status: answer.status });
  } catch (err) {
    deps.logger.error({ err: (err as Error).message, messageId: binding.messageId }, 'audit append failed');
    final = jsonAnswer(503, {
      type: 'urn:lienthong:problem:internal',
      title: 'The audit log is unavailable; nothing was answered',
      titleVi: 'Nhật ký kiểm toán không sẵn sàng; yêu cầu không được trả lời',
      status: 503,
      code: 'INTERNAL',
    });
  }
  signAndSend(deps, res, final, binding);
}

/** Signs an answer, binds it to what is known of its request (Binding), and sends it. */
export function signAndSend(
  deps: Pick<HubDeps, 'trust'>,
  res: Response,
  answer: Answer,
  binding: { requestHash?: string; messageId?: string },
): void {
  const signed = signResponse({
    body: answer.body,
    status: answer.status,
    requestHash: binding.requestHash,
    messageId: binding.messageId,
    signer: deps.trust.hubSigner,
  });
  res.status(answer.status);
  res.setHeader('content-type', answer.contentType);
  for (const [k, v] of Object.entries({ ...answer.headers, ...signed })) res.setHeader(k, v);
  res.end(answer.body);
}
