/**
 * POST /v1/notifications/payment-platform: the national payment platform's signed notification that a
 * payment was paid, expired or failed. The platform is not a member: it authenticates by its ECDSA
 * signature over the exact body bytes (X-Chu-Ky), made with the key named by X-Ma-Khoa, whose public half
 * is in the trust dir (`upstreams/payment-platform/<key id>.pem`, upstream-keys.ts). Only the bytes
 * `readPaymentNotification` verified are used (CONVENTIONS §11); the payment they carry completes (or
 * fails) the dossier step waiting for it through `engine.confirm`, as the step's own polling of
 * payment-status would — whichever comes first.
 *
 * - unsigned, badly signed, unknown key, not a payment: 401 NOTIFICATION_REFUSED, counted against the
 *   source and audited in aggregate like every refusal before authentication (http/refusals.ts);
 * - the same verified body again (the platform retries until it gets a 2xx; an answer may have been
 *   lost): 200 `duplicate`, nothing changes — the body's hash is remembered for DEDUPE_SEC;
 * - a verified body no dossier waits for (an old notification replayed, a payment already settled by
 *   polling, or none of ours): 409 NOTIFICATION_UNEXPECTED, nothing changes;
 * - otherwise 200 with `confirmed` (paid), `failed` (expired/failed: the step fails for good) or
 *   `pending`. Each verified notification is one audit record (the platform, the dossier, the outcome).
 * The answer is fast: confirm() only updates the dossier and queues what follows.
 */
import { createHash, randomUUID } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import type { Request, Response } from 'express';
import { readPaymentNotification } from '../../adapters/payment-platform/notification';
import { isUpstreamError } from '../../adapters/sdk';
import { QUEUE_PREFIX } from '../../queue';
import type { HubDeps } from '../context';
import { jsonAnswer, signAndSend } from '../exchange/respond';
import { readRawBody } from '../http/body';
import { problemAnswer, refuseBeforeAuth } from '../http/member-route';
import { HubError } from '../http/problem';
import { requestBinding } from '../protocol';
import type { ProcedureEngine } from './engine';
import { upstreamKeys } from './upstream-keys';

export const PAYMENT_EVENT = 'payment-platform.payment';
const UPSTREAM = 'payment-platform';
const ROUTE = 'payment-notification';
const SERVICE = 'hub:POST /v1/notifications/payment-platform';
/** How long a verified body is remembered as handled (the platform's retries end well within it). */
const DEDUPE_SEC = 7 * 86_400;
const seenKey = (hash: string) => `${QUEUE_PREFIX}:notification:${UPSTREAM}:${hash}`;

export function createPaymentNotificationRoute(deps: HubDeps, engine: ProcedureEngine) {
  const keys = upstreamKeys(() => resolvePath(deps.config.hub.trustDir), UPSTREAM);

  return async (req: Request, res: Response): Promise<void> => {
    const started = process.hrtime.bigint();
    let raw: Buffer | undefined;
    const binding = () => requestBinding(req.headersDistinct, raw);
    try {
      raw = await readRawBody(req, deps.config.hub.limits.bodyBytes);
    } catch (err) {
      return refuseBeforeAuth(deps, req, res, problemAnswer(deps, err), ROUTE, undefined, started);
    }
    let payment: Record<string, unknown>;
    try {
      payment = readPaymentNotification({ body: raw, headers: req.headers }, keys());
    } catch (err) {
      const reason = isUpstreamError(err) ? err.reason : 'the notification could not be read';
      const refused = new HubError('NOTIFICATION_REFUSED', { upstream: UPSTREAM, reason });
      return refuseBeforeAuth(deps, req, res, problemAnswer(deps, refused), ROUTE, raw, started);
    }

    const paymentRef = String(payment.paymentRef);
    const dossierCode = typeof payment.dossierCode === 'string' ? payment.dossierCode : undefined;
    const hash = createHash('sha256').update(raw).digest('hex');
    let outcome: string;
    let status = 200;
    let answer;
    try {
      // Claimed before it is used, so two deliveries of one body at once cannot both confirm.
      const fresh = await deps.redis.set(seenKey(hash), 'processing', 'EX', DEDUPE_SEC, 'NX');
      if (fresh !== 'OK') outcome = 'duplicate';
      else {
        let r: Awaited<ReturnType<ProcedureEngine['confirm']>>;
        try {
          r = await engine.confirm(PAYMENT_EVENT, paymentRef, payment);
        } catch (err) {
          await deps.redis.del(seenKey(hash));
          throw err;
        }
        if (r === 'unknown') {
          // Not remembered: a notification that came before its dossier recorded the wait is retried.
          await deps.redis.del(seenKey(hash));
          throw new HubError('NOTIFICATION_UNEXPECTED', { upstream: UPSTREAM });
        }
        await deps.redis.set(seenKey(hash), r, 'EX', DEDUPE_SEC);
        outcome = r;
      }
      answer = jsonAnswer(200, { outcome, paymentRef, ...(dossierCode ? { dossierCode } : {}) });
    } catch (err) {
      answer = problemAnswer(deps, err);
      status = answer.status;
      outcome = err instanceof HubError ? err.code : 'INTERNAL';
    }
    await deps.audit
      .append({
        time: new Date().toISOString(),
        messageId: randomUUID(),
        client: `upstream:${UPSTREAM}`,
        service: SERVICE,
        outcome: status === 200 ? 'ok' : outcome,
        status,
        requestHash: hash,
        ...(dossierCode ? { dossierCode } : {}),
        target: `payment ${paymentRef.slice(0, 60)}: ${outcome}`,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      })
      .catch((err: unknown) =>
        deps.logger.error({ err: (err as Error).message }, 'audit of a payment notification failed'),
      );
    signAndSend(deps, res, answer, binding());
    deps.metrics.requests.inc({
      route: ROUTE,
      status: String(status),
      code: status === 200 ? 'ok' : outcome,
    });
  };
}
