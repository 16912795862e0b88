/**
 * The access policy: which client (member/subsystem) may call which service, for which purposes, and
 * which fields each purpose lets it read (minimisation). Built from config/policies.json. Every lookup
 * keyed by request data (client, service, purpose, member, right) is a Map, never a plain object: a
 * purpose named `constructor` must not find `Object.prototype.constructor` (CONVENTIONS §11).
 */
import type { FieldGrant, HubConfig } from '../../config/loader';
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
  const grants = new Map<string, Map<string, Map<string, FieldGrant>>>();
  for (const g of config.grants) {
    let byService = grants.get(g.client);
    if (!byService) grants.set(g.client, (byService = new Map()));
    let byPurpose = byService.get(g.service);
    if (!byPurpose) byService.set(g.service, (byPurpose = new Map()));
    for (const [purpose, fields] of Object.entries(g.purposes)) byPurpose.set(purpose, fields);
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
      const fields = purposes.get(purpose);
      if (!fields) throw new HubError('FORBIDDEN_PURPOSE', { purpose, service: serviceId, member });
      return { fields };
    },
    servicesFor(client) {
      const member = client.slice(0, client.indexOf('/'));
      const out = new Map<string, Set<string>>();
      for (const key of [client, `${member}/*`]) {
        for (const [service, purposes] of grants.get(key) ?? []) {
          const set = out.get(service) ?? new Set<string>();
          for (const p of purposes.keys()) set.add(p);
          out.set(service, set);
        }
      }
      return [...out].map(([service, purposes]) => ({ service, purposes: [...purposes].sort() }));
    },
    hasRight: (member, right) => rights.get(member)?.has(right) ?? false,
  };
}
