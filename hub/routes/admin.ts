/**
 * Operators' routes, behind the operators' tokens: the dead-letter queue (list, inspect, redrive one or
 * all, discard with a reason) — each action audited with the operator's name — and the queue dashboard
 * (bull-board) at /admin/queues. Answers under /v1 are signed, bound to the request's message id, refusals
 * included (a refusal is one before authentication: rate-limited and audited in aggregate).
 *
 * An operator holds no purpose: what these show of a delivery goes through the egress
 * (exchange/egress.ts) — its envelope, its errors and the names of its input fields, never their values (a
 * procedure step's input carries data read from sources). Results are not in the jobs at all
 * (queue/results.ts). The dashboard is read-only and shows metadata only: it cannot retry, promote,
 * clean, pause, add jobs or rewrite their data (its own read-only mode, and no method but GET reaches
 * it) — a job is a member's signed request, and a dead letter goes back through the redrive, which knows
 * its place in its dossier's order and its dead-letter entry; a job's payload appears as sealed, never
 * opened. It gets a Content-Security-Policy of its own that allows its own scripts and stylesheets and
 * nothing from elsewhere.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { contractProblem, fieldError, problem, PROBLEM_CONTENT_TYPE } from '../../contracts';
import { SealError, type DeliveryQueues } from '../../queue';
import type { HubDeps } from '../context';
import {
  deadLetterForOperator,
  deadLetterSummaryForOperator,
  storedDeliveryForOperator,
  storedResultForOperator,
} from '../exchange/egress';
import { jsonAnswer, signAndSend } from '../exchange/respond';
import { ADMIN_CHALLENGE, operatorName, requireAdmin } from '../http/admin-auth';
import { parseJsonBody, readRawBody } from '../http/body';
import { problemAnswer, refuseBeforeAuth } from '../http/member-route';
import { HubError } from '../http/problem';
import { auditOperatorAction, operatorText, type OperatorActionRecord } from '../operators/audit';
import { requestBinding } from '../protocol';

/** The dashboard's policy: its own scripts, stylesheets (and their inline styles), images and fonts. */
export const DASHBOARD_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

type Send = (req: Request, res: Response, status: number, body: unknown) => void;
type Audited = (res: Response, r: Omit<OperatorActionRecord, 'operator'>) => Promise<void>;

