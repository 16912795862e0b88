/**
 * Order per key (e.g. per dossier) for one destination: each ordered delivery gets a sequence number at
 * acceptance; only the delivery whose number is `next` may be delivered; when it ends (delivered or dead)
 * `next` advances by compare-and-set and the following delivery, if it is waiting, is promoted at once.
 * Open-source BullMQ has no groups, so this is the scheme DESIGN.md suggests: a per-key sequence in
 * Redis and at most one delivery per key in flight. A later delivery waits while an earlier one retries;
 * other keys are not held up.
 *
 * A sequence number whose job never reached the queue (the API failed between numbering and adding) is
 * skipped once a later delivery of the key has waited `gapTimeoutMs`, so one lost request cannot block a
 * dossier for ever. A number known to carry no delivery (two hub processes accepted the same idempotency
 * key at once: the job kept the winner's number) is voided and skipped at once.
 *
 * A turn that has passed says "done" only for the delivery that was delivered in it: advance() records
 * who was delivered, and check() answers `done` for that job id only. Any other run of a delivery whose
 * turn has passed — one that was dead-lettered and is run again by a BullMQ retry (the dashboard, a
 * script) rather than the redrive, one whose number was skipped as a gap because the hub stopped between
 * adding it and registering it — is `late`: it was never delivered, and takes a new place at the end.
 * (Position alone cannot tell a delivered turn from a dead-lettered or skipped one; believing it did
 * report an undelivered dead letter as "delivered already".)
 */
import type { Redis } from 'ioredis';
import { QUEUE_PREFIX } from './queues';

/**
 * go: its turn; wait: an earlier delivery is pending; done: this delivery was delivered in its turn
 * (a second run after its worker stopped); late: its turn passed without it being delivered.
 */
export type Turn = 'go' | 'wait' | 'done' | 'late';

/** How a turn ended: the delivery was delivered (by job id), or it was dead-lettered. */
export type TurnOutcome = { delivered: string } | 'dead';

const TTL_SEC = 30 * 86_400;

/** What `jobs` holds for a number that carries no delivery. */
const VOID = '-';
/** What `jobs` holds, before the job id, for a number whose delivery was delivered in its turn. */
const DELIVERED = '+';

// Moves `next` past voided numbers (a Lua function for the scripts below: KEYS next, jobs; ARGV[5] ttl).
const SKIP_VOID = `
local function skipVoid(nxt)
  while redis.call('HGET', KEYS[2], tostring(nxt)) == '${VOID}' do
    redis.call('HDEL', KEYS[2], tostring(nxt))
    nxt = nxt + 1
    redis.call('SET', KEYS[1], nxt, 'EX', ARGV[5])
  end
  return nxt
end
`;

// KEYS: next, jobs. ARGV: seq, now, acceptedAtMs, gapTimeoutMs, ttl, jobId
const CHECK = `${SKIP_VOID}
local nxt = skipVoid(tonumber(redis.call('GET', KEYS[1]) or '1'))
local seq = tonumber(ARGV[1])
if nxt == seq then return 'go' end
if nxt > seq then
  if ARGV[6] ~= '' and redis.call('HGET', KEYS[2], ARGV[1]) == '${DELIVERED}' .. ARGV[6] then return 'done' end
  return 'late'
end
if redis.call('HEXISTS', KEYS[2], tostring(nxt)) == 0 and (tonumber(ARGV[2]) - tonumber(ARGV[3])) > tonumber(ARGV[4]) then
  redis.call('SET', KEYS[1], nxt + 1, 'EX', ARGV[5])
  if skipVoid(nxt + 1) == seq then return 'go' end
end
return 'wait'
`;

// KEYS: next, jobs. ARGV: seq, _, _, _, ttl, delivered job id ('' when dead-lettered).
// Returns the job id of the next delivery, or false.
const ADVANCE = `${SKIP_VOID}
local nxt = tonumber(redis.call('GET', KEYS[1]) or '1')
if nxt ~= tonumber(ARGV[1]) then return false end
redis.call('SET', KEYS[1], nxt + 1, 'EX', ARGV[5])
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[2], tostring(nxt), '${DELIVERED}' .. ARGV[6])
  redis.call('EXPIRE', KEYS[2], ARGV[5])
else
  redis.call('HDEL', KEYS[2], tostring(nxt))
end
return redis.call('HGET', KEYS[2], tostring(skipVoid(nxt + 1)))
`;

export interface Ordering {
  /** Numbers a new delivery of `key` (1, 2, 3 …). */
  assign(destination: string, key: string): Promise<number>;
  /** Records that delivery `seq` of `key` is in the queue as job `jobId`. */
  register(destination: string, key: string, seq: number, jobId: string): Promise<void>;
  /** Records that `seq` of `key` carries no delivery: its turn is skipped. */
  skip(destination: string, key: string, seq: number): Promise<void>;
  /** Whose turn is it for job `jobId` numbered `seq` (see {@link Turn}). */
  check(destination: string, key: string, seq: number, acceptedAtMs: number, jobId: string): Promise<Turn>;
  /** Ends `seq`'s turn with its outcome; returns the job id of the next delivery when there is one. */
  advance(destination: string, key: string, seq: number, outcome: TurnOutcome): Promise<string | undefined>;
}

export function createOrdering(redis: Redis, opts: { gapTimeoutMs?: number } = {}): Ordering {
  const gap = opts.gapTimeoutMs ?? 30_000;
  const k = (destination: string, key: string, what: string) =>
    `${QUEUE_PREFIX}:order:${destination}:${key}:${what}`;
  const register = async (destination: string, key: string, seq: number, jobId: string) => {
    await redis
      .multi()
      .hset(k(destination, key, 'jobs'), String(seq), jobId)
      .expire(k(destination, key, 'jobs'), TTL_SEC)
      .exec();
  };
  return {
    async assign(destination, key) {
      const [[, seq]] = (await redis
        .multi()
        .incr(k(destination, key, 'seq'))
        .expire(k(destination, key, 'seq'), TTL_SEC)
        .exec()) as [[Error | null, number]];
      return seq;
    },
    register,
    async skip(destination, key, seq) {
      await register(destination, key, seq, VOID);
      // If the void number's turn has come already, move past it now.
      await redis.eval(
        CHECK,
        2,
        k(destination, key, 'next'),
        k(destination, key, 'jobs'),
        0,
        0,
        0,
        gap,
        TTL_SEC,
        '',
      );
    },
    async check(destination, key, seq, acceptedAtMs, jobId) {
      return (await redis.eval(
        CHECK,
        2,
        k(destination, key, 'next'),
        k(destination, key, 'jobs'),
        seq,
        Date.now(),
        acceptedAtMs,
        gap,
        TTL_SEC,
        jobId,
      )) as Turn;
    },
    async advance(destination, key, seq, outcome) {
      const next = await redis.eval(
        ADVANCE,
        2,
        k(destination, key, 'next'),
        k(destination, key, 'jobs'),
        seq,
        0,
        0,
        0,
        TTL_SEC,
        outcome === 'dead' ? '' : outcome.delivered,
      );
      return typeof next === 'string' ? next : undefined;
    },
  };
}
