/**
 * Issue #10, finding 5. Threat: anyone, without a key, grows the hash-chained audit log (200 unsigned
 * requests in half a second wrote 200 records) — filling the disk, drowning real records, and making the
 * hub do signature work at the attacker's rate. Refusals before authentication are rate-limited per
 * source address, audited as one aggregate record per source and window (never one per request, and
 * never more sources per window than the configured bound), counted in a Prometheus counter, and they
 * touch no subject's access log.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import Redis from 'ioredis';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { signRequest } from '../../hub/protocol';
import { startWorld, type World } from '../../hub/sandbox/world';
import { auditLines as readAuditLines } from '../helpers/audit-lines';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
const pop = getPopulation();
const citizen = pop.person(pop.scenarios.birth.motherId)!;
const PERSON = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';
const WARD = 'VN:GOV:01:UBND-NGOCHA';
const POINTS = 30;
const MAX_SOURCES = 100;

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['national-population'],
    env: {
      LIENTHONG_PREAUTH_POINTS: String(POINTS),
      LIENTHONG_PREAUTH_DURATION_SEC: '60',
      LIENTHONG_PREAUTH_AUDIT_WINDOW_SEC: '3600',
      LIENTHONG_PREAUTH_AUDIT_MAX_SOURCES: String(MAX_SOURCES),
    },
  });
}, 60_000);
redis.beforeStop(() => world?.close());

const auditLines = () => readAuditLines(join(world.dir, 'audit'));

/** Writes what is pending: the refusals' aggregate records and the audit log's buffer. */
async function settle(): Promise<void> {
  // (Optional only so that this file also runs, and fails, on the code from before the gate.)
  await world.hub.runtime.deps.refusals?.flush();
  await world.hub.runtime.deps.audit.flush();
}

/** An unsigned POST from a given local address (loopback has all of 127.0.0.0/8). */
function unsigned(from = '127.0.0.1'): Promise<{ status: number; retryAfter?: string; signed: boolean }> {
  const url = new URL(`${world.hub.url}/v1/services/${PERSON}`);
  const body = JSON.stringify({ personalId: citizen.personalId });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-hub-client': `${WARD}/MOTCUA`,
          'x-hub-message-id': randomUUID(),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
            signed: typeof res.headers['hub-signature'] === 'string',
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const refusalMetric = async (): Promise<number> => {
  const text = await (await fetch(`${world.hub.url}/metrics`)).text();
  return [...text.matchAll(/^lienthong_refusals_before_auth_total\{[^}]*\} (\d+)/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
};

const subjectIndexKeys = async () => {
  const client = new Redis(redis.url);
  try {
    return (await client.keys('lienthong:audit:subject:*')).length;
  } finally {
    client.disconnect();
  }
};

describe('refusals before authentication', () => {
  it('200 unsigned requests from one source: one aggregate audit record, RATE_LIMITED past the budget, counted', async () => {
    await settle();
    const lines = auditLines().length;
    const subjects = await subjectIndexKeys();
    const counted = await refusalMetric();

    const answers = [];
    for (let batch = 0; batch < 10; batch++)
      answers.push(...(await Promise.all(Array.from({ length: 20 }, () => unsigned()))));

    const byStatus = answers.reduce<Record<number, number>>(
      (m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }),
      {},
    );
    expect(byStatus).toEqual({ 401: POINTS, 429: 200 - POINTS });
    expect(answers.every((a) => a.signed)).toBe(true);
    expect(answers.filter((a) => a.status === 429).every((a) => Number(a.retryAfter) >= 1)).toBe(true);

    await world.hub.runtime.deps.audit.flush();
    expect(auditLines().length).toBe(lines); // nothing yet: the window is open
    await settle();
    const added = auditLines().slice(lines);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      client: 'unauthenticated@127.0.0.1',
      outcome: 'REFUSED_BEFORE_AUTH',
      count: 200,
      outcomes: { SIGNATURE_MISSING: POINTS, RATE_LIMITED: 200 - POINTS },
    });
    expect(added[0].subject).toBeUndefined();
    expect(await subjectIndexKeys()).toBe(subjects);
    expect((await refusalMetric()) - counted).toBe(200);
  });

  it('a source over its budget still gets its signed requests answered', async () => {
    const path = `/v1/services/${PERSON}`;
    const body = Buffer.from(JSON.stringify({ personalId: citizen.personalId }));
    const { headers } = signRequest({
      method: 'POST',
      path,
      body,
      client: `${WARD}/MOTCUA`,
      purpose: 'xac-thuc.danh-tinh',
      key: world.key(WARD),
    });
    const res = await fetch(`${world.hub.url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    expect((await unsigned()).status).toBe(429);
  });

  it(`150 sources in one window: at most ${MAX_SOURCES} records of their own, the rest in one`, async () => {
    await settle();
    const lines = auditLines().length;
    const sources = Array.from(
      { length: 150 },
      (_, i) => `127.0.${1 + Math.floor(i / 200)}.${(i % 200) + 2}`,
    );
    const answers = await Promise.all(sources.map((s) => unsigned(s)));
    expect(answers.every((a) => a.status === 401)).toBe(true);
    await settle();
    const added = auditLines().slice(lines);
    expect(added).toHaveLength(MAX_SOURCES + 1);
    expect(added.reduce((n, l) => n + (l.count as number), 0)).toBe(150);
    expect(added.filter((l) => l.client === 'unauthenticated@other-sources')).toMatchObject([
      { count: 150 - MAX_SOURCES },
    ]);
  });

  it('the audit log still verifies', async () => {
    await settle();
    const { verifyAuditDir } = await import('../../hub/audit');
    const report = await verifyAuditDir(join(world.dir, 'audit'));
    expect(report.ok).toBe(true);
  });
});