export function createAdminRouter(deps: HubDeps): express.Router {
  const router = express.Router();
  /** Answers under /v1 are signed, bound to the request's message id when it sends one. */
  const send: Send = (req, res, status, body) =>
    signAndSend(deps, res, jsonAnswer(status, body), requestBinding(req.headersDistinct, undefined));
  const tokens = () => deps.operators?.();
  const admin = requireAdmin(tokens, (req, res) =>
    refuseBeforeAuth(
      deps,
      req,
      res,
      problemAnswer(
        deps,
        new HubError('ADMIN_AUTH_REQUIRED', {}, { headers: { 'www-authenticate': ADMIN_CHALLENGE } }),
      ),
      'admin',
      undefined,
    ),
  );
  const dashboardAdmin = requireAdmin(tokens);
  const dl = deps.deliveries;
  if (!dl) return router;

  const audited: Audited = async (res, r) => {
    await auditOperatorAction(deps.audit, { ...r, operator: operatorName(res) });
    deps.logger.info(
      { operator: operatorName(res), action: r.action, target: r.target, outcome: r.outcome ?? 'ok' },
      'operator action',
    );
  };

  router.get('/v1/dead-letters', admin, async (req: Request, res: Response) => {
    const limit = req.query.limit === undefined ? undefined : Number(req.query.limit);
    const offset = req.query.offset === undefined ? undefined : Number(req.query.offset);
    const destination = typeof req.query.destination === 'string' ? req.query.destination : undefined;
    const page = await dl.deadLetters.list({ limit, offset, destination });
    send(req, res, 200, {
      total: page.total,
      items: page.items.map((d) => ({
        id: d.id,
        service: d.data.service,
        destination: d.data.destination,
        client: d.data.client,
        deadAt: d.deadAt,
        attempts: d.errors.length,
        lastError: d.errors[d.errors.length - 1],
        orderingKey: d.data.orderingKey,
      })),
    });
  });
  router.get('/v1/dead-letters/:id', admin, async (req: Request, res: Response) => {
    const id = String(req.params.id).slice(0, 100);
    let view: unknown;
    try {
      const d = await dl.deadLetters.get(id);
      view = d && deadLetterForOperator(d);
    } catch (err) {
      // Its data key is not kept here (or it was altered): its envelope and errors are shown all the same.
      if (!(err instanceof SealError)) throw err;
      const s = await dl.deadLetters.summary(id);
      view = s && { ...deadLetterSummaryForOperator(s), sealed: `not opened: ${err.message}` };
    }
    if (!view) return send(req, res, 404, problem('DEAD_LETTER_UNKNOWN', { id }));
    // The signed payload stays in Redis as evidence (and for the redrive); the operator sees its envelope.
    send(req, res, 200, view);
  });
  router.post('/v1/dead-letters/:id/redrive', admin, async (req: Request, res: Response) => {
    const id = String(req.params.id).slice(0, 100);
    if (!(await dl.redrive(id))) {
      await audited(res, { action: 'dlq.redrive', target: id, outcome: 'DEAD_LETTER_UNKNOWN', status: 404 });
      return send(req, res, 404, problem('DEAD_LETTER_UNKNOWN', { id }));
    }
    await audited(res, { action: 'dlq.redrive', target: id, status: 202 });
    send(req, res, 202, { id, status: 'redriven', location: `/v1/deliveries/${id}` });
  });
  router.post('/v1/dead-letters/:id/discard', admin, discard(deps, dl, send, audited));
  router.post('/v1/dead-letters/redrive', admin, async (req: Request, res: Response) => {
    const destination = typeof req.query.destination === 'string' ? req.query.destination : undefined;
    // The dead letters of this moment, each once (re-reading the first page until it is empty would go
    // round for ever while the destination keeps refusing them).
    const ids = await dl.redriveAll({ destination });
    await audited(res, {
      action: 'dlq.redrive-all',
      target: `${ids.length} dead letters${destination ? ` of ${destination}` : ''}`,
      status: 202,
    });
    send(req, res, 202, { redriven: ids.length, ids });
  });

  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({
    queues: dl.queues().map((q) => {
      const adapter = new BullMQAdapter(q, { readOnlyMode: true, allowRetries: false });
      adapter.setFormatter('data', storedDeliveryForOperator);
      adapter.setFormatter('returnValue', storedResultForOperator);
      return adapter;
    }),
    serverAdapter: board,
  });
  const readOnly = (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const p = problem('METHOD_NOT_ALLOWED', {}, { instance: req.path.slice(0, 200) });
    res.status(p.status).setHeader('allow', 'GET, HEAD').type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
  };
  router.use(
    '/admin/queues',
    helmet({ contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD_CSP } }),
    dashboardAdmin,
    readOnly,
    board.getRouter(),
  );
  return router;
}

/** POST /v1/dead-letters/{id}/discard `{ "reason": "…" }`: the body read and checked as members' bodies are. */
function discard(deps: HubDeps, dl: DeliveryQueues, send: Send, audited: Audited) {
  return async (req: Request, res: Response) => {
    const id = String(req.params.id).slice(0, 100);
    let given: unknown;
    try {
      const raw = await readRawBody(req, 4096);
      given = (parseJsonBody(req, raw, deps.config.hub.limits.jsonDepth) as { reason?: unknown } | null)
        ?.reason;
    } catch (err) {
      const answer = problemAnswer(deps, err);
      return signAndSend(deps, res, answer, requestBinding(req.headersDistinct, undefined));
    }
    const reason = typeof given === 'string' ? operatorText(given) : '';
    if (!reason)
      return send(
        req,
        res,
        422,
        contractProblem('DiscardRequest', [fieldError(['reason'], 'FIELD_REQUIRED')]),
      );
    if (!(await dl.discard(id, operatorName(res), reason))) {
      await audited(res, {
        action: 'dlq.discard',
        target: id,
        reason,
        outcome: 'DEAD_LETTER_UNKNOWN',
        status: 404,
      });
      return send(req, res, 404, problem('DEAD_LETTER_UNKNOWN', { id }));
    }
    await audited(res, { action: 'dlq.discard', target: id, reason });
    deps.logger.warn({ deliveryId: id, operator: operatorName(res) }, 'dead letter discarded');
    send(req, res, 200, { id, status: 'discarded', location: `/v1/deliveries/${id}` });
  };
}
