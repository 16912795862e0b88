/**
 * The simulated-agency server every adapter's simulator is built on: an Express app speaking the
 * agency's dialect (routes from the simulator), with the fault knobs of faults.ts, an admin endpoint,
 * a log of received requests, and idempotency: a call repeated with the same `Idempotency-Key` is
 * answered from memory and applied once.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { Builder } from 'xml2js';
import { FaultState, faultsSchema, type Faults } from './faults';
import { malform, type RawAnswer } from './malform';
import { parseXmlSafely } from '../safe-xml';
import {
  authKnobsSchema,
  SimulatorAuth,
  simulatorCredentials,
  type AuthKnobs,
  type AuthStats,
  type SimulatorAuthSpec,
  type SimulatorCredentials,
} from './auth';
import { createSpecRecorder, installAuth, type AuthRefusal, type SpecRecorder } from './guards';
import { serveWsdl, type WsdlSpec } from './wsdl';

export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  requestId?: string;
  idempotencyKey?: string;
  /** The request's headers, lower-case, without credentials (authorization, cookies, API keys). */
  headers?: Record<string, string>;
  body: unknown;
}

const CREDENTIAL_HEADER = /^(authorization|cookie|proxy-authorization|x-api-key|api-key|.*-key|.*token.*)$/;
const loggedHeaders = (req: Request): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (typeof v === 'string' && (!CREDENTIAL_HEADER.test(k) || k === 'idempotency-key')) out[k] = v;
  return out;
};

/** What a write handler answers through `kit.once`: the HTTP answer, and whether it changed anything. */
export interface OnceAnswer {
  status: number;
  payload: unknown;
  /** False for a refusal answered with a 2xx: not counted as an applied effect. @defaultValue true */
  applied?: boolean;
}

export interface SimulatorKit {
  /** Sends a structured answer in the simulator's dialect (JSON, or a SOAP envelope around it). */
  reply(res: Response, status: number, payload: unknown): void;
  /** SOAP: sends a fault. `kind` Client = the caller's fault, Server = ours. */
  soapFault(res: Response, kind: 'Client' | 'Server', message: string, code?: string): void;
  /** SOAP: the operation element name and its content, from a request parsed by the server. */
  soapRequest(req: Request): { operation: string; body: Record<string, unknown> } | undefined;
  /**
   * Applies a write once per `Idempotency-Key`: a repeated key gets the first answer again (with header
   * `Idempotent-Replay: true`) and `apply` is not called. Without a key, `apply` runs every time. An answer
   * under 300 counts as an applied effect unless `apply` says `applied: false` (a dialect that refuses with
   * HTTP 200, such as the portal's `error_code ≠ 0` or the SMS gateway's CodeResult ≠ "100").
   */
  once(req: Request, res: Response, effect: string, apply: () => OnceAnswer): void;
  /** How many times each kind of effect was applied. */
  readonly effects: Map<string, number>;
}

export interface SimulatorSpec {
  id: string;
  protocol: 'rest' | 'soap';
  /** For SOAP answers: the namespace of the agency's operations. */
  namespace?: string;
  routes(app: Express, kit: SimulatorKit): void;
  /** Extra admin routes under `/__admin` (JSON bodies; never subject to faults or authentication). */
  admin?(router: express.Router): void;
  /** Extra admin state to expose at `GET /__admin/state` (e.g. what a notify gateway sent). */
  adminState?(): unknown;
  /** Clears the simulator's own data on `POST /__admin/reset`. */
  resetData?(): void;
  /** How the upstream authenticates the hub (checked on every call; credentials from the options). */
  auth?: SimulatorAuthSpec;
  /** How the dialect refuses credentials. @defaultValue 401 `{ error, error_description }`, or a SOAP fault */
  authRefusal?: AuthRefusal;
  /**
   * Absolute path of the pinned OpenAPI document (upstream/openapi.yaml): every answered exchange is
   * checked against it and what breaks it is kept (`specViolations()`, the conformance kit's check).
   */
  openapi?: string;
  /** SOAP: the pinned WSDL, served at `<path>?wsdl` with its XSDs and the simulator's own address. */
  wsdl?: WsdlSpec;
}

export interface SimulatorOptions {
  faults?: Faults;
  seed?: number;
  /** Largest request body accepted. @defaultValue '1mb' */
  bodyLimit?: string;
  /** How many requests the log keeps. @defaultValue 2000 */
  logSize?: number;
  /** Credentials the simulator accepts (random ones, for what its auth needs, when not given). */
  credentials?: SimulatorCredentials;
  /**
   * Check exchanges against the spec's `openapi` document (the conformance kit turns it on; off elsewhere,
   * so that the demo and the drills do not pay for it). @defaultValue false
   */
  validateSpec?: boolean;
}

