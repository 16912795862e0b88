/**
 * The operator path of docs/operations.md, step by step, on real processes: a clean checkout (the
 * tracked files only, with this project's node_modules), Redis with AOF, a CA host and a hub host (two
 * trust directories: the CA key never reaches the hub host), the simulated agencies, `lienthong serve`
 * and `lienthong worker`, a member calling through `lienthong call`, a dead letter redriven and another
 * discarded, a member's key revoked, and the audit logs of both hosts verified. Every step is a test
 * named like the doc's step, and the doc's steps and `npx lienthong …` commands must be the ones run here.
 */
import { adapterIds } from '../../adapters/registry';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { startLocalRedis, type LocalRedis } from '../../queue/local-redis';
import { auditRecords } from '../helpers/audit-records';
import { ProcessGroup, runLienthong, type Child } from '../helpers/processes';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'operations.md'), 'utf8');
const WARD = 'VN:GOV:01:UBND-NGOCHA';
const OPERATOR = 'ops-nguyen-van-an';
const PERSON = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';
const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';

const STEPS = [
  'Install from a clean checkout',
  'Start Redis with AOF',
  'Create the CA and issue member keys on the CA host',
  'Copy the trust directory to the hub host, without the CA key',
  'Start the hub, the worker (and, for a trial, the simulated agencies)',
  'Call a service as a member',
  'Redrive a dead letter',
  'Discard a dead letter',
  "Revoke a member's key",
  'Verify the audit log',
];

// What the steps share.
const base = mkdtempSync(join(tmpdir(), 'lienthong-operator-'));
const checkout = join(base, 'checkout');
const ca = { trust: join(base, 'ca', 'trust'), audit: join(base, 'ca', 'audit') };
const hubHost = {
  trust: join(base, 'hub', 'trust'),
  audit: join(base, 'hub', 'audit'),
  keys: join(base, 'hub', 'keys'),
};
const processes = new ProcessGroup();
let redis: LocalRedis | undefined;
let hubEnv: Record<string, string>;
let hubUrl = '';
let notifyUrl = '';
let worker: Child;
let memberKey = '';
let memberKid = '';
/** The first two words of every `lienthong` command run. */
const ran = new Set<string>();

const baseEnv = (): Record<string, string> => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('LIENTHONG_') && !k.startsWith('npm_')),
  ) as Record<string, string>;
  return { ...env, LIENTHONG_OPERATOR: OPERATOR, LIENTHONG_LOG_LEVEL: 'warn' };
};
const caEnv = () => ({ ...baseEnv(), LIENTHONG_TRUST_DIR: ca.trust, LIENTHONG_AUDIT_DIR: ca.audit });

