/**
 * Registration of a scaffolded adapter: its entry in adapters/registry.ts (above the marker line) and its
 * config/ entries with clear placeholders — the upstream (a free sandbox port, credentials from the
 * environment for its auth kind), one service per adapter service under a placeholder member, the
 * placeholder member itself, a placeholder purpose and a grant — so that the hub offers it at once and
 * `lienthong sandbox` starts its simulator. The files stay valid for config/loader.ts throughout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { AuthDeclaration } from '../auth/types';

export const REGISTRY_MARKER = '  // lienthong adapter new: new entries go above this line';

export interface RegisterOptions {
  id: string;
  pascal: string;
  folder: string;
  registryFile: string;
  configDir: string;
  services: string[];
  auth?: AuthDeclaration;
}

const envName = (id: string, what: string) => `LIENTHONG_${id.toUpperCase().replace(/-/g, '_')}_${what}`;

function credentials(id: string, auth?: AuthDeclaration): Record<string, unknown> | undefined {
  switch (auth?.kind) {
    case 'oauth2-client-credentials':
      return {
        clientId: `\${${envName(id, 'CLIENT_ID')}:-lienthong-hub}`,
        clientSecret: { env: envName(id, 'CLIENT_SECRET') },
      };
    case 'api-key':
      return { apiKey: { env: envName(id, 'API_KEY') } };
    case 'bearer':
      return { token: { env: envName(id, 'TOKEN') } };
    case 'basic':
    case 'ws-security':
      return {
        username: `\${${envName(id, 'USERNAME')}:-lienthong-hub}`,
        password: { env: envName(id, 'PASSWORD') },
      };
    default:
      return undefined;
  }
}

/** Writes the registry entry and the config entries; returns the files changed. */
export function registerAdapter(o: RegisterOptions): string[] {
  let rel = relative(dirname(o.registryFile), o.folder).split('\\').join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const registry = readFileSync(o.registryFile, 'utf8');
  if (!registry.includes(REGISTRY_MARKER))
    throw new Error(`${o.registryFile} has no marker line "${REGISTRY_MARKER.trim()}"`);
  if (registry.includes(`entry('${o.id}',`)) throw new Error(`${o.id} is already in ${o.registryFile}`);
  const req = (m: string) => `(require('${m}') as typeof import('${m}'))`;
  const entry = `  entry('${o.id}', () => ({
    adapter: ${req(rel)}.adapter as AdapterDefinition,
    simulator: ${req(`${rel}/simulator`)}.create${o.pascal}Simulator,
    conformance: ${req(`${rel}/conformance`)}.conformance,
  })),
`;
  writeFileSync(o.registryFile, registry.replace(REGISTRY_MARKER, entry + REGISTRY_MARKER));

  const file = (name: string) => join(o.configDir, name);
  const read = (name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as Record<string, unknown>;
  const write = (name: string, v: unknown) => writeFileSync(file(name), JSON.stringify(v, null, 2) + '\n');
  const memberId = `VN:GOV:00:${`TODO-${o.id.toUpperCase()}`.slice(0, 40).replace(/-+$/, '')}`;
  const client = `${memberId}/TODO`;
  const purpose = `todo.${o.id}`.slice(0, 64);

  const services = read('services.json') as {
    upstreams: Record<string, { baseUrl: string }>;
    services: unknown[];
  };
  const ports = Object.values(services.upstreams).map((u) => Number(/:(\d+)\}?$/.exec(u.baseUrl)?.[1] ?? 0));
  const port = Math.max(7100, ...ports) + 1;
  services.upstreams[o.id] = {
    baseUrl: `\${LIENTHONG_UPSTREAM_${o.id.toUpperCase().replace(/-/g, '_')}:-http://127.0.0.1:${port}}`,
    timeoutMs: '${LIENTHONG_UPSTREAM_TIMEOUT_MS:-5000}',
    ...(credentials(o.id, o.auth) ? { auth: credentials(o.id, o.auth) } : {}),
  } as { baseUrl: string };
  for (const s of o.services)
    services.services.push({
      id: `${client}/${s}`,
      adapter: o.id,
      service: s,
      title: `TODO: tên dịch vụ / what ${s} offers (and replace ${memberId} with the agency's member id)`,
    });
  write('services.json', services);

  const members = read('members.json') as { members: unknown[] };
  members.members.push({
    id: memberId,
    name: `TODO: the agency that runs ${o.id} — replace this id and name (country:class:province:agency)`,
    subsystems: ['TODO'],
  });
  write('members.json', members);

  const policies = read('policies.json') as { purposes: unknown[]; grants: unknown[] };
  policies.purposes.push({
    code: purpose,
    title: `TODO: mục đích / why members may call ${o.id}`,
    legalBasis: 'TODO: the law or decree that allows it',
  });
  for (const s of o.services)
    policies.grants.push({ client, service: `${client}/${s}`, purposes: { [purpose]: '*' } });
  write('policies.json', policies);
  return [o.registryFile, file('services.json'), file('members.json'), file('policies.json')];
}
