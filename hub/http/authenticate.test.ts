/**
 * authenticate(): the replay check and the rate limit go to Redis together, yet the outcome is as if they
 * ran in turn — a replay is refused (REPLAYED, even over the limit) and costs its member no point; a fresh
 * request over the limit is refused with RATE_LIMITED and a Retry-After.
 */
import type { Request } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { HubDeps } from '../context';
import { signRequest, type ReplayCache } from '../protocol';
import { createTestPki } from '../trust/test-support';
import { authenticate, type Caller } from './authenticate';
import { HubError } from './problem';

const MEMBER = 'VN:GOV:01:UBND-NGOCHA';
const PATH = '/v1/services/VN:GOV:00:BCA/DANCU/person-by-id/v1';
const pki = createTestPki();
const key = pki.issue(MEMBER, 'ES256');
const trust = pki.store();

/** An in-memory replay cache, like the Redis one: true the first time a (kid, message id) pair is seen. */
function memoryReplay(): ReplayCache {
  const seen = new Set<string>();
  return {
    async checkAndRemember(kid, messageId) {
      const k = `${kid}:${messageId.toLowerCase()}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    },
  };
}

function setup(points: number) {
  const rateLimiter = new RateLimiterMemory({ points, duration: 60 });
  const deps = {
    trust,
    config: {
      hub: { limits: { iatWindowSec: 60 } },
      members: [{ id: MEMBER, name: 'test', subsystems: ['MOTCUA'] }],
    },
    replay: memoryReplay(),
    rateLimiter,
  } as unknown as HubDeps;
  return { deps, rateLimiter };
}

function request(messageId?: string): { req: Request; raw: Buffer } {
  const raw = Buffer.from('{"personalId":"001099012345"}');
  const signed = signRequest({
    method: 'POST',
    path: PATH,
    body: raw,
    client: `${MEMBER}/MOTCUA`,
    purpose: 'ho-tich.khai-sinh',
    messageId,
    key,
  });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = v;
  return { req: { method: 'POST', originalUrl: PATH, path: PATH, headers } as unknown as Request, raw };
}

async function outcome(deps: HubDeps, r: { req: Request; raw: Buffer }): Promise<string> {
  const caller: Caller = {};
  try {
    await authenticate(deps, r.req, r.raw, caller);
    return 'ok';
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    return err.extra.headers?.['retry-after'] ? `${err.code} retry-after` : err.code;
  }
}

const consumed = async (limiter: RateLimiterMemory) => (await limiter.get(MEMBER))?.consumedPoints ?? 0;

describe('authenticate: replay check and rate limit', () => {
  it('passes a fresh request and counts one point', async () => {
    const { deps, rateLimiter } = setup(5);
    expect(await outcome(deps, request())).toBe('ok');
    expect(await consumed(rateLimiter)).toBe(1);
  });

  it('refuses a replay without costing the member a point', async () => {
    const { deps, rateLimiter } = setup(5);
    const first = request();
    expect(await outcome(deps, first)).toBe('ok');
    expect(await outcome(deps, first)).toBe('REPLAYED');
    expect(await consumed(rateLimiter)).toBe(1);
  });

  it('refuses a fresh request over the limit with a Retry-After', async () => {
    const { deps } = setup(1);
    expect(await outcome(deps, request())).toBe('ok');
    expect(await outcome(deps, request())).toBe('RATE_LIMITED retry-after');
  });

  it('answers REPLAYED, not RATE_LIMITED, for a replay over the limit, and gives its point back', async () => {
    const { deps, rateLimiter } = setup(1);
    const first = request();
    expect(await outcome(deps, first)).toBe('ok');
    expect(await outcome(deps, first)).toBe('REPLAYED');
    expect(await consumed(rateLimiter)).toBe(1);
  });
});
