/**
 * Dossiers in Redis: one JSON document per dossier, changed with optimistic concurrency (compare-and-set in
 * a Lua script, retried) so parallel steps finishing on the same or different workers never lose each
 * other's update. Not WATCH/MULTI: WATCH belongs to a connection, and concurrent updates sharing this
 * process's connection would clear each other's watch and overwrite each other. Codes are
 * `<unit>-<yyMMdd>-<nnnn>`, numbered per unit and day. Each procedure keeps an index of its dossiers
 * by reception time (for the KPIs); the unfinished ones are a set (for the sweeps and the overdue list).
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QUEUE_PREFIX } from '../../queue';
import type { DossierDoc } from './types';

const key = (code: string) => `${QUEUE_PREFIX}:dossier:${code}`;
const ACTIVE = `${QUEUE_PREFIX}:dossiers:active`;
/** Dossier codes of a procedure scored by reception time (epoch ms): the index of the KPIs. */
const received = (procedure: string) => `${QUEUE_PREFIX}:dossiers:received:${procedure}`;
/** How many documents one MGET reads. */
const BATCH = 200;

/** KEYS: dossier, active set. ARGV: document as read, new document, 1 when finished. 0 when it changed meanwhile. */
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[3] == '1' then redis.call('SREM', KEYS[2], ARGV[4]) end
return 1`;

/** Which item of which step of which dossier a confirmation completes. */
export interface AwaitRef {
  dossier: string;
  step: string;
  item: number;
}

const awaitKey = (event: string, key: string) =>
  `${QUEUE_PREFIX}:await:${event}:${createHash('sha256').update(key).digest('base64url')}`;

export interface DossierStore {
  newCode(unit: string, at: Date): Promise<string>;
  create(doc: DossierDoc): Promise<void>;
  get(code: string): Promise<DossierDoc | undefined>;
  /** Applies `fn` atomically; `fn` may be run again when another writer got there first. */
  update<T>(code: string, fn: (doc: DossierDoc) => T): Promise<{ doc: DossierDoc; result: T } | undefined>;
  /** Dossiers not finished yet (for the reconciliation sweep and the overdue list). */
  active(): Promise<string[]>;
  /** Keeps a prefill's reads for the submission that follows it, for `ttlSec`. */
  savePrefill(id: string, value: string, ttlSec: number): Promise<void>;
  /** A prefill's reads, once (the key is removed as it is read); undefined when gone. */
  takePrefill(id: string): Promise<string | undefined>;
  /** Records that an external confirmation (`event`, `key`) completes an item of a dossier's step. */
  expect(event: string, key: string, ref: AwaitRef): Promise<void>;
  /** The item an external confirmation completes, if any is waiting for it. */
  expected(event: string, key: string): Promise<AwaitRef | undefined>;
  /** Forgets a confirmation once it has been used. */
  unexpect(event: string, key: string): Promise<void>;
  /** Dossiers by code, in batches; unknown codes are left out. */
  getMany(codes: string[]): Promise<DossierDoc[]>;
  /** Codes of a procedure's dossiers received in [from, to) (epoch ms), oldest first, at most `limit`. */
  receivedBetween(procedure: string, from: number, to: number, limit: number): Promise<string[]>;
}

export function createDossierStore(redis: Redis): DossierStore {
  return {
    async newCode(unit, at) {
      const local = new Date(at.getTime() + 7 * 3600_000).toISOString();
      const day = local.slice(2, 4) + local.slice(5, 7) + local.slice(8, 10);
      const counter = `${QUEUE_PREFIX}:dossier-seq:${unit}:${day}`;
      const [[, n]] = (await redis
        .multi()
        .incr(counter)
        .expire(counter, 3 * 86_400)
        .exec()) as [[Error | null, number]];
      return `${unit}-${day}-${String(n).padStart(4, '0')}`;
    },
    async create(doc) {
      await redis
        .multi()
        .set(key(doc.code), JSON.stringify(doc))
        .sadd(ACTIVE, doc.code)
        .zadd(received(doc.procedure), Date.parse(doc.receivedAt), doc.code)
        .exec();
    },
    async savePrefill(id, value, ttlSec) {
      await redis.set(`${QUEUE_PREFIX}:prefill:${id}`, value, 'EX', ttlSec);
    },
    async takePrefill(id) {
      return (await redis.getdel(`${QUEUE_PREFIX}:prefill:${id}`)) ?? undefined;
    },
    async expect(event, key, ref) {
      await redis.set(awaitKey(event, key), JSON.stringify(ref));
    },
    async expected(event, key) {
      const raw = await redis.get(awaitKey(event, key));
      return raw ? (JSON.parse(raw) as AwaitRef) : undefined;
    },
    async unexpect(event, key) {
      await redis.del(awaitKey(event, key));
    },
    async getMany(codes) {
      const out: DossierDoc[] = [];
      for (let i = 0; i < codes.length; i += BATCH) {
        const raws = await redis.mget(codes.slice(i, i + BATCH).map(key));
        for (const raw of raws) if (raw) out.push(JSON.parse(raw) as DossierDoc);
      }
      return out;
    },
    receivedBetween: (procedure, from, to, limit) =>
      redis.zrangebyscore(received(procedure), from, `(${to}`, 'LIMIT', 0, limit),
    async get(code) {
      const raw = await redis.get(key(code));
      return raw ? (JSON.parse(raw) as DossierDoc) : undefined;
    },
    async update(code, fn) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const raw = await redis.get(key(code));
        if (!raw) return undefined;
        const doc = JSON.parse(raw) as DossierDoc;
        const result = fn(doc);
        // Finished: ended, or processed (9) with the result not on its way by post.
        const finished =
          [3, 7, 8, 10].includes(doc.status) || (doc.status === 9 && doc.resultDelivery !== 'posting');
        const ok = await redis.eval(
          COMPARE_AND_SET,
          2,
          key(code),
          ACTIVE,
          raw,
          JSON.stringify(doc),
          finished ? '1' : '0',
          code,
        );
        if (ok === 1) return { doc, result };
      }
      throw new Error(`dossier ${code}: too much contention`);
    },
    active: () => redis.smembers(ACTIVE),
  };
}
