/**
 * POST /v1/services/{member}/{subsystem}/{service}/{version}: one synchronous exchange. In order:
 * read the exact body (size limit) → check the path → verify the signature and hub headers → refuse
 * replays → rate limit per member (http/authenticate.ts) → find the service → authorise client, service
 * and purpose (and the fields asked for) → parse and validate the input against the service's contract
 * → for writes, idempotency → call the adapter under a deadline → validate and normalise its output
 * against the contract → release it to the caller (egress.ts: the purpose's fields) → audit, sign and
 * answer (http/member-route.ts).
 * Every failure is a signed problem+json with a stable code and leaves an audit record (an aggregate one
 * for refusals before authentication: http/refusals.ts).
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { contractProblem, fieldErrorsFromJoi } from '../../contracts';
import { isUpstreamError } from '../../adapters/sdk';
import type { HubDeps } from '../context';
import { acceptDelivery } from '../deliveries/accept';
import { parseJsonBody } from '../http/body';
import { memberRoute, problemAnswer, type RouteState } from '../http/member-route';
import { HubError } from '../http/problem';
import { MEMBER_ID_PATTERN, SUBSYSTEM_PATTERN, type VerifiedRequest } from '../protocol';
import type { CatalogEntry } from './catalog';
import { release } from './egress';
import { jsonAnswer, type Answer } from './respond';

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
/** When a client should repeat a write whose Idempotency-Key is still in flight. */
const IN_FLIGHT_RETRY_MS = 1000;

const serviceIdOf = (req: Request): string => {
  const p = req.params as Record<string, string>;
  return `${p.member}/${p.subsystem}/${p.service}/${p.version}`;
};

export function createExchangeHandler(deps: HubDeps) {
  return memberRoute(deps, {
    route: 'exchange',
    service: serviceIdOf,
    precheck(req) {
      const p = req.params as Record<string, string>;
      if (!MEMBER_ID_PATTERN.test(p.member))
        throw new HubError('MEMBER_ID_INVALID', { member: p.member.slice(0, 80) });
      if (
        !SUBSYSTEM_PATTERN.test(p.subsystem) ||
        !/^[a-z0-9][a-z0-9-]{0,63}$/.test(p.service) ||
        !/^v[1-9]\d{0,2}$/.test(p.version)
      ) {
        throw new HubError('SERVICE_UNKNOWN', { service: serviceIdOf(req).slice(0, 200) });
      }
    },
    async handle(req, res, raw, v, st) {
      const entry = deps.catalog.get(st.service);
      if (!entry) throw new HubError('SERVICE_UNKNOWN', { service: st.service });
      st.upstream = entry.adapter.definition.id;
      const { fields: allowed } = deps.policy.authorise(v.client, st.service, v.purpose);
      const requested = requestedFields(req, entry);
      if (requested && allowed !== '*') {
        const outside = requested.filter((f) => !allowed.includes(f));
        if (outside.length)
          throw new HubError('FORBIDDEN_FIELDS', { purpose: v.purpose, fields: outside.join(', ') });
      }
      const json = parseJsonBody(req, raw, deps.config.hub.limits.jsonDepth);
      if (/\brespond-async\b/i.test(String(req.headers.prefer ?? ''))) {
        return acceptDelivery(deps, v, raw, String(req.headers['hub-signature']), st, { entry, input: json });
      }
      const input = checkInput(entry, json);
      st.subject = entry.service.subject?.(input as never);
      const run = () => callService(deps, entry, input, v, st, res, requested);
      return entry.service.kind === 'write' ? withIdempotency(deps, v, raw, run) : run();
    },
  });
}

/** `?fields=a,b`: names of the output contract's fields, each at most once; anything else is refused. */
function requestedFields(req: Request, entry: CatalogEntry): string[] | undefined {
  const q = req.query.fields;
  if (q === undefined) return undefined;
  if (typeof q !== 'string') throw new HubError('HEADER_INVALID', { header: 'fields' });
  const names = q
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (
    !names.length ||
    names.some((n) => !FIELD_NAME.test(n) || !entry.outputFields.has(n)) ||
    new Set(names).size !== names.length
  )
    throw new HubError('HEADER_INVALID', { header: 'fields' });
  return names;
}

