/** What an adapter returned, validated (and for contracts, normalised) before anyone sees it. */
import { validateWith } from '../../contracts';
import { HubError } from '../http/problem';
import type { CatalogEntry } from './catalog';

/** Throws UPSTREAM_CONTRACT_BROKEN (logging which fields, never their values) when the answer breaks its contract. */
export function checkOutput(
  logger: { warn(obj: object, msg?: string): void },
  entry: Pick<CatalogEntry, 'contract' | 'outputSchema' | 'outputName' | 'adapter'>,
  out: unknown,
  messageId: string,
): Record<string, unknown> {
  let errors: string[];
  if (entry.contract) {
    const r = validateWith(entry.contract, out);
    if (r.ok) return r.value;
    errors = (r.problem.errors ?? []).map((e) => `${e.path}:${e.code}`);
  } else {
    const r = entry.outputSchema!.validate(out, { abortEarly: false });
    if (!r.error) return r.value as Record<string, unknown>;
    errors = r.error.details.map((d) => `${d.path.join('.')}:${d.type}`);
  }
  logger.warn(
    { messageId, upstream: entry.adapter.definition.id, errors },
    'upstream answer breaks its contract',
  );
  throw new HubError('UPSTREAM_CONTRACT_BROKEN', {
    upstream: entry.adapter.definition.id,
    contract: entry.outputName,
  });
}
