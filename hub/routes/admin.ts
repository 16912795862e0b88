/**
 * Operators' routes, behind the admin token: the dead-letter queue (list, inspect, redrive one or all)
 * and the queue dashboard (bull-board) at /admin/queues. An operator holds no purpose: what these show of
 * a delivery goes through the egress (exchange/egress.ts) — its envelope, its errors and the names of its
 * input fields, never their values (a procedure step's input carries data read from sources). Results
 * are not in the jobs at all (queue/results.ts). The dashboard cannot add jobs or rewrite their data: a
 * job is a member's signed request, and the worker trusts what it holds.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DeliveryData } from '../../queue';
import { problem, PROBLEM_CONTENT_TYPE } from '../../contracts';
import type { HubDeps } from '../context';
import { deadLetterForOperator, deliveryForOperator } from '../exchange/egress';
import { jsonAnswer, signAndSend } from '../exchange/respond';
import { ADMIN_CHALLENGE, requireAdmin } from '../http/admin-auth';
import { problemAnswer, refuseBeforeAuth } from '../http/member-route';
import { HubError } from '../http/problem';
import { requestBinding } from '../protocol';

export function createAdminRouter(deps: HubDeps): express.Router {
  const router = express.Router();
  /** Answers under /v1 are signed, bound to the request's message id when it sends one. */
  const send = (req: Request, res: Response, status: number, body: unknown) =>
    signAndSend(deps, res, jsonAnswer(status, body), requestBinding(req.headersDistinct, undefined));
  const admin = requireAdmin(deps.adminToken, (req, res) =>
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
  const dashboardAdmin = requireAdmin(deps.adminToken);
  const dl = deps.deliveries;
  if (!dl) return router;

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
        client: d.data.client,
        deadAt: d.deadAt,
        attempts: d.errors.length,
        lastError: d.errors[d.errors.length - 1],
        orderingKey: d.data.orderingKey,
      })),
    });
  });
  router.get('/v1/dead-letters/:id', admin, async (req: Request, res: Response) => {
    const d = await dl.deadLetters.get(String(req.params.id));
    if (!d)
      return send(req, res, 404, problem('DEAD_LETTER_UNKNOWN', { id: String(req.params.id).slice(0, 100) }));
    // The signed payload stays in Redis as evidence (and for the redrive); the operator sees its envelope.
    send(req, res, 200, deadLetterForOperator(d));
  });
  router.post('/v1/dead-letters/:id/redrive', admin, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!(await dl.redrive(id)))
      return send(req, res, 404, problem('DEAD_LETTER_UNKNOWN', { id: id.slice(0, 100) }));
    deps.logger.info({ deliveryId: id }, 'dead letter redriven');
    send(req, res, 202, { id, status: 'redriven', location: `/v1/deliveries/${id}` });
  });
  router.post('/v1/dead-letters/redrive', admin, async (req: Request, res: Response) => {
    const destination = typeof req.query.destination === 'string' ? req.query.destination : undefined;
    // The dead letters of this moment, each once (re-reading the first page until it is empty would go
    // round for ever while the destination keeps refusing them).
    const ids = await dl.redriveAll({ destination });
    deps.logger.info({ redriven: ids.length, destination }, 'dead letters redriven');
    send(req, res, 202, { redriven: ids.length, ids });
  });

  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({
    queues: dl.queues().map((q) => {
      const adapter = new BullMQAdapter(q, { readOnlyMode: false });
      adapter.setFormatter('data', (data: DeliveryData) => deliveryForOperator(data));
      return adapter;
    }),
    serverAdapter: board,
  });
  // Adding a job or replacing a job's data would send what no member signed (and the data the board
  // shows is the operator's view, not the job's): refused.
  const NO_WRITE = /^\/api\/queues\/[^/]+\/(?:add|[^/]+\/update-data)\/?$/;
  router.use('/admin/queues', dashboardAdmin, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && NO_WRITE.test(req.path))
      return void res
        .status(405)
        .type(PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify(problem('METHOD_NOT_ALLOWED', {}, { instance: req.path.slice(0, 200) })));
    next();
  });
  router.use('/admin/queues', board.getRouter());
  return router;
}
