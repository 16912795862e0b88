/**
 * Loads and validates the configuration in config/ (or another folder): `${VAR:-default}` substitution
 * from the environment, one Joi schema per file, then cross-references (grants name known members,
 * services and purposes). A bad configuration throws a ConfigError naming the file and the key at fault.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Schema } from 'joi';
import {
  hubSchema,
  membersSchema,
  policiesSchema,
  servicesSchema,
  type GrantConfig,
  type HubSettings,
  type MemberConfig,
  type PurposeConfig,
  type ServiceConfig,
  type UpstreamConfig,
} from './schema';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${file}: ${key || '(root)'}: ${reason}`);
    this.name = 'ConfigError';
  }
}

export interface HubConfig {
  dir: string;
  /** The environment `${VAR}` was substituted from (not enumerable): a reload substitutes from it again. */
  readonly env?: NodeJS.ProcessEnv;
  hub: HubSettings;
  members: MemberConfig[];
  upstreams: Record<string, UpstreamConfig>;
  services: ServiceConfig[];
  purposes: PurposeConfig[];
  grants: GrantConfig[];
}

export const DEFAULT_CONFIG_DIR = __dirname;

const VAR = /\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed JSON value. */
export function substitute(value: unknown, env: NodeJS.ProcessEnv, path: string[], file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(VAR, (_m, name: string, fallback: string | undefined) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (fallback !== undefined) return fallback;
      throw new ConfigError(
        file,
        path.join('.'),
        `environment variable ${name} is not set and has no default`,
      );
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, env, [...path, `[${i}]`], file));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, env, [...path, k], file)]),
    );
  }
  return value;
}

function keyOf(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function readJson(dir: string, name: string, env: NodeJS.ProcessEnv): unknown {
  const path = join(dir, name);
  const file = relative(process.cwd(), path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(file, '', 'file not found or unreadable');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, '', `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return substitute(parsed, env, [], file);
}

function check<T>(dir: string, name: string, schema: Schema, value: unknown): T {
  const { error, value: out } = schema.validate(value, { abortEarly: true, convert: true });
  if (error) {
    const d = error.details[0];
    throw new ConfigError(relative(process.cwd(), join(dir, name)) || name, keyOf(d.path), d.message);
  }
  return out as T;
}

/**
 * Secrets named `{ "env": "NAME" }` are read from the environment the configuration is loaded with (like
 * `${NAME}`); one that is not set there stays a reference, so that the first call says which variable is
 * missing. `{ "file": … }` stays a reference: the file is read when needed (and again after a refusal).
 */
function bindSecretsToEnv(upstreams: Record<string, UpstreamConfig>, env: NodeJS.ProcessEnv): void {
  const bind = (o: Record<string, unknown> | undefined) => {
    if (!o) return;
    for (const [k, v] of Object.entries(o)) {
      const name = v && typeof v === 'object' && 'env' in v ? (v as { env: string }).env : undefined;
      if (name && env[name]) o[k] = env[name];
    }
  };
  for (const up of Object.values(upstreams)) {
    bind(up.auth as Record<string, unknown> | undefined);
    bind(up.tls as Record<string, unknown> | undefined);
  }
}

/** Only the members of config/ (or `dir`): for tools that need no more (`lienthong keys`). */
export function loadMembers(
  dir: string = DEFAULT_CONFIG_DIR,
  env: NodeJS.ProcessEnv = process.env,
): MemberConfig[] {
  return check<{ members: MemberConfig[] }>(
    dir,
    'members.json',
    membersSchema,
    readJson(dir, 'members.json', env),
  ).members;
}

/** Loads config/ (or `dir`); throws ConfigError on the first fault. */
export function loadConfig(
  dir: string = DEFAULT_CONFIG_DIR,
  env: NodeJS.ProcessEnv = process.env,
): HubConfig {
  const file = (name: string) => relative(process.cwd(), join(dir, name)) || name;
  const hub = check<HubSettings>(dir, 'hub.json', hubSchema, readJson(dir, 'hub.json', env));
  const { members } = check<{ members: MemberConfig[] }>(
    dir,
    'members.json',
    membersSchema,
    readJson(dir, 'members.json', env),
  );
  const { upstreams, services } = check<{
    upstreams: Record<string, UpstreamConfig>;
    services: ServiceConfig[];
  }>(dir, 'services.json', servicesSchema, readJson(dir, 'services.json', env));
  const { purposes, grants } = check<{ purposes: PurposeConfig[]; grants: GrantConfig[] }>(
    dir,
    'policies.json',
    policiesSchema,
    readJson(dir, 'policies.json', env),
  );

  bindSecretsToEnv(upstreams, env);
  const memberIds = new Map(members.map((m) => [m.id, m]));
  services.forEach((s, i) => {
    const [member, subsystem] = s.id.split('/');
    const m = memberIds.get(member);
    if (!m)
      throw new ConfigError(
        file('services.json'),
        `services[${i}].id`,
        `member ${member} is not in members.json`,
      );
    if (!m.subsystems.includes(subsystem)) {
      throw new ConfigError(
        file('services.json'),
        `services[${i}].id`,
        `member ${member} has no subsystem ${subsystem}`,
      );
    }
    if (!upstreams[s.adapter]) {
      throw new ConfigError(
        file('services.json'),
        `services[${i}].adapter`,
        `no upstream "${s.adapter}" in upstreams`,
      );
    }
  });
  const serviceIds = new Set(services.map((s) => s.id));
  const purposeCodes = new Set(purposes.map((p) => p.code));
  grants.forEach((g, i) => {
    const [member, subsystem] = g.client.split('/');
    const m = memberIds.get(member);
    if (!m)
      throw new ConfigError(
        file('policies.json'),
        `grants[${i}].client`,
        `member ${member} is not in members.json`,
      );
    if (subsystem !== '*' && !m.subsystems.includes(subsystem)) {
      throw new ConfigError(
        file('policies.json'),
        `grants[${i}].client`,
        `member ${member} has no subsystem ${subsystem}`,
      );
    }
    if (!serviceIds.has(g.service)) {
      throw new ConfigError(
        file('policies.json'),
        `grants[${i}].service`,
        `service ${g.service} is not in services.json`,
      );
    }
    for (const code of Object.keys(g.purposes)) {
      if (!purposeCodes.has(code)) {
        throw new ConfigError(
          file('policies.json'),
          `grants[${i}].purposes.${code}`,
          `purpose ${code} is not declared in purposes`,
        );
      }
    }
  });
  const config: HubConfig = { dir, hub, members, upstreams, services, purposes, grants };
  Object.defineProperty(config, 'env', { value: env, enumerable: false });
  return config;
}

export type {
  SecretRefConfig,
  FieldGrant,
  GrantConfig,
  HubSettings,
  MemberConfig,
  PurposeConfig,
  ServiceConfig,
  UpstreamConfig,
} from './schema';
