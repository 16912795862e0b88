/**
 * Issue #10, finding 9. Threat: without any key, an outsider learns which kids exist and which were
 * revoked (compromised keys worth stealing, members in trouble) because the hub looked at the key's state
 * before the signature: a revoked kid answered KEY_REVOKED to anyone. The signature is checked first; to a
 * request that key did not sign, a revoked or expired kid is answered exactly as one never issued. The
 * holder of the key still learns its state.
 */
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueMemberKey, revokeMemberKey } from '../../hub/trust';
import { startWorld, type World } from '../../hub/sandbox/world';
import { useRedis } from '../helpers/redis';
import { signRaw } from '../helpers/sign-raw';

const redis = useRedis();
let world: World;
const MEMBER = 'VN:GOV:01:VPDKDD';
const PATH = '/v1/services/VN:GOV:00:BCA/DANCU/person-by-id/v1';
let revoked: { kid: string; privateKeyPath: string };
let expired: { kid: string; privateKeyPath: string };

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['national-population'],
    env: { LIENTHONG_PREAUTH_POINTS: '10000' },
  });
  const r = issueMemberKey({ dir: world.trustDir, memberId: MEMBER, out: join(world.dir, 'oracle', 'r') });
  revokeMemberKey({ dir: world.trustDir, memberId: MEMBER, kid: r.kid, reason: 'keyCompromise' });
  const e = issueMemberKey({
    dir: world.trustDir,
    memberId: MEMBER,
    days: 1,
    now: Date.now() - 3 * 86_400_000,
    out: join(world.dir, 'oracle', 'e'),
  });
  world.hub.runtime.deps.trust.reload();
  revoked = { kid: r.kid, privateKeyPath: r.privateKeyPath! };
  expired = { kid: e.kid, privateKeyPath: e.privateKeyPath! };
}, 60_000);
redis.beforeStop(() => world?.close());

/** A request claiming `kid`, signed with `privateKey` (an outsider's own key, or the real one). */
async function claim(
  kid: string,
  privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
) {
  const body = Buffer.from('{"personalId":"001099012345"}');
  const { headers } = signRaw({
    key: { privateKey, kid, alg: 'ES256' },
    method: 'POST',
    path: PATH,
    body,
    client: `${MEMBER}/DATDAI`,
    purpose: 'dat-dai.chuyen-nhuong',
    messageId: randomUUID(),
  });
  const res = await fetch(`${world.hub.url}${PATH}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  const problem = (await res.json()) as Record<string, unknown>;
  // Everything but the kid itself, which the answer names in its title.
  const strip = (v: unknown) => String(v).split(kid).join('<kid>');
  return {
    status: res.status,
    code: problem.code,
    title: strip(problem.title),
    titleVi: strip(problem.titleVi),
    type: problem.type,
  };
}

const own = (path: string) => createPrivateKey(readFileSync(path, 'utf8'));
const NEVER_ISSUED = 'bmV2ZXItaXNzdWVkLWtpZC1vZi10aGlzLWh1Yi0wMDA';

describe('the state of a key is told only to a request signed with it', () => {
  it('a revoked kid, not signed with its key, is answered as a kid never issued', async () => {
    const never = await claim(NEVER_ISSUED);
    expect(never).toMatchObject({ status: 401, code: 'KEY_UNKNOWN' });
    expect(await claim(revoked.kid)).toEqual(never);
  });

  it('an expired kid likewise', async () => {
    expect(await claim(expired.kid)).toEqual(await claim(NEVER_ISSUED));
  });

  it('the holder of the revoked key learns it is revoked; of the expired one, that it expired', async () => {
    expect(await claim(revoked.kid, own(revoked.privateKeyPath))).toMatchObject({
      status: 401,
      code: 'KEY_REVOKED',
    });
    expect(await claim(expired.kid, own(expired.privateKeyPath))).toMatchObject({
      status: 401,
      code: 'KEY_EXPIRED',
    });
  });

  it('a live kid with a bad signature is SIGNATURE_INVALID (its owner needs to know what to fix)', async () => {
    expect(await claim(world.key(MEMBER).kid)).toMatchObject({ status: 401, code: 'SIGNATURE_INVALID' });
  });
});
