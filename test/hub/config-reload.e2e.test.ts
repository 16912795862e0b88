/**
 * Members, services and policies taken up by a running hub (issue #12), like the trust directory: every
 * LIENTHONG_CONFIG_RELOAD_SEC and on SIGHUP. A new subsystem with its grant is accepted without a
 * restart, a withdrawn grant is refused, a service's new title shows in /openapi.json; a folder that does
 * not load is refused, logged with its file and key, and the last good configuration stays in force.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { DEFAULT_CONFIG_DIR } from '../../config/loader';
import { startWorld, type World } from '../../hub/sandbox/world';
import { captureLog } from '../helpers/log-capture';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
let dir: string;
const pop = getPopulation();
const mother = pop.person(pop.scenarios.birth.motherId)!;
const WARD = 'VN:GOV:01:UBND-NGOCHA';
const PERSON = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';

const { logger, lines } = captureLog();

const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const write = (name: string, value: unknown) =>
  writeFileSync(join(dir, name), JSON.stringify(value, null, 2));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lienthong-config-'));
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['national-population'],
    members: [WARD],
    configDir: dir,
    env: { LIENTHONG_CONFIG_RELOAD_SEC: '1' },
    logger: logger,
  });
}, 30_000);
redis.beforeStop(() => world?.close());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readPerson = (subsystem: string, purpose = 'xac-thuc.danh-tinh') =>
  world.client(WARD, subsystem).call(PERSON, { purpose, body: { personalId: mother.personalId } });

async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

it('takes up a new subsystem and its grant, and a withdrawn grant, without a restart', async () => {
  expect((await readPerson('TIEPNHAN')).status).toBe(403);

  const members = read('members.json') as { members: { id: string; subsystems: string[] }[] };
  members.members.find((m) => m.id === WARD)!.subsystems.push('TIEPNHAN');
  write('members.json', members);
  const policies = read('policies.json') as {
    grants: { client: string; service: string; purposes: Record<string, unknown> }[];
  };
  policies.grants.push({
    client: `${WARD}/TIEPNHAN`,
    service: PERSON,
    purposes: { 'xac-thuc.danh-tinh': ['fullName'] },
  });
  // And the ward's one-stop system loses identity checks.
  const mine = policies.grants.find((g) => g.client === `${WARD}/MOTCUA` && g.service === PERSON)!;
  delete mine.purposes['xac-thuc.danh-tinh'];
  write('policies.json', policies);

  await eventually(
    'the new subsystem to be accepted',
    async () => (await readPerson('TIEPNHAN')).status === 200,
  );
  expect((await readPerson('TIEPNHAN')).body).toEqual({ fullName: mother.fullName });
  const refused = await readPerson('MOTCUA');
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ code: 'FORBIDDEN_PURPOSE' });
  expect(lines.some((l) => l.msg === 'configuration reloaded')).toBe(true);
}, 30_000);

it('shows a service’s new title in /openapi.json', async () => {
  const services = read('services.json') as { services: { id: string; title?: string }[] };
  services.services.find((s) => s.id === PERSON)!.title = 'Tra cứu công dân (đã đổi tên)';
  write('services.json', services);
  await eventually('the new title', async () => {
    const doc = (await (await fetch(`${world.hub.url}/openapi.json`)).json()) as {
      paths: Record<string, { post?: { summary?: string } }>;
    };
    return doc.paths[`/v1/services/${PERSON}`]?.post?.summary === 'Tra cứu công dân (đã đổi tên)';
  });
}, 30_000);

it('refuses a folder that does not load, says why, and keeps the last good configuration', async () => {
  const policies = read('policies.json') as {
    grants: { client: string; service: string; purposes: object }[];
  };
  policies.grants.push({
    client: `${WARD}/TIEPNHAN`,
    service: 'VN:GOV:00:BCA/DANCU/no-such-service/v1',
    purposes: { 'xac-thuc.danh-tinh': '*' },
  });
  write('policies.json', policies);
  await eventually('the refusal to be logged', async () =>
    lines.some(
      (l) =>
        l.msg === 'configuration not reloaded; the last good configuration stays in force' &&
        String(l.err).includes('policies.json') &&
        String(l.err).includes('no-such-service'),
    ),
  );
  expect((await readPerson('TIEPNHAN')).status).toBe(200);
  expect((await readPerson('MOTCUA')).status).toBe(403);
}, 30_000);
