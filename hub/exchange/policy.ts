/**
 * The access policy: which client (member/subsystem) may call which service, for which purposes, and
 * which fields each purpose lets it read (minimisation). Built from config/policies.json.
 */
import type { FieldGrant, GrantConfig, HubConfig } from '../../config/loader';
import { HubError } from '../http/problem';

export interface Authorisation {
  /** '*' or the top-level fields of the answer the purpose allows. */
  fields: FieldGrant;
}

export interface AccessPolicy {
  /** Throws FORBIDDEN_SERVICE / FORBIDDEN_PURPOSE; returns the fields the purpose allows. */
  authorise(client: string, serviceId: string, purpose: string): Authorisation;
  /** The services a client may call, with their purposes. */
  servicesFor(client: string): { service: string; purposes: string[] }[];
  hasRight(member: string, right: string): boolean;
}

export function createAccessPolicy(config: HubConfig): AccessPolicy {
  // client ('member/subsystem' or 'member/*') → service → purpose → fields
  const grants = new Map<string, Map<string, GrantConfig['purposes']>>();
  for (const g of config.grants) {
    let byService = grants.get(g.client);
    if (!byService) grants.set(g.client, (byService = new Map()));
    byService.set(g.service, { ...(byService.get(g.service) ?? {}), ...g.purposes });
  }
  const rights = new Map(config.members.map((m) => [m.id, new Set(m.rights)]));
  const lookup = (client: string, serviceId: string) => {
    const member = client.slice(0, client.indexOf('/'));
    return grants.get(client)?.get(serviceId) ?? grants.get(`${member}/*`)?.get(serviceId);
  };
  return {
    authorise(client, serviceId, purpose) {
      const purposes = lookup(client, serviceId);
      const member = client.slice(0, client.indexOf('/'));
      if (!purposes) throw new HubError('FORBIDDEN_SERVICE', { member: client, service: serviceId });
      const fields = purposes[purpose];
      if (!fields) throw new HubError('FORBIDDEN_PURPOSE', { purpose, service: serviceId, member });
      return { fields };
    },
    servicesFor(client) {
      const member = client.slice(0, client.indexOf('/'));
      const out = new Map<string, Set<string>>();
      for (const key of [client, `${member}/*`]) {
        for (const [service, purposes] of grants.get(key) ?? []) {
          const set = out.get(service) ?? new Set<string>();
          Object.keys(purposes).forEach((p) => set.add(p));
          out.set(service, set);
        }
      }
      return [...out].map(([service, purposes]) => ({ service, purposes: [...purposes].sort() }));
    },
    hasRight: (member, right) => rights.get(member)?.has(right) ?? false,
  };
}

/**
 * Keeps only the fields a purpose allows (and, when the caller asked for fewer, only those). Returns the
 * minimised answer and the names of the fields it carries (for the audit log and the data tracker).
 */
export function minimise(
  value: Record<string, unknown>,
  allowed: FieldGrant,
  requested?: string[],
): { value: Record<string, unknown>; fields: string[] } {
  if (allowed === '*' && !requested) return { value, fields: Object.keys(value) };
  const keep = new Set(requested ?? (allowed === '*' ? Object.keys(value) : allowed));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    if (keep.has(k) && (allowed === '*' || allowed.includes(k))) out[k] = v;
  return { value: out, fields: Object.keys(out) };
}