function checkInput(entry: CatalogEntry, json: unknown): Record<string, unknown> {
  const checked = entry.service.input.validate(json, { abortEarly: false, errors: { render: false } });
  if (!checked.error) return checked.value as Record<string, unknown>;
  const name = String((entry.service.input.describe().flags as { id?: string } | undefined)?.id ?? 'input');
  const p = contractProblem(name, fieldErrorsFromJoi(checked.error));
  throw new HubError(
    'CONTRACT_INVALID',
    { contract: name },
    { detail: p.detail, detailVi: p.detailVi, errors: p.errors },
  );
}

async function callService(
  deps: HubDeps,
  entry: CatalogEntry,
  input: Record<string, unknown>,
  v: VerifiedRequest,
  st: RouteState,
  res: Response,
  requested: string[] | undefined,
): Promise<Answer> {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableEnded) controller.abort();
  };
  res.once('close', onClose);
  const upstream = entry.adapter.definition.id;
  const t0 = process.hrtime.bigint();
  let out;
  try {
    out = await entry.call(input, {
      messageId: v.messageId,
      deadline: Date.now() + entry.timeoutMs,
      signal: controller.signal,
      logger: deps.logger.child({ messageId: v.messageId, upstream }),
      purpose: v.purpose,
      // The member's key, bound to the member: two members' equal keys never meet at the upstream.
      idempotencyKey: v.idempotencyKey && upstreamKey(v.client, v.idempotencyKey),
    });
  } catch (err) {
    if (isUpstreamError(err)) deps.metrics.upstreamErrors.inc({ upstream, code: err.code });
    throw err;
  } finally {
    res.off('close', onClose);
    deps.metrics.upstreamDuration.observe(
      { upstream, service: entry.service.name },
      Number(process.hrtime.bigint() - t0) / 1e9,
    );
  }
  const released = release(deps.policy, out, {
    kind: 'member',
    client: v.client,
    service: entry.id,
    purpose: v.purpose,
    requested,
  });
  st.fields = released.fields;
  return jsonAnswer(200, released.value);
}

async function withIdempotency(
  deps: HubDeps,
  v: VerifiedRequest,
  raw: Buffer,
  run: () => Promise<Answer>,
): Promise<Answer> {
  const key = v.idempotencyKey;
  if (!key) throw new HubError('HEADER_INVALID', { header: 'Idempotency-Key' });
  const begun = await deps.idempotency.begin(v.memberId, key, raw);
  if (begun.state === 'conflict') throw new HubError('IDEMPOTENCY_CONFLICT');
  if (begun.state === 'in-flight') {
    // The first request with this key is still running: its outcome comes, ask again after a while.
    const retryAfter = Math.max(1, Math.ceil(IN_FLIGHT_RETRY_MS / 1000));
    throw new HubError(
      'IDEMPOTENCY_IN_FLIGHT',
      { retryAfter },
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }
  if (begun.state === 'replay') {
    return { ...jsonAnswer(begun.status, null), body: begun.body, headers: { 'idempotent-replay': 'true' } };
  }
  try {
    const answer = await run();
    await deps.idempotency.finish(v.memberId, key, raw, answer.status, answer.body);
    return answer;
  } catch (err) {
    // A final refusal is remembered like a success; anything worth retrying frees the key for the retry.
    if (
      (isUpstreamError(err) && !err.retryable) ||
      (err instanceof HubError && err.code !== 'UPSTREAM_CONTRACT_BROKEN')
    ) {
      const a = problemAnswer(deps, err, v.messageId);
      await deps.idempotency.finish(v.memberId, key, raw, a.status, a.body);
    } else {
      await deps.idempotency.abandon(v.memberId, key);
    }
    throw err;
  }
}

/** The key an upstream sees for a member's synchronous write: stable for that member and key. */
export function upstreamKey(client: string, key: string): string {
  return `x-${createHash('sha256').update(`${client}\n${key}`).digest('base64url').slice(0, 32)}`;
}