export interface RunningSimulator {
  id: string;
  url: string;
  port: number;
  setFaults(f: Faults): void;
  resetFaults(): void;
  faults(): Faults;
  requests(): RecordedRequest[];
  effects(): Record<string, number>;
  /** The credentials it accepts ({} when it needs none). */
  credentials: SimulatorCredentials;
  /** Auth knobs: expire tokens, revoke the client, token lifetime. */
  setAuth(k: AuthKnobs): void;
  authStats(): AuthStats | undefined;
  /** Exchanges that broke the pinned OpenAPI document since the last reset. */
  specViolations(): string[];
  /** Whether it checks its exchanges against a pinned OpenAPI document. */
  validatesSpec: boolean;
  close(): Promise<void>;
}

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const builder = new Builder({ renderOpts: { pretty: false }, xmldec: { version: '1.0', encoding: 'UTF-8' } });

export interface Simulator {
  readonly spec: SimulatorSpec;
  readonly app: Express;
  readonly state: FaultState;
  start(port?: number): Promise<RunningSimulator>;
}

export function createSimulator(spec: SimulatorSpec, opts: SimulatorOptions = {}): Simulator {
  const state = new FaultState(opts.faults, opts.seed ?? 1);
  const log: RecordedRequest[] = [];
  const logSize = opts.logSize ?? 2000;
  const effects = new Map<string, number>();
  const replays = new Map<string, { status: number; payload: unknown }>();
  const isXml = spec.protocol === 'soap';
  const auth = spec.auth
    ? new SimulatorAuth(spec.auth, simulatorCredentials(spec.auth, opts.credentials))
    : undefined;
  const recorder: SpecRecorder | undefined =
    spec.openapi && opts.validateSpec ? createSpecRecorder(spec.openapi) : undefined;

  const serialise = (payload: unknown): Buffer => {
    if (!isXml) return Buffer.from(JSON.stringify(payload));
    const p = payload as { operation: string; body: unknown };
    return Buffer.from(
      builder.buildObject({
        'soap:Envelope': {
          $: { 'xmlns:soap': SOAP_NS, 'xmlns:ns': spec.namespace ?? 'urn:lienthong:sim' },
          'soap:Body': { $: { Id: 'body' }, [`ns:${p.operation}`]: p.body },
        },
      }),
    );
  };
  const contentType = isXml ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8';

  /** Writes an answer, applying the current malformed / slow-drip knobs. */
  const send = (res: Response, answer: RawAnswer, payload: unknown) => {
    const f = state.get();
    const out = f.malformed ? malform(f.malformed, answer, payload, serialise, isXml) : answer;
    if (recorder && !f.malformed) recorder.answered(res.req, answer.status, answer.contentType, payload);
    res.status(out.status).setHeader('content-type', out.contentType);
    if (!f.slowDripMs) {
      res.end(out.body);
      return;
    }
    res.setHeader('content-length', String(out.body.length));
    let offset = 0;
    const drip = () => {
      if (res.destroyed) return;
      if (offset >= out.body.length) return void res.end();
      res.write(out.body.subarray(offset, offset + 16));
      offset += 16;
      setTimeout(drip, f.slowDripMs).unref();
    };
    drip();
  };

  const kit: SimulatorKit = {
    effects,
    reply(res, status, payload) {
      send(res, { status, contentType, body: serialise(payload) }, payload);
    },
    soapFault(res, kind, message, code) {
      const fault = {
        'soap:Envelope': {
          $: { 'xmlns:soap': SOAP_NS },
          'soap:Body': {
            'soap:Fault': {
              faultcode: `soap:${kind}`,
              faultstring: message,
              ...(code ? { detail: { error: { code } } } : {}),
            },
          },
        },
      };
      res.status(500).setHeader('content-type', contentType);
      res.end(builder.buildObject(fault));
    },
    soapRequest(req) {
      const doc = (req as Request & { soap?: Record<string, unknown> }).soap;
      const body = (doc?.Envelope as Record<string, unknown> | undefined)?.Body as
        Record<string, unknown> | undefined;
      if (!body) return undefined;
      const entry = Object.entries(body).find(([k]) => k !== '$');
      if (!entry) return undefined;
      const content = entry[1] && typeof entry[1] === 'object' ? (entry[1] as Record<string, unknown>) : {};
      return { operation: entry[0], body: content };
    },
    once(req, res, effect, apply) {
      const key = req.header('idempotency-key');
      const stored = key ? replays.get(`${effect}\u0000${key}`) : undefined;
      if (stored) {
        res.setHeader('idempotent-replay', 'true');
        return kit.reply(res, stored.status, stored.payload);
      }
      const { status, payload, applied } = apply();
      if (status < 300 && applied !== false) effects.set(effect, (effects.get(effect) ?? 0) + 1);
      if (key && status < 500) replays.set(`${effect}\u0000${key}`, { status, payload });
      kit.reply(res, status, payload);
    },
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Admin endpoint: never subject to faults.
  const admin = express.Router();
  admin.use(express.json());
  admin.get('/faults', (_req, res) => void res.json(state.get()));
  admin.put('/faults', (req, res) => {
    const { error, value } = faultsSchema.validate(req.body ?? {});
    if (error) return void res.status(400).json({ error: error.message });
    state.set(value);
    res.json(state.get());
  });
  admin.post('/reset', (_req, res) => {
    state.reset();
    log.length = 0;
    effects.clear();
    replays.clear();
    auth?.reset();
    recorder?.clear();
    spec.resetData?.();
    res.json({ ok: true });
  });
  admin.get('/auth', (_req, res) => void res.json(auth?.stats() ?? { kind: 'none' }));
  admin.put('/auth', (req, res) => {
    const { error, value } = authKnobsSchema.validate(req.body ?? {});
    if (error || !auth) return void res.status(400).json({ error: error?.message ?? 'no authentication' });
    auth.set(value);
    res.json(auth.stats());
  });
  spec.admin?.(admin);
  admin.get('/spec-violations', (_req, res) => void res.json(recorder?.violations() ?? []));
  admin.get('/requests', (_req, res) => void res.json(log));
  admin.get('/effects', (_req, res) => void res.json(Object.fromEntries(effects)));
  admin.get('/state', (_req, res) => void res.json(spec.adminState?.() ?? {}));
  app.use('/__admin', admin);
  if (spec.wsdl) serveWsdl(app, spec.wsdl);

  // Faults that act before the route: down, hang, latency, injected errors.
  const hung = new Set<Response>();
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (state.isDown()) {
      req.socket.destroy();
      return;
    }
    const f = state.get();
    if (f.hang) {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    const go = () => {
      const status = state.takeError();
      if (status) {
        res.status(status).setHeader('content-type', 'text/plain');
        return void res.end(`simulated failure ${status}`);
      }
      next();
    };
    // A call its client abandoned during the added latency is dropped, not answered late: otherwise it
    // lands seconds later in whatever the next test is counting.
    if (f.latencyMs) setTimeout(() => void (req.socket.destroyed ? undefined : go()), f.latencyMs).unref();
    else go();
  });

  const refuse: AuthRefusal =
    spec.authRefusal ??
    ((res, v) =>
      isXml
        ? void res
            .status(401)
            .setHeader('content-type', contentType)
            .end(
              builder.buildObject({
                'soap:Envelope': {
                  $: { 'xmlns:soap': SOAP_NS },
                  'soap:Body': {
                    'soap:Fault': { faultcode: 'soap:Client', faultstring: v.body.error_description },
                  },
                },
              }),
            )
        : void res.status(v.status).json(v.body));
  const soapAuth = auth ? installAuth(app, auth, refuse, isXml) : undefined;

  const limit = opts.bodyLimit ?? '1mb';
  if (isXml) {
    app.use(express.text({ type: () => true, limit }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'POST') return next();
      try {
        (req as Request & { soap?: unknown }).soap = parseXmlSafely(String(req.body ?? ''));
        next();
      } catch {
        kit.soapFault(res, 'Client', 'Malformed request XML', 'XML_INVALID');
      }
    });
    if (soapAuth) app.use(soapAuth.checkSoap);
  } else {
    app.use(express.json({ limit }));
  }
  app.use((req: Request, _res: Response, next: NextFunction) => {
    log.push({
      at: new Date().toISOString(),
      method: req.method,
      path: req.path,
      requestId: req.header('x-request-id') ?? undefined,
      idempotencyKey: req.header('idempotency-key') ?? undefined,
      headers: loggedHeaders(req),
      body: isXml ? kit.soapRequest(req) : req.body,
    });
    if (log.length > logSize) log.splice(0, log.length - logSize);
    next();
  });
  spec.routes(app, kit);
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    void _next;
    const status = (err as { status?: number })?.status ?? 500;
    res.status(status).json({ error: 'simulator error', status });
  });

  return {
    spec,
    app,
    state,
    start(port = 0) {
      const server: Server = createServer({ keepAliveTimeout: 65_000 }, app);
      const sockets = new Set<Socket>();
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          const addr = server.address();
          const actual = typeof addr === 'object' && addr ? addr.port : port;
          resolve({
            id: spec.id,
            port: actual,
            url: `http://127.0.0.1:${actual}`,
            setFaults: (f) => state.set(f),
            resetFaults: () => state.reset(),
            faults: () => state.get(),
            requests: () => [...log],
            effects: () => Object.fromEntries(effects),
            credentials: auth?.credentials ?? {},
            setAuth: (k) => auth?.set(k),
            authStats: () => auth?.stats(),
            specViolations: () => recorder?.violations() ?? [],
            validatesSpec: recorder !== undefined,
            close: () =>
              new Promise<void>((done) => {
                for (const r of hung) r.destroy();
                for (const s of sockets) s.destroy();
                server.close(() => done());
              }),
          });
        });
      });
    },
  };
}
