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
 */
import type { Redis } from 'ioredis';
import { QUEUE_PREFIX } from './queues';

export type Turn = 'go' | 'wait' | 'done';

const TTL_SEC = 30 * 86_400;

/** What `jobs` holds for a number that carries no delivery. */
const VOID = '-';

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

// KEYS: next, jobs. ARGV: seq, now, acceptedAtMs, gapTimeoutMs, ttl
const CHECK = `${SKIP_VOID}
local nxt = skipVoid(tonumber(redis.call('GET', KEYS[1]) or '1'))
local seq = tonumber(ARGV[1])
if nxt == seq then return 'go' end
if nxt > seq then return 'done' end
if redis.call('HEXISTS', KEYS[2], tostring(nxt)) == 0 and (tonumber(ARGV[2]) - tonumber(ARGV[3])) > tonumber(ARGV[4]) then
  redis.call('SET', KEYS[1], nxt + 1, 'EX', ARGV[5])
  if skipVoid(nxt + 1) == seq then return 'go' end
end
return 'wait'
`;

// KEYS: next, jobs. ARGV: seq, _, _, _, ttl. Returns the job id of the next delivery, or false.
const ADVANCE = `${SKIP_VOID}
local nxt = tonumber(redis.call('GET', KEYS[1]) or '1')
if nxt ~= tonumber(ARGV[1]) then return false end
redis.call('SET', KEYS[1], nxt + 1, 'EX', ARGV[5])
redis.call('HDEL', KEYS[2], tostring(nxt))
return redis.call('HGET', KEYS[2], tostring(skipVoid(nxt + 1)))
`;

export interface Ordering {
  /** Numbers a new delivery of `key` (1, 2, 3 …). */
  assign(destination: string, key: string): Promise<number>;
  /** Records that delivery `seq` of `key` is in the queue as job `jobId`. */
  register(destination: string, key: string, seq: number, jobId: string): Promise<void>;
  /** Records that `seq` of `key` carries no delivery: its turn is skipped. */
  skip(destination: string, key: string, seq: number): Promise<void>;
  /** Whose turn is it: go (yours), wait (an earlier one is pending), done (yours has passed). */
  check(destination: string, key: string, seq: number, acceptedAtMs: number): Promise<Turn>;
  /** Ends `seq`'s turn; returns the job id of the next delivery when there is one. */
  advance(destination: string, key: string, seq: number): Promise<string | undefined>;
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
      );
    },
    async check(destination, key, seq, acceptedAtMs) {
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
      )) as Turn;
    },
    async advance(destination, key, seq) {
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
      );
      return typeof next === 'string' ? next : undefined;
    },
  };
}
