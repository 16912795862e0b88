/**
 * The trust directory end to end: init, issue, rotate with overlap, revoke, list; the trust store over it
 * resolves each kid to the right answer at each moment, reloads, and refuses a tampered directory.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signRequest } from '../protocol/sign-request';
import { verifyRequest } from '../protocol/verify-request';
import { trustPaths } from './layout';
import { initTrust, issueMemberKey, listKeys, revokeMemberKey, rotateMemberKey } from './operations';
import { createTrustStore } from './trust-store';

const MEMBER = 'VN:GOV:79:SO-TNMT';
const DAY = 86_400_000;
const root = mkdtempSync(join(tmpdir(), 'lienthong-trust-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, 'trust');
const init = initTrust({ dir });

it('init writes the CA and hub identity, keys 0600, and refuses to run twice', () => {
  const paths = trustPaths(dir);
  expect(statSync(paths.caKey).mode & 0o777).toBe(0o600);
  expect(statSync(paths.hubKey).mode & 0o777).toBe(0o600);
  expect(new X509Certificate(readFileSync(paths.caCert)).ca).toBe(true);
  expect(JSON.parse(readFileSync(paths.revocations, 'utf8'))).toEqual([]);
  expect(() => initTrust({ dir })).toThrow(expect.objectContaining({ code: 'TRUST_DIR_EXISTS' }));
  const store = createTrustStore({ dir });
  expect(store.hubSigner).toMatchObject({ kid: init.hubKid, alg: 'ES256' });
});

it('issue generates a key (0600) in the handover dir and the store resolves its kid', () => {
  const issued = issueMemberKey({ dir, memberId: MEMBER, alg: 'EdDSA' });
  expect(issued.privateKeyPath).toBe(join(dir, 'handover', 'VN_GOV_79_SO-TNMT', `${issued.kid}.key.pem`));
  expect(statSync(issued.privateKeyPath as string).mode & 0o777).toBe(0o600);
  const store = createTrustStore({ dir });
  expect(store.resolve(issued.kid)).toMatchObject({ ok: true, memberId: MEMBER, alg: 'EdDSA' });
  expect(store.resolve('nope')).toEqual({ ok: false, code: 'KEY_UNKNOWN' });
  expect(store.resolve(issued.kid, Date.now() + 400 * DAY)).toMatchObject({ ok: false, code: 'KEY_EXPIRED' });
});

it('rotate keeps the old and the new key valid during the overlap, then retires the old one', () => {
  const dir2 = join(root, 'rotate');
  initTrust({ dir: dir2 });
  const now = Date.now();
  const first = issueMemberKey({ dir: dir2, memberId: MEMBER, now });
  const second = rotateMemberKey({ dir: dir2, memberId: MEMBER, overlapMs: 2 * DAY, now });
  expect(second.retiring).toEqual([{ kid: first.kid, retiresAt: new Date(now + 2 * DAY).toISOString() }]);
  const store = createTrustStore({ dir: dir2 });
  for (const kid of [first.kid, second.kid]) expect(store.resolve(kid, now + DAY).ok).toBe(true);
  expect(store.resolve(first.kid, now + 2 * DAY)).toMatchObject({ ok: false, code: 'KEY_EXPIRED' });
  expect(store.resolve(second.kid, now + 2 * DAY).ok).toBe(true);
  const stateAt = (at: number) =>
    Object.fromEntries(listKeys({ dir: dir2, now: at }).map((k) => [k.kid, k.state]));
  expect(stateAt(now + DAY)).toEqual({ [first.kid]: 'retiring', [second.kid]: 'active' });
  expect(stateAt(now + 3 * DAY)).toEqual({ [first.kid]: 'retired', [second.kid]: 'active' });

  // A request signed with either key verifies during the overlap; with the old one, not after it.
  const verifyWith = (kid: string, at: number) => {
    const key = {
      kid,
      alg: 'ES256' as const,
      privateKey: createPrivateKey(
        readFileSync(join(dir2, 'handover', 'VN_GOV_79_SO-TNMT', `${kid}.key.pem`)),
      ),
    };
    const path = '/v1/services/VN:GOV:01:CA-HN/DANCU/person-lookup/v1';
    const s = signRequest({
      method: 'POST',
      path,
      client: `${MEMBER}/MOTCUA`,
      purpose: 'land.transfer',
      key,
      now: at,
    });
    return verifyRequest({
      method: 'POST',
      path,
      headers: s.headers,
      body: Buffer.alloc(0),
      trust: store,
      now: at,
    });
  };
  expect(verifyWith(first.kid, now + DAY).ok).toBe(true);
  expect(verifyWith(second.kid, now + DAY).ok).toBe(true);
  expect(verifyWith(first.kid, now + 3 * DAY)).toMatchObject({ ok: false, code: 'KEY_EXPIRED' });
});

it('revoke refuses the key after reload, and list shows why', () => {
  const issued = issueMemberKey({ dir, memberId: MEMBER });
  const store = createTrustStore({ dir });
  expect(store.resolve(issued.kid).ok).toBe(true);
  const entries = revokeMemberKey({ dir, memberId: MEMBER, kid: issued.kid, reason: 'keyCompromise' });
  expect(entries).toMatchObject([{ kid: issued.kid, memberId: MEMBER, reason: 'keyCompromise' }]);
  expect(store.resolve(issued.kid).ok).toBe(true);
  store.reload();
  expect(store.resolve(issued.kid)).toMatchObject({ ok: false, code: 'KEY_REVOKED' });
  expect(listKeys({ dir, memberId: MEMBER }).find((k) => k.kid === issued.kid)).toMatchObject({
    state: 'revoked',
    revocationReason: 'keyCompromise',
  });
  expect(() => revokeMemberKey({ dir, memberId: 'VN:GOV:01:NOBODY' })).toThrow(
    expect.objectContaining({ code: 'NOT_FOUND' }),
  );
  expect(() => issueMemberKey({ dir, memberId: 'so-tnmt' })).toThrow(
    expect.objectContaining({ code: 'MEMBER_ID_INVALID' }),
  );
});

it('refuses to load a directory holding a certificate another CA issued', () => {
  const foreign = join(root, 'foreign');
  initTrust({ dir: foreign });
  const stranger = issueMemberKey({ dir: foreign, memberId: MEMBER });
  const target = join(root, 'tampered');
  initTrust({ dir: target });
  const memberDir = join(target, 'members', 'VN_GOV_79_SO-TNMT');
  issueMemberKey({ dir: target, memberId: MEMBER });
  copyFileSync(stranger.certificatePath, join(memberDir, `${stranger.kid}.cert.pem`));
  writeFileSync(
    join(memberDir, `${stranger.kid}.json`),
    readFileSync(stranger.certificatePath.replace('.cert.pem', '.json')),
  );
  expect(() => createTrustStore({ dir: target })).toThrow(/was not issued by the CA/);
});
