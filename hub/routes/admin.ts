/**
 * Operators' routes, behind the operators' tokens: the dead-letter queue (list, inspect, redrive one or
 * all, discard with a reason) — each action audited with the operator's name — and the queue dashboard
 * (bull-board) at /admin/queues.
 *
 * The dashboard is read-only and shows metadata only: it cannot retry, promote, clean or pause (its own
 * read-only mode, and no method but GET reaches it), so a dead letter goes back through the redrive,
 * which knows its place in its dossier's order and its dead-letter entry; a job's payload and result
 * appear as sealed, never opened. It gets a Content-Security-Policy of its own that allows its own
 * scripts and stylesheets and nothing from elsewhere.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { contractProblem, fieldError, problem, PROBLEM_CONTENT_TYPE } from '../../contracts';
import { metaOf, type DeliveryQueues } from '../../queue';
import type { StoredDelivery } from '../../queue/types';
import type { HubDeps } from '../context';
import { operatorName, requireAdmin } from '../http/admin-auth';
import { auditOperatorAction, operatorText, type OperatorActionRecord } from '../operators/audit';

const send = (res: Response, status: number, body: unknown) => {
  res
    .status(status)
    .type(status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json')
    .send(JSON.stringify(body));
};

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

/**
 * What the dashboard shows of a job's data: its metadata, the sealed content as its key id only. A job
 * accepted before payloads were sealed (0.1) holds its content in clear: it is left out all the same.
 */
export function dashboardData(data: unknown): unknown {
  if (!data || typeof data !== 'object' || !('id' in data)) return '[not a delivery]';
  const sealed = (data as { sealed?: unknown }).sealed;
  return {
    ...metaOf(data as StoredDelivery),
    sealed: typeof sealed === 'string' ? `[sealed with ${sealed.split('.')[1]}]` : '[content hidden]',
  };
}

/** What the dashboard shows of a job's result: that it is sealed, or a skipped run's note; nothing else. */
export function dashboardResult(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('s1.')) return `[sealed with ${value.split('.')[1]}]`;
  if (value && typeof value === 'object' && Object.keys(value).join() === 'skipped') return value;
  return value === undefined || value === null ? value : '[result hidden]';
}

export function createAdminRouter(deps: HubDeps): express.Router {
  const router = express.Router();
  const admin = requireAdmin(() => deps.operators?.());
  const dl = deps.deliveries;
  if (!dl) return router;

  const audited = async (res: Response, r: Omit<OperatorActionRecord, 'operator'>) => {
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
    send(res, 200, {
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
    const d = await dl.deadLetters.get(String(req.params.id));
    if (!d)
      return send(res, 404, problem('DEAD_LETTER_UNKNOWN', { id: String(req.params.id).slice(0, 100) }));
    // The signed payload is kept as evidence; the input is the destination's input, as accepted.
    send(res, 200, d);
  });
  router.post('/v1/dead-letters/:id/redrive', admin, async (req: Request, res: Response) => {
    const id = String(req.params.id).slice(0, 100);
    if (!(await dl.redrive(id))) {
      await audited(res, { action: 'dlq.redrive', target: id, outcome: 'DEAD_LETTER_UNKNOWN', status: 404 });
      return send(res, 404, problem('DEAD_LETTER_UNKNOWN', { id }));
    }
    await audited(res, { action: 'dlq.redrive', target: id, status: 202 });
    send(res, 202, { id, status: 'redriven', location: `/v1/deliveries/${id}` });
  });
  router.post(
    '/v1/dead-letters/:id/discard',
    admin,
    express.json({ limit: 4096 }),
    discard(deps, dl, audited),
  );
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
    send(res, 202, { redriven: ids.length, ids });
  });

  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({
    queues: dl.queues().map((q) => {
      const adapter = new BullMQAdapter(q, { readOnlyMode: true, allowRetries: false });
      adapter.setFormatter('data', dashboardData);
      adapter.setFormatter('returnValue', dashboardResult);
      return adapter;
    }),
    serverAdapter: board,
  });
  const readOnly = (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const p = problem('METHOD_NOT_ALLOWED');
    res.status(p.status).setHeader('allow', 'GET, HEAD').type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
  };
  router.use(
    '/admin/queues',
    helmet({ contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD_CSP } }),
    admin,
    readOnly,
    board.getRouter(),
  );
  return router;
}

function discard(
  deps: HubDeps,
  dl: DeliveryQueues,
  audited: (res: Response, r: Omit<OperatorActionRecord, 'operator'>) => Promise<void>,
) {
  return async (req: Request, res: Response) => {
    const id = String(req.params.id).slice(0, 100);
    const given = (req.body as { reason?: unknown } | undefined)?.reason;
    const reason = typeof given === 'string' ? operatorText(given) : '';
    if (!reason)
      return send(res, 422, contractProblem('DiscardRequest', [fieldError(['reason'], 'FIELD_REQUIRED')]));
    if (!(await dl.discard(id, operatorName(res), reason))) {
      await audited(res, {
        action: 'dlq.discard',
        target: id,
        reason,
        outcome: 'DEAD_LETTER_UNKNOWN',
        status: 404,
      });
      return send(res, 404, problem('DEAD_LETTER_UNKNOWN', { id }));
    }
    await audited(res, { action: 'dlq.discard', target: id, reason });
    deps.logger.warn({ deliveryId: id, operator: operatorName(res) }, 'dead letter discarded');
    send(res, 200, { id, status: 'discarded', location: `/v1/deliveries/${id}` });
  };
}
