/**
 * A running hub takes up what `lienthong keys revoke|issue|rotate` write to its trust dir without a
 * restart: it reads the dir again every LIENTHONG_TRUST_RELOAD_SEC (here 1 s) and on SIGHUP. A dir that
 * does not load keeps the keys of the last good load.
 */
import { writeFileSync } from 'node:fs';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { startWorld, type World } from '../../hub/sandbox/world';
import { revokeMemberKey, trustPaths } from '../../hub/trust';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
const SERVICE = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';
const WARD = 'VN:GOV:01:UBND-NGOCHA';
const OTHER = 'VN:GOV:79:UBND-TANHIEP';
const personalId = getPopulation().scenarios.birth.motherId;

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['national-population'],
    env: { LIENTHONG_TRUST_RELOAD_SEC: '1' },
  });
}, 30_000);
redis.beforeStop(() => world?.close());

/** A read each member is granted: the ward for identity checks, the other for death registrations. */
const PURPOSE: Record<string, string> = { [WARD]: 'xac-thuc.danh-tinh', [OTHER]: 'ho-tich.khai-tu' };
const read = (member: string) =>
  world.client(member, 'MOTCUA').call(SERVICE, { purpose: PURPOSE[member], body: { personalId } });

async function eventually<T>(fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('a dir that does not load keeps the last good keys in force', async () => {
  const paths = trustPaths(world.trustDir);
  writeFileSync(paths.revocations, '{ not json');
  await new Promise((r) => setTimeout(r, 1500)); // at least one reload has failed meanwhile
  expect((await read(OTHER)).status).toBe(200);
  writeFileSync(paths.revocations, '[]');
});

it('a key revoked in the trust dir is refused within the reload interval, without a restart', async () => {
  expect((await read(WARD)).status).toBe(200);
  revokeMemberKey({ dir: world.trustDir, memberId: WARD, reason: 'key compromise' });
  const refused = await eventually(async () => {
    const r = await read(WARD);
    return r.status === 401 ? r : undefined;
  }, 5000);
  expect((refused.body as { code: string }).code).toBe('KEY_REVOKED');
  // Other members are not affected.
  expect((await read(OTHER)).status).toBe(200);
});
