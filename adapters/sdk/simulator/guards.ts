/**
 * What a simulator does around its routes besides faults: it checks the hub's credentials as the
 * upstream would (auth.ts) — the token endpoint, then every call — and, when it names its pinned OpenAPI
 * document, it checks each exchange it answers (request and answer) against it and keeps what breaks it,
 * so that the conformance kit can say that the simulator — or the adapter — strays from the spec.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AuthVerdict, SimulatorAuth } from './auth';
import { createOpenApiValidator, loadOpenApi, type OpenApiValidator } from './openapi-validator';

/** How a dialect refuses credentials. The default: 401 with the OAuth-style body, or a SOAP fault. */
export type AuthRefusal = (res: Response, verdict: Extract<AuthVerdict, { ok: false }>) => void;

export function installAuth(
  app: Express,
  auth: SimulatorAuth,
  refuse: AuthRefusal,
  isXml: boolean,
): { checkSoap(req: Request, res: Response, next: NextFunction): void } {
  const tokenPath = auth.tokenPath;
  if (tokenPath) {
    app.post(tokenPath, express.urlencoded({ extended: false, limit: '16kb' }), (req, res) => {
      const r = auth.token(req.header('authorization'), (req.body ?? {}) as Record<string, unknown>);
      res.status(r.status).setHeader('cache-control', 'no-store');
      res.json(r.body);
    });
  }
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (auth.spec.kind === 'ws-security') return next();
    const v = auth.check(req);
    if (v.ok) return next();
    res.setHeader('www-authenticate', auth.spec.kind === 'basic' ? 'Basic realm="upstream"' : 'Bearer');
    refuse(res, v);
  });
  return {
    checkSoap(req, res, next) {
      if (!isXml || auth.spec.kind !== 'ws-security' || req.method !== 'POST') return next();
      const envelope = (req as Request & { soap?: Record<string, unknown> }).soap?.Envelope as
        Record<string, unknown> | undefined;
      const v = auth.checkSoapHeader(envelope?.Header);
      if (v.ok) return next();
      refuse(res, v);
    },
  };
}

export interface SpecRecorder {
  /** Called with each structured answer a route sends (not injected faults). */
  answered(req: Request, status: number, contentType: string, payload: unknown): void;
  violations(): string[];
  clear(): void;
}

export function createSpecRecorder(file: string): SpecRecorder {
  const validator: OpenApiValidator = createOpenApiValidator(loadOpenApi(file));
  const found: string[] = [];
  return {
    answered(req, status, contentType, payload) {
      const problems = validator.check({
        method: req.method,
        path: req.path,
        query: req.query as Record<string, unknown>,
        headers: req.headers,
        body: req.body,
        contentType: req.header('content-type'),
        status,
        answerContentType: contentType,
        answer: payload,
      });
      for (const p of problems) if (found.length < 100 && !found.includes(p)) found.push(p);
    },
    violations: () => [...found],
    clear: () => void (found.length = 0),
  };
}
