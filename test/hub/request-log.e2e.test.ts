/**
 * The hub's request log answers "who, what, why" (issue #12): each line names the member and its
 * subsystem, the service, the problem code and the upstream — and nothing personal. A malformed upstream
 * answer is logged as "… 502 UPSTREAM_MALFORMED … upstream national-population", not as pino-http's
 * generic "failed with status code 502".
 */
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { startWorld, type World } from '../../hub/sandbox/world';
import { captureLog } from '../helpers/log-capture';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
const pop = getPopulation();
const mother = pop.person(pop.scenarios.birth.motherId)!;
const PERSON = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';
const WARD = 'VN:GOV:01:UBND-NGOCHA';

const { logger, lines } = captureLog();

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['national-population'],
    logger: logger,
  });
}, 30_000);
redis.beforeStop(() => world?.close());

/** The request log line of one message id. */
const lineOf = async (messageId: string) => {
  const deadline = Date.now() + 5000;
  for (;;) {
    const l = lines.find((x) => (x.req as { messageId?: string } | undefined)?.messageId === messageId);
    if (l) return l;
    if (Date.now() > deadline) throw new Error(`no request log line for ${messageId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

it('names member, subsystem, service and upstream on a successful exchange', async () => {
  const res = await world.client(WARD, 'MOTCUA').call(PERSON, {
    purpose: 'xac-thuc.danh-tinh',
    body: { personalId: mother.personalId },
  });
  expect(res.status).toBe(200);
  expect(await lineOf(res.messageId)).toMatchObject({
    level: 30,
    member: WARD,
    client: `${WARD}/MOTCUA`,
    service: PERSON,
    code: 'ok',
    upstream: 'national-population',
    res: { status: 200 },
    msg: `POST /v1/services/${PERSON} 200 from ${WARD}/MOTCUA upstream national-population`,
  });
});

it('names the problem code of a refusal', async () => {
  const res = await world.client(WARD, 'MOTCUA').call(PERSON, {
    purpose: 'dat-dai.chuyen-nhuong',
    body: { personalId: mother.personalId },
  });
  expect(res.status).toBe(403);
  expect(await lineOf(res.messageId)).toMatchObject({
    level: 40,
    member: WARD,
    service: PERSON,
    code: 'FORBIDDEN_PURPOSE',
    msg: expect.stringContaining('403 FORBIDDEN_PURPOSE'),
  });
});

it('names the upstream of a malformed answer instead of "failed with status code 502"', async () => {
  world.simulators['national-population'].setFaults({ malformed: 'html' });
  try {
    const res = await world.client(WARD, 'MOTCUA').call(PERSON, {
      purpose: 'xac-thuc.danh-tinh',
      body: { personalId: mother.personalId },
    });
    expect(res.status).toBe(502);
    const line = await lineOf(res.messageId);
    expect(line).toMatchObject({
      level: 50,
      code: 'UPSTREAM_MALFORMED',
      upstream: 'national-population',
      member: WARD,
      msg: `POST /v1/services/${PERSON} 502 UPSTREAM_MALFORMED from ${WARD}/MOTCUA upstream national-population`,
    });
    expect(line.err).toBeUndefined();
  } finally {
    world.simulators['national-population'].resetFaults();
  }
  expect(JSON.stringify(lines)).not.toContain('failed with status code');
});

it('carries no personal data', () => {
  const all = JSON.stringify(lines);
  expect(all).not.toContain(mother.personalId);
  expect(all).not.toContain(mother.fullName);
});