/** `npx lienthong …args` of the checkout, in the checkout; fails the step on a non-zero exit unless told. */
async function lienthong(
  args: string[],
  env: Record<string, string>,
  opts: { input?: string; expect?: number | 'any' } = {},
) {
  ran.add(
    args
      .filter((a) => !a.startsWith('-'))
      .slice(0, 2)
      .join(' '),
  );
  ran.add(args[0]);
  const r = await runLienthong(args, env, 90_000, {
    cwd: checkout,
    bin: join(checkout, 'hub', 'cli', 'bin.js'),
    input: opts.input,
  });
  if (opts.expect !== 'any' && r.code !== (opts.expect ?? 0))
    throw new Error(`lienthong ${args.join(' ')} exited ${r.code}, not ${opts.expect ?? 0}:\n${r.output}`);
  return r;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${processes.outputs()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const faults = (body: unknown) =>
  fetch(`${notifyUrl}/__admin/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** How often the gateway applied a delivery id (the worker sends it as the request id). */
const applied = async (id: string) =>
  (
    (await (await fetch(`${notifyUrl}/__admin/state`)).json()) as { messages: { requestId: string }[] }
  ).messages.filter((m) => m.requestId === id).length;

/** The member's side: `lienthong call` with the key the CA host handed over. */
const call = (
  service: string,
  purpose: string,
  body: unknown,
  more: string[] = [],
  expect: number | 'any' = 0,
) =>
  lienthong(
    [
      'call',
      service,
      '--as',
      `${WARD}/MOTCUA`,
      '--purpose',
      purpose,
      '--key',
      memberKey,
      '--hub',
      hubUrl,
      ...more,
      '-',
    ],
    hubEnv,
    {
      input: JSON.stringify(body),
      expect,
    },
  );

/** A dead letter: an SMS the gateway refuses for good. */
async function deadLetter(reference: string): Promise<string> {
  await faults({ errorRate: 1, errorStatus: 400 });
  const sent = await call(
    SMS,
    'thong-bao.tien-do',
    { to: '+84912345678', text: `Hồ sơ ${reference}`, reference },
    ['--async'],
  );
  const id = (JSON.parse(sent.stdout) as { id: string }).id;
  await until(`${id} to be a dead letter`, async () => {
    const list = JSON.parse((await lienthong(['dlq', 'list', '--json'], hubEnv)).stdout) as {
      items: { id: string }[];
    };
    return list.items.some((d) => d.id === id) ? true : undefined;
  });
  await faults({ errorRate: 0 });
  return id;
}

afterAll(async () => {
  await processes.stopAll();
  await redis?.stop({ removeData: true });
  rmSync(base, { recursive: true, force: true });
}, 60_000);

it('follows the steps of docs/operations.md', () => {
  const section = DOC.slice(DOC.indexOf('## The operator path'), DOC.indexOf('## Watching it'));
  expect([...section.matchAll(/^### Step (\d+) — (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual(
    STEPS.map((s, i) => `${i + 1} ${s}`),
  );
});

describe('the operator path', () => {
  it(`Step 1 — ${STEPS[0]}`, async () => {
    // The tracked files as they are in this tree, nothing else (no var/, no keys); npm install is this
    // project's node_modules.
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    for (const f of files) {
      if (!existsSync(join(ROOT, f))) continue;
      mkdirSync(dirname(join(checkout, f)), { recursive: true });
      cpSync(join(ROOT, f), join(checkout, f));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
    expect(existsSync(join(checkout, 'var'))).toBe(false);
    const help = await lienthong(['--help'], baseEnv());
    expect(help.stdout).toContain('dlq');
  }, 120_000);

  it(`Step 2 — ${STEPS[1]}`, async () => {
    redis = await startLocalRedis({ appendfsync: 'everysec' });
    const info = execFileSync('redis-cli', ['-p', String(redis.port), 'CONFIG', 'GET', 'appendonly'], {
      encoding: 'utf8',
    });
    expect(info).toContain('yes');
  }, 60_000);

  it(`Step 3 — ${STEPS[2]}`, async () => {
    const init = JSON.parse((await lienthong(['keys', 'init'], caEnv())).stdout) as { dataKid: string };
    expect(init.dataKid).toMatch(/^dk-/);
    const issued = JSON.parse((await lienthong(['keys', 'issue', WARD], caEnv())).stdout) as {
      kid: string;
      privateKeyPath: string;
    };
    memberKid = issued.kid;
    memberKey = issued.privateKeyPath;
    expect(readdirSync(dirname(memberKey)).sort()).toEqual(
      ['ca.cert.pem', 'hub.cert.pem', `${memberKid}.cert.pem`, `${memberKid}.key.pem`].sort(),
    );
  }, 120_000);

  it(`Step 4 — ${STEPS[3]}`, () => {
    cpSync(ca.trust, hubHost.trust, {
      recursive: true,
      filter: (src) =>
        !src.endsWith(join('ca', 'ca.key.pem')) && !src.includes(`${join(ca.trust, 'handover')}`),
    });
    expect(existsSync(join(hubHost.trust, 'ca', 'ca.key.pem'))).toBe(false);
    expect(existsSync(join(hubHost.trust, 'handover'))).toBe(false);
    expect(existsSync(join(hubHost.trust, 'data-keys.json'))).toBe(true);
  });

  it(`Step 5 — ${STEPS[4]}`, async () => {
    ran.add('sandbox');
    const sandbox = await processes.start({
      name: 'sandbox',
      args: ['sandbox', '--free-ports'],
      env: baseEnv(),
      cwd: checkout,
      bin: join(checkout, 'hub', 'cli', 'bin.js'),
      ready: /sandbox running/,
      readyTimeoutMs: 90_000,
    });
    const upstreams = Object.fromEntries(
      [
        ...sandbox
          .output()
          .matchAll(/^\S+\s+(http:\/\/127\.0\.0\.1:\d+)\s+\((LIENTHONG_UPSTREAM_[A-Z_]+);/gm),
      ].map((m) => [m[2], m[1]]),
    );
    // One simulated agency per registered adapter.
    expect(Object.keys(upstreams)).toHaveLength(adapterIds().length);
    notifyUrl = upstreams.LIENTHONG_UPSTREAM_NOTIFY;
    hubEnv = {
      ...baseEnv(),
      ...upstreams,
      LIENTHONG_TRUST_DIR: hubHost.trust,
      LIENTHONG_AUDIT_DIR: hubHost.audit,
      LIENTHONG_SUBJECT_KEY_FILE: join(hubHost.keys, 'subject.key'),
      LIENTHONG_ADMIN_TOKEN_FILE: join(hubHost.keys, 'operators'),
      LIENTHONG_REDIS_URL: redis!.url,
      LIENTHONG_TRUST_RELOAD_SEC: '1',
      LIENTHONG_WORKER_PORT: '0',
      LIENTHONG_DELIVERY_BACKOFF_BASE_MS: '200',
      LIENTHONG_DELIVERY_BACKOFF_CAP_MS: '500',
    };
    ran.add('serve');
    const hub = await processes.start({
      name: 'hub',
      args: ['serve', '--port', '0'],
      env: hubEnv,
      cwd: checkout,
      bin: join(checkout, 'hub', 'cli', 'bin.js'),
      ready: /lienthong hub listening on (http:\/\/\S+)/,
      readyTimeoutMs: 90_000,
    });
    hubUrl = hub.match![1];
    ran.add('worker');
    worker = await processes.start({
      name: 'worker',
      args: ['worker'],
      env: hubEnv,
      cwd: checkout,
      bin: join(checkout, 'hub', 'cli', 'bin.js'),
      ready: /lienthong workers running; metrics on (http:\/\/\S+)\/metrics/,
      readyTimeoutMs: 90_000,
    });
    const ready = await (await fetch(`${hubUrl}/readyz`)).json();
    expect(ready).toMatchObject({ status: 'ready', redis: 'up' });
    const health = await (await fetch(`${worker.match![1]}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', redis: 'up', workers: 'running' });
    const token = (await lienthong(['operators', 'add', 'alice'], hubEnv)).stdout.trim();
    const list = await until('alice’s token to be taken up', async () => {
      const r = await fetch(`${hubUrl}/v1/dead-letters`, { headers: { authorization: `Bearer ${token}` } });
      return r.status === 200 ? r.json() : undefined;
    });
    expect(list).toMatchObject({ total: 0 });
  }, 240_000);

  it(`Step 6 — ${STEPS[5]}`, async () => {
    const pop = getPopulation();
    const mother = pop.person(pop.scenarios.birth.motherId)!;
    const r = await call(PERSON, 'xac-thuc.danh-tinh', { personalId: mother.personalId });
    expect(JSON.parse(r.stdout)).toMatchObject({ personalId: mother.personalId, fullName: mother.fullName });
    expect(r.output).toContain('answer signature verified');
    const refused = await call(PERSON, 'dat-dai.chuyen-nhuong', { personalId: mother.personalId }, [], 1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ code: 'FORBIDDEN_PURPOSE' });
    expect((await lienthong(['members', 'list'], hubEnv)).stdout).toContain(WARD);
    expect((await lienthong(['policy', 'who-may', PERSON], hubEnv)).stdout).toContain(
      `${WARD}/MOTCUA  xac-thuc.danh-tinh`,
    );
  }, 120_000);

  it(`Step 7 — ${STEPS[6]}`, async () => {
    const id = await deadLetter('HS-DLQ-7');
    const list = (await lienthong(['dlq', 'list'], hubEnv)).stdout;
    expect(list).toContain(`${id}  from ${WARD}/MOTCUA  ${SMS}`);
    const shown = JSON.parse((await lienthong(['dlq', 'show', id], hubEnv)).stdout) as {
      data: { inputFields: string[] };
      errors: { code: string }[];
    };
    expect(shown.data.inputFields).toContain('reference');
    expect(shown.errors.map((e) => e.code)).toEqual(['rejected']);
    expect(await applied(id)).toBe(0);
    expect((await lienthong(['dlq', 'redrive', id], hubEnv)).stdout).toContain('redriven 1');
    await until(`${id} to reach the gateway`, async () => ((await applied(id)) === 1 ? true : undefined));
    // The worker said what happened, naming no phone number.
    expect(worker.output()).toContain('delivery dead-lettered');
    expect(worker.output()).not.toContain('912345678');
  }, 120_000);

  it(`Step 8 — ${STEPS[7]}`, async () => {
    const id = await deadLetter('HS-DLQ-8');
    expect(
      (await lienthong(['dlq', 'discard', id, '--reason', 'the recipient’s number was withdrawn'], hubEnv))
        .stdout,
    ).toContain(`discarded ${id}`);
    const list = JSON.parse((await lienthong(['dlq', 'list', '--json'], hubEnv)).stdout) as {
      items: { id: string }[];
    };
    expect(list.items.map((d) => d.id)).not.toContain(id);
    await lienthong(['dlq', 'show', id], hubEnv, { expect: 1 });
    expect(await applied(id)).toBe(0);
  }, 120_000);

  it(`Step 9 — ${STEPS[8]}`, async () => {
    const keys = JSON.parse(
      (await lienthong(['keys', 'list', '--member', WARD, '--json'], caEnv())).stdout,
    ) as { kid: string; state: string }[];
    expect(keys).toEqual([expect.objectContaining({ kid: memberKid, state: 'active' })]);
    await lienthong(['keys', 'revoke', WARD, '--kid', memberKid, '--reason', 'keyCompromise'], caEnv());
    cpSync(join(ca.trust, 'revocations.json'), join(hubHost.trust, 'revocations.json'));
    const pop = getPopulation();
    const refused = await until('the revoked key to be refused', async () => {
      const r = await call(
        PERSON,
        'xac-thuc.danh-tinh',
        { personalId: pop.scenarios.birth.motherId },
        [],
        'any',
      );
      return r.code === 1 && (JSON.parse(r.stdout) as { code: string }).code === 'KEY_REVOKED'
        ? 'KEY_REVOKED'
        : undefined;
    });
    expect(refused).toBe('KEY_REVOKED');
  }, 120_000);

  it(`Step 10 — ${STEPS[9]}`, async () => {
    const hubAudit = await lienthong(['audit', 'verify'], hubEnv);
    expect(hubAudit.stdout).toMatch(/^ok \d+ records\nhead signatures verified with .*hub\.cert\.pem/);
    const caAudit = await lienthong(['audit', 'verify'], caEnv());
    expect(caAudit.stdout).toMatch(/^ok \d+ records\nhead signatures verified with /);
    // The operator's actions are in them, under the operator's name.
    const records = (dir: string) => auditRecords(dir) as Record<string, string>[];
    const actions = (dir: string) =>
      records(dir)
        .filter((r) => r.client === `operator:${OPERATOR}`)
        .map((r) => r.service);
    expect(actions(hubHost.audit)).toEqual(
      expect.arrayContaining(['operator:operators.add', 'operator:dlq.redrive', 'operator:dlq.discard']),
    );
    expect(actions(ca.audit)).toEqual(
      expect.arrayContaining(['operator:keys.issue', 'operator:keys.revoke']),
    );
    expect(records(hubHost.audit).find((r) => r.service === 'operator:dlq.discard')).toMatchObject({
      reason: 'the recipient’s number was withdrawn',
    });
  }, 120_000);

  it('ran every `npx lienthong` command the operator path shows', () => {
    const section = DOC.slice(DOC.indexOf('## The operator path'), DOC.indexOf('## Watching it'));
    const shown = [...section.matchAll(/npx lienthong ((?:[a-z-]+)(?: [a-z-]+)?)/g)].map((m) => m[1]);
    const missing = shown.filter((c) => !ran.has(c));
    expect(missing).toEqual([]);
  });
});
