/**
 * createApp(deps): the hub's Express 5 app, built from its dependencies and never listening itself
 * (hub/server.ts listens). Routes: the exchange, the service list, the data tracker, the OpenAPI document
 * and reference page, health, readiness and metrics. Unknown routes and unexpected failures answer
 * problem+json without a stack trace.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { problem, PROBLEM_CONTENT_TYPE } from '../contracts';
import type { HubDeps } from './context';
import { createExchangeHandler } from './exchange/handler';
import { hubOpenApiDocument } from './openapi';
import { createProcedureRoutes } from './procedures';
import { createKpiRoute } from './procedures/kpi-route';
import { createOverdueRoute } from './procedures/overdue-route';
import { createRatingRoutes } from './procedures/rating-routes';
import { createAccessLogRoute } from './routes/access-log';
import { createAdminRouter } from './routes/admin';
import { createDeliveryRoutes } from './routes/deliveries';
import { createDocsRoute } from './routes/docs';
import { createMetricsRoute, createReadyz, healthz } from './routes/health';
import { createServicesListRoute } from './routes/services';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require('../package.json') as { version: string }).version;

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
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req) => {
        const id = req.headers['x-hub-message-id'];
        return typeof id === 'string' && /^[0-9a-fA-F-]{36}$/.test(id) ? id : 'none';
      },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          method: req.method,
          path: req.url.split('?')[0],
          messageId: req.id,
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    }),
  );

  let openapi: Record<string, unknown> | undefined;
  const doc = () => (openapi ??= hubOpenApiDocument(deps.catalog, VERSION));

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
  }
  if (deps.ratings) {
    const r = createRatingRoutes(deps, deps.ratings);
    app.get('/v1/ratings/:code/:token', r.get);
    app.post('/v1/ratings/:code/:token', r.post);
  }
  app.use(createAdminRouter(deps));
  app.get('/v1/subjects/:personalId/access-log', createAccessLogRoute(deps));
  app.get('/openapi.json', (_req, res) => void res.json(doc()));
  app.get('/docs', createDocsRoute(doc));
  app.get('/healthz', healthz);
  app.get('/readyz', createReadyz(deps));
  app.get('/metrics', createMetricsRoute(deps));

  app.use((req: Request, res: Response) => {
    const known = ['/v1/services', '/openapi.json', '/docs', '/healthz', '/readyz', '/metrics'].includes(
      req.path,
    );
    const p = known
      ? problem('METHOD_NOT_ALLOWED')
      : problem('NOT_FOUND', {}, { instance: req.path.slice(0, 200) });
    res.status(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    void _next;
    const status =
      (err as { status?: number; statusCode?: number })?.status ??
      (err as { statusCode?: number })?.statusCode;
    const p =
      status === 413
        ? problem('BODY_TOO_LARGE', { limit: deps.config.hub.limits.bodyBytes })
        : status && status >= 400 && status < 500
          ? problem('INPUT_NOT_JSON')
          : problem('INTERNAL');
    if (p.status >= 500)
      deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'unhandled error');
    if (res.headersSent) return void res.end();
    res.status(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
  });
  return app;
}
