/**
 * A route for members: read the body, authenticate (http/authenticate.ts), run the handler, and answer
 * signed — data or problem — after appending the audit record. One place for the error handling, the
 * audit record and the metrics of every member-facing route. A request refused before its sender is
 * authenticated is answered by refuseBeforeAuth(): signed and bound to what of it could be read, rate
 * limited per source and audited in aggregate (refusals.ts), never one audit record per request.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { isUpstreamError, type Subject } from '../../adapters/sdk';
import type { ProblemCode } from '../../contracts';
import type { HubDeps } from '../context';
import { jsonAnswer, sendSigned, signAndSend, type Answer } from '../exchange/respond';
import { noteRequest } from '../observability/request-log';
import { upstreamProblem } from '../exchange/upstream-problem';
import { requestBinding, type VerifiedRequest } from '../protocol';
import { authenticate, claimedClient, type Caller } from './authenticate';
import { checkContentEncoding, readRawBody } from './body';
import { HubError } from './problem';
import { sourceOf } from './refusals';

/** What a request was about, for its audit record. */
export interface RouteState extends Caller {
  /** `member/subsystem/service/version`, or `hub:<METHOD> <route>`. */
  service: string;
  subject?: Subject;
  fields?: string[];
  procedure?: string;
  dossierCode?: string;
  /** The adapter the request reached (or would have), for the request log. */
  upstream?: string;
}

export interface MemberRouteSpec {
  /** Metrics label. */
  route: string;
  /** The audit record's service for this request. */
  service(req: Request): string;
  /** Checks that run before authentication (e.g. path parameters). */
  precheck?(req: Request): void;
  handle(
    req: Request,
    res: Response,
    raw: Buffer,
    caller: VerifiedRequest,
    state: RouteState,
  ): Promise<Answer>;
}

export function memberRoute(deps: HubDeps, spec: MemberRouteSpec) {
  const clock = deps.clock ?? Date.now;
  return async function route(req: Request, res: Response): Promise<void> {
    const started = process.hrtime.bigint();
    const st: RouteState = { service: spec.service(req).slice(0, 300), claimedClient: claimedClient(req) };
    let answer: Answer;
    let raw: Buffer | undefined;
    let authenticated = false;
    try {
      raw = await readRawBody(req, deps.config.hub.limits.bodyBytes);
      checkContentEncoding(req);
      spec.precheck?.(req);
      const caller = await authenticate(deps, req, raw, st);
      authenticated = true;
      answer = await spec.handle(req, res, raw, caller, st);
    } catch (err) {
      if (isUpstreamError(err)) st.upstream ??= err.upstream;
      answer = problemAnswer(deps, err, st.messageId);
    }
    if (res.writableEnded || res.destroyed) return;
    if (!authenticated) return refuseBeforeAuth(deps, req, res, answer, spec.route, raw, started);
    const code = answer.status < 400 ? 'ok' : codeOf(answer);
    noteRequest(res, {
      member: (st.client ?? st.claimedClient)?.split('/')[0],
      client: st.client ?? (st.claimedClient ? `unverified:${st.claimedClient}` : undefined),
      service: st.service,
      code,
      upstream: st.upstream,
    });
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    await sendSigned(deps, res, answer, st, {
      time: new Date(clock()).toISOString(),
      messageId: st.messageId ?? `unidentified-${randomUUID()}`,
      client: st.client ?? `unverified:${st.claimedClient ?? 'unknown'}`,
      service: st.service,
      purpose: st.purpose,
      subject: st.subject,
      fields: answer.status < 400 ? st.fields : undefined,
      outcome: code,
      requestHash: st.requestHash,
      procedure: st.procedure,
      dossierCode: st.dossierCode,
      durationMs: Math.round(durationMs * 1000) / 1000,
    });
    deps.metrics.requests.inc({ route: spec.route, status: String(answer.status), code });
    deps.metrics.duration.observe({ route: spec.route }, durationMs / 1000);
  };
}

/**
 * Answers a request refused before its sender was authenticated: counted against its source (past its
 * budget the answer is RATE_LIMITED), tallied into its source's aggregate audit record, signed and bound
 * to its message id and — when its body was read — its request hash.
 */
export async function refuseBeforeAuth(
  deps: HubDeps,
  req: Request,
  res: Response,
  answer: Answer,
  route: string,
  raw: Buffer | undefined,
  started = process.hrtime.bigint(),
): Promise<void> {
  const code = codeOf(answer) as ProblemCode;
  const retryAfter = await deps.refusals.refuse(sourceOf(req), code, claimedClient(req));
  const final = retryAfter
    ? problemAnswer(
        deps,
        new HubError('RATE_LIMITED', { retryAfter }, { headers: { 'retry-after': String(retryAfter) } }),
      )
    : answer;
  if (res.writableEnded || res.destroyed) return;
  const finalCode = retryAfter ? 'RATE_LIMITED' : code;
  const claimed = claimedClient(req);
  noteRequest(res, {
    member: claimed?.split('/')[0],
    client: claimed ? `unverified:${claimed}` : undefined,
    code: finalCode,
  });
  signAndSend(deps, res, final, requestBinding(req.headersDistinct ?? req.headers, raw));
  deps.metrics.requests.inc({ route, status: String(final.status), code: finalCode });
  deps.metrics.duration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
}

function codeOf(answer: Answer): string {
  try {
    return (JSON.parse(answer.body.toString('utf8')) as { code?: string }).code ?? 'INTERNAL';
  } catch {
    return 'INTERNAL';
  }
}

/** Any failure as a problem answer: HubErrors and UpstreamErrors by their codes, the rest a logged 500. */
export function problemAnswer(deps: HubDeps, err: unknown, messageId?: string): Answer {
  const hubError = err instanceof HubError ? err : isUpstreamError(err) ? upstreamProblem(err) : undefined;
  if (hubError) {
    const problem = hubError.toProblem();
    return jsonAnswer(problem.status, problem, hubError.extra.headers);
  }
  deps.logger.error(
    { err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err), messageId },
    'request failed unexpectedly',
  );
  return jsonAnswer(500, new HubError('INTERNAL').toProblem());
}
