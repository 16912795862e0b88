/**
 * Every LIENTHONG_* environment variable, for docs/operations.md (`npm run gen` writes the table; a test
 * fails when code names a variable the table does not): the `${VAR:-default}` placeholders of the
 * configuration files, each with the setting it fills, its default and the description the Joi schema
 * gives that setting — and the few variables that code reads directly, declared below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Description } from 'joi';
import { hubSchema } from './schema';

export interface EnvironmentVariable {
  name: string;
  /** The configuration setting it fills (`hub.json: deliveries.attempts`), or who reads it. */
  setting: string;
  default?: string;
  description: string;
}

/** Variables read by code rather than through the configuration files. */
export const DIRECT_VARIABLES: readonly EnvironmentVariable[] = [
  {
    name: 'LIENTHONG_OPERATOR',
    setting: 'the command line (dlq, keys, operators)',
    description: 'The operator named in the audit log for command-line actions (default: OS user@host)',
  },
  {
    name: 'LIENTHONG_REDIS_APPENDFSYNC',
    setting: 'npm run demo',
    default: 'everysec',
    description: 'fsync policy of the demo’s own redis-server: everysec or always',
  },
  {
    name: 'LIENTHONG_INSTALL_REDIS',
    setting: 'npm run demo',
    description: '0: never install redis-server with apt-get when it is missing',
  },
  {
    name: 'LIENTHONG_CHROMIUM',
    setting: 'the browser tests',
    default: '/usr/bin/chromium',
    description: 'The Chromium the page tests drive (test/helpers/browser.ts)',
  },
  {
    name: 'LIENTHONG_PROCESS_INDEX',
    setting: 'serve/worker --processes (set by the primary)',
    description:
      'Internal: the index (0 to N−1) of a process of a `--processes N` group; worker i serves /metrics on port + i',
  },
  {
    name: 'LIENTHONG_BENCH_ROLE',
    setting: 'npm run bench',
    description: 'Internal: the role of a benchmark’s child process',
  },
];

const VAR = /\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g;

/** The description a Joi object schema gives the key at `path`. */
function describeAt(desc: Description, path: string[]): string | undefined {
  let node: Description | undefined = desc;
  for (const key of path) node = (node?.keys as Record<string, Description> | undefined)?.[key];
  return node?.flags && typeof (node.flags as { description?: unknown }).description === 'string'
    ? (node.flags as { description: string }).description
    : undefined;
}

function placeholders(
  value: unknown,
  path: string[],
  out: { name: string; path: string[]; fallback?: string; secret?: boolean }[],
) {
  if (typeof value === 'string') {
    for (const m of value.matchAll(VAR)) out.push({ name: m[1], path, fallback: m[2] });
  } else if (Array.isArray(value)) value.forEach((v, i) => placeholders(v, [...path, String(i)], out));
  else if (value && typeof value === 'object') {
    // A secret reference of an upstream's credentials: { "env": "NAME" } (adapters/sdk/auth).
    const env = (value as { env?: unknown }).env;
    if (typeof env === 'string' && Object.keys(value).length === 1)
      out.push({ name: env, path, secret: true });
    else for (const [k, v] of Object.entries(value)) placeholders(v, [...path, k], out);
  }
}

/** The variables of a configuration folder's files, then the direct ones; one row per variable. */
export function environmentVariables(dir: string): EnvironmentVariable[] {
  const rows = new Map<string, EnvironmentVariable>();
  const paths = new Map<string, string[]>();
  const hub = hubSchema.describe();
  for (const file of ['hub.json', 'members.json', 'services.json', 'policies.json']) {
    const found: { name: string; path: string[]; fallback?: string; secret?: boolean }[] = [];
    placeholders(JSON.parse(readFileSync(join(dir, file), 'utf8')), [], found);
    for (const p of found) {
      const setting = p.path.join('.');
      const description = p.secret
        ? `Secret ${p.path.slice(2).join('.')} of the ${p.path[1]} upstream (read when used, never logged; no default)`
        : file === 'hub.json'
          ? describeAt(hub, p.path)
          : p.path[0] === 'upstreams' && p.path[2] === 'baseUrl'
            ? `Base URL of the ${p.path[1]} upstream`
            : p.path[0] === 'upstreams' && p.path[2] === 'timeoutMs'
              ? 'Time limit of an upstream call (ms), every upstream'
              : p.path[0] === 'upstreams' && p.path[2] === 'options'
                ? `Adapter option ${p.path.slice(3).join('.')} of ${p.path[1]}`
                : undefined;
      const prior = rows.get(p.name);
      if (prior) {
        // One variable in several places (every upstream's timeout): the differing parts become '*'.
        const merged = paths.get(p.name)!.map((seg, i) => (seg === p.path[i] ? seg : '*'));
        paths.set(p.name, merged);
        prior.setting = `${file}: ${merged.join('.')}`;
        continue;
      }
      paths.set(p.name, p.path);
      rows.set(p.name, {
        name: p.name,
        setting: `${file}: ${setting}`,
        default: p.fallback,
        description: description ?? `The setting ${setting} of ${file}`,
      });
    }
  }
  for (const d of DIRECT_VARIABLES) if (!rows.has(d.name)) rows.set(d.name, d);
  return [...rows.values()];
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The variables as a Markdown table. */
export function environmentTable(dir: string): string {
  const lines = ['| variable | setting | default | what it does |', '| --- | --- | --- | --- |'];
  for (const v of environmentVariables(dir))
    lines.push(
      `| \`${v.name}\` | ${cell(v.setting)} | ${v.default === undefined ? '—' : v.default === '' ? '(empty)' : `\`${cell(v.default)}\``} | ${cell(v.description)} |`,
    );
  return lines.join('\n');
}

/** `text` with the part between the env markers replaced by the table. */
export function withEnvironmentTable(text: string, dir: string): string {
  const start = '<!-- env:start (generated by npm run gen from config/ and config/environment.ts) -->';
  const end = '<!-- env:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`the markers ${start} … ${end} are missing`);
  return `${text.slice(0, a + start.length)}\n${environmentTable(dir)}\n${text.slice(b)}`;
}
