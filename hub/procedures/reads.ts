/**
 * Once-only: the authoritative reads of a procedure. Each read goes to its source under the procedure's
 * purpose; its answer, validated against its contract, is released to the procedure's client through the
 * egress (exchange/egress.ts: the purpose's fields), kept with its provenance (source, time, message id),
 * and recorded in the subject's access log with the procedure as purpose. A record is read once per
 * dossier: a read asking a source for what an earlier read of the same dossier (or of its prefill) already
 * got — the same service and the same input, e.g. the applicant who is also the child's mother — reuses
 * that answer and its provenance, and the access log shows the one read that was made.
 */
import { randomUUID } from 'node:crypto';
import { isUpstreamError } from '../../adapters/sdk';
import type { Audit } from '../audit';
import type { ServiceCatalog } from '../exchange/catalog';
import { release } from '../exchange/egress';
import type { AccessPolicy } from '../exchange/policy';
import { upstreamProblem } from '../exchange/upstream-problem';
import { HubError } from '../http/problem';
import type { Logger } from '../observability/logger';
import type { ProcedureDef, ReadDef } from './definition';
import { resolve, type TemplateContext } from './template';
import type { Provenance } from './types';

export interface ReadDeps {
  catalog: ServiceCatalog;
  policy: AccessPolicy;
  audit: Audit;
  logger: Logger;
  clock: () => number;
}

/** True when a template's references can all be resolved (optional reads are skipped otherwise). */
function complete(value: unknown): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.every(complete);
  if (value && typeof value === 'object')
    return Object.values(value).every((v) => v !== undefined && complete(v));
  return true;
}

/** A read made: what it answered (minimised) and where it came from. */
export interface ReadResult {
  value: Record<string, unknown>;
  provenance: Provenance;
}

/** Reads already made for a dossier, by service and input (readKey). */
export type ReadCache = Map<string, ReadResult>;

/** The identity of a read: the service and its input, keys in a stable order. */
export function readKey(service: string, input: unknown): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `${service} ${JSON.stringify(stable(input))}`;
}

export async function performRead(
  deps: ReadDeps,
  def: ProcedureDef,
  read: ReadDef,
  ctx: TemplateContext,
  dossierCode?: string,
  cache?: ReadCache,
): Promise<ReadResult | undefined> {
  const entry = deps.catalog.get(read.service);
  if (!entry) throw new HubError('SERVICE_UNKNOWN', { service: read.service });
  const input = resolve(read.input, ctx) as Record<string, unknown>;
  const required = Object.values(read.input as Record<string, unknown>).length;
  if (!complete(input) || Object.keys(input).length < required) {
    if (read.optional) return undefined;
    throw new HubError('SOURCE_NOT_FOUND', { source: read.service, field: read.as });
  }
  const cached = cache?.get(readKey(read.service, input));
  if (cached) return cached;
  deps.policy.authorise(def.client, read.service, def.purpose);
  const checked = entry.service.input.validate(input);
  if (checked.error)
    throw new HubError(
      'SOURCE_NOT_FOUND',
      { source: read.service, field: read.as },
      { detail: checked.error.message },
    );
  const messageId = randomUUID();
  const started = deps.clock();
  let outcome = 'ok';
  let status = 200;
  let returned: string[] | undefined;
  try {
    const out = await entry.call(checked.value, {
      messageId,
      deadline: Date.now() + entry.timeoutMs,
      signal: new AbortController().signal,
      logger: deps.logger.child({ messageId, procedure: def.id }),
      purpose: def.purpose,
    });
    const value = release(deps.policy, out, {
      kind: 'member',
      client: def.client,
      service: read.service,
      purpose: def.purpose,
    });
    returned = value.fields;
    const result: ReadResult = {
      value: value.value,
      provenance: { service: read.service, fetchedAt: new Date(started).toISOString(), messageId },
    };
    cache?.set(readKey(read.service, input), result);
    return result;
  } catch (err) {
    const e = isUpstreamError(err)
      ? err.notFound
        ? new HubError('SOURCE_NOT_FOUND', { source: read.service, field: read.as })
        : upstreamProblem(err)
      : err;
    if (e instanceof HubError) {
      outcome = e.code;
      status = e.toProblem().status;
    } else {
      outcome = 'INTERNAL';
      status = 500;
    }
    if (read.optional && e instanceof HubError && e.code === 'SOURCE_NOT_FOUND') return undefined;
    throw e;
  } finally {
    await deps.audit.append({
      time: new Date(started).toISOString(),
      messageId,
      client: def.client,
      service: read.service,
      purpose: def.purpose,
      subject: entry.service.subject?.(checked.value as never),
      fields: returned,
      outcome,
      status,
      procedure: def.id,
      dossierCode,
      durationMs: deps.clock() - started,
    });
  }
}

/**
 * Runs every read of a procedure in order; returns what was read and where it came from. `cache` holds
 * the reads made so far for the dossier (a prefill's); each read made here is added to it.
 */
export async function performReads(
  deps: ReadDeps,
  def: ProcedureDef,
  ctx: TemplateContext,
  only?: (r: ReadDef) => boolean,
  dossierCode?: string,
  cache: ReadCache = new Map(),
): Promise<{ reads: Record<string, unknown>; provenance: Record<string, Provenance>; cache: ReadCache }> {
  const reads: Record<string, unknown> = {};
  const provenance: Record<string, Provenance> = {};
  for (const read of def.reads) {
    if (only && !only(read)) continue;
    const r = await performRead(deps, def, read, { ...ctx, reads }, dossierCode, cache);
    if (!r) continue;
    reads[read.as] = r.value;
    provenance[read.as] = r.provenance;
  }
  return { reads, provenance, cache };
}
