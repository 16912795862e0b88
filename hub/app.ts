/**
 * createApp(deps): the hub's Express 5 app, built from its dependencies and never listening itself
 * (hub/server.ts listens). Routes: the exchange, the service list, the data tracker, the OpenAPI document
 * and reference page, health, readiness and metrics. Unknown routes and unexpected failures answer
 * problem+json without a stack trace; under /v1 every answer — 404, 405 (with Allow), a path that does
 * not decode, an oversized body — is signed and bound to the request like any member answer, and counted
 * as a refusal before authentication (http/refusals.ts).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { problem, PROBLEM_CONTENT_TYPE } from '../contracts';
import type { HubDeps } from './context';
import { createExchangeHandler } from './exchange/handler';
import { signAndSend } from './exchange/respond';
import { readRawBody } from './http/body';
import { problemAnswer, refuseBeforeAuth } from './http/member-route';
import { HubError } from './http/problem';
import { methodsAt, routesOf, type RouteInfo } from './http/routes-of';
import { buildHubDocument } from './openapi';
import { createProcedureRoutes } from './procedures';
import { createKpiRoute } from './procedures/kpi-route';
import { createOverdueRoute } from './procedures/overdue-route';
import { createPaymentNotificationRoute } from './procedures/payment-notification-route';
import { createRatingRoutes } from './procedures/rating-routes';
import { createAccessLogRoute } from './routes/access-log';
import { createAdminRouter } from './routes/admin';
import { createDeliveryRoutes } from './routes/deliveries';
import { createDocsRoute } from './routes/docs';
import { requestLogOptions } from './observability/request-log';
import { createMetricsRoute, createReadyz, healthz } from './routes/health';
import { createServicesListRoute } from './routes/services';
import { requestBinding } from './protocol';
import { createWebRouter } from './web';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require('../package.json') as { version: string }).version;

/** The hub protocol's namespace: every answer under it is signed. */
const isV1 = (path: string): boolean => path === '/v1' || path.startsWith('/v1/');

export function createApp(deps: HubDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'style-src': ["'unsafe-inline'"] } },
    }),
  );
  app.use(pinoHttp(requestLogOptions(deps.logger)));

  // The document follows the configuration in force: it is made again after a reload.
  let openapi: { for: HubDeps['config']; doc: Record<string, unknown> } | undefined;
  const doc = () => {
    if (openapi?.for !== deps.config)
      openapi = {
        for: deps.config,
        doc: buildHubDocument(deps.catalog, {
          version: VERSION,
          publicUrl: deps.config.hub.publicUrl,
          registry: deps.registry,
        }),
      };
    return openapi.doc;
  };

  app.post('/v1/services/:member/:subsystem/:service/:version', createExchangeHandler(deps));
  app.get('/v1/services', createServicesListRoute(deps));
  const deliveries = createDeliveryRoutes(deps);
  app.post('/v1/deliveries', deliveries.post);
  app.get('/v1/deliveries/:id', deliveries.get);
  if (deps.procedures) {
    const p = createProcedureRoutes(deps, deps.procedures);
    app.get('/v1/procedures', p.list);
    app.post('/v1/procedures/:procedure/dossiers', p.submit);
    app.get('/v1/procedures/:procedure/prefill', p.prefill);
    // Before /v1/dossiers/:code: dossier codes (<unit>-<yyMMdd>-<nnnn>) never read "overdue".
    app.get('/v1/dossiers/overdue', createOverdueRoute(deps, deps.procedures));
    app.get('/v1/dossiers/:code', p.timeline);
    app.post('/v1/dossiers/:code/decisions', p.decide);
    app.get('/v1/kpis', createKpiRoute(deps, deps.procedures));
    app.post('/v1/notifications/payment-platform', createPaymentNotificationRoute(deps, deps.procedures));
  }
  if (deps.ratings) {
    const r = createRatingRoutes(deps, deps.ratings);
    app.get('/v1/ratings/:code/:token', r.get);
    app.post('/v1/ratings/:code/:token', r.post);
  }
  app.use(createAdminRouter(deps));
  // The pages for people (hub/web): their own policy, set per page over the API's.
  app.use(createWebRouter(deps));
  app.get('/v1/subjects/:personalId/access-log', createAccessLogRoute(deps));
  app.get('/openapi.json', (_req, res) => void res.json(doc()));
  app.get('/docs', createDocsRoute(doc));
  app.get('/healthz', healthz);
  app.get('/readyz', createReadyz(deps));
  app.get('/metrics', createMetricsRoute(deps));

  let routes: RouteInfo[] | undefined;
  const limit = deps.config.hub.limits.bodyBytes;
  /** The body of a request no handler read, for its request hash; undefined when too large or taken. */
  const bodyOf = async (req: Request): Promise<Buffer | undefined> =>
    req.readableDidRead || req.readableEnded ? undefined : readRawBody(req, limit).catch(() => undefined);

  app.use(async (req: Request, res: Response) => {
    const allowed = methodsAt((routes ??= routesOf(app)), req.path);
    if (!isV1(req.path)) {
      const p = allowed.length
        ? problem('METHOD_NOT_ALLOWED')
        : problem('NOT_FOUND', {}, { instance: req.path.slice(0, 200) });
      if (allowed.length) res.setHeader('allow', allowed.join(', '));
      return void res.status(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
    }
    const err = allowed.length
      ? new HubError('METHOD_NOT_ALLOWED', {}, { headers: { allow: allowed.join(', ') } })
      : new HubError('NOT_FOUND');
    await refuseBeforeAuth(deps, req, res, problemAnswer(deps, err), 'fallback', await bodyOf(req));
  });
  app.use(async (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    void _next;
    const status =
      (err as { status?: number; statusCode?: number })?.status ??
      (err as { statusCode?: number })?.statusCode;
    const hubError =
      status === 413
        ? new HubError('BODY_TOO_LARGE', { limit })
        : err instanceof URIError || (status === 400 && /decode/i.test((err as Error)?.message ?? ''))
          ? new HubError('PATH_INVALID')
          : status && status >= 400 && status < 500
            ? new HubError('REQUEST_MALFORMED')
            : new HubError('INTERNAL');
    if (hubError.code === 'INTERNAL')
      deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'unhandled error');
    if (res.headersSent) return void res.end();
    if (!isV1(req.path)) {
      const p = hubError.toProblem();
      return void res.status(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
    }
    const answer = problemAnswer(deps, hubError);
    if (hubError.code === 'INTERNAL')
      return signAndSend(deps, res, answer, requestBinding(req.headersDistinct ?? req.headers, undefined));
    await refuseBeforeAuth(deps, req, res, answer, 'fallback', await bodyOf(req));
  });
  return app;
}
