/**
 * The data tracker on a real Redis: a subject's reads come back newest first and page exactly, are kept
 * apart from other subjects', are capped and expire per the retention, go out in one pipeline per
 * batch, and nowhere in Redis (keys or values) or on disk is a personal ID in clear.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { useRedis } from '../../test/helpers/redis';
import { toAccessLogResponse } from './access-log-response';
import { createAudit, type Audit } from './audit';
import { rebuildSubjectIndex } from './reindex';
import { AccessLogQueryError, createSubjectIndex } from './subject-index';
import { memoryLogger, sampleRecord, SUBJECT_KEY, tempDir, testKeys } from './testing';
import type { AuditOptions } from './options';

const keys = testKeys('EdDSA');
const ALICE = '079203012345';
const BOB = '001185000777';
const T0 = Date.parse('2025-06-01T09:00:00+07:00');

let redis: Redis;
const dirs: string[] = [];
const audits: Audit[] = [];

// Hooks run in declaration order: quit the client before useRedis() stops the server.
afterAll(async () => {
  await redis.quit();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const server = useRedis();
beforeAll(() => {
  redis = new Redis(server.url);
});
beforeEach(async () => {
  await redis.flushdb();
});
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

function open(extra: Partial<AuditOptions> = {}): Audit {
  const dir = tempDir('audit-index');
  dirs.push(dir);
  const audit = createAudit({
    dir,
    redis,
    signer: keys.signer,
    subjectKey: SUBJECT_KEY,
    nodeId: `node-${dirs.length}`,
    headSignIntervalMs: 0,
    logger: memoryLogger(),
    clock: () => T0,
    ...extra,
  });
  audits.push(audit);
  return audit;
}

const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** Alice is read at minutes 1…n by alternating members; Bob once, at minute 100. */
async function seed(audit: Audit, n: number): Promise<void> {
  const writes = Array.from({ length: n }, (_, i) =>
    audit.append(
      sampleRecord(i + 1, at(i + 1), {
        subject: { kind: 'citizen', id: ALICE },
        client: i % 2 === 0 ? 'VN:GOV:79:UBND-P-BEN-NGHE/mot-cua' : 'VN:GOV:79:BHXH/gia-han-the',
      }),
    ),
  );
  writes.push(
    audit.append(sampleRecord(1000, at(100), { subject: { kind: 'citizen', id: BOB }, purpose: 'THUE' })),
  );
  await Promise.all(writes);
  await audit.flush();
}

describe('accessLog', () => {
  it('returns the newest entries first, with who, when, what and why', async () => {
    const audit = open();
    await seed(audit, 5);
    const entries = await audit.accessLog(ALICE);
    expect(entries.map((e) => e.time)).toEqual([at(5), at(4), at(3), at(2), at(1)]);
    expect(entries[0]).toMatchObject({
      client: 'VN:GOV:79:UBND-P-BEN-NGHE/mot-cua',
      service: 'VN:GOV:00:BCA/csdl-dan-cu/person/v1',
      purpose: 'CU_TRU',
      fields: ['fullName', 'dateOfBirth', 'permanentResidence'],
      outcome: 'ok',
      status: 200,
      messageId: sampleRecord(5, at(5)).messageId,
    });
  });

  it("keeps one subject's entries apart from another's", async () => {
    const audit = open();
    await seed(audit, 5);
    const bob = await audit.accessLog(BOB);
    expect(bob).toHaveLength(1);
    expect(bob[0]).toMatchObject({ purpose: 'THUE', time: at(100) });
    expect(await audit.accessLog('079203099999')).toEqual([]);
    // The same person written with spaces is the same subject.
    expect(await audit.accessLog('001 185 000 777')).toHaveLength(1);
  });

  it('pages exactly with the cursor, also across entries with the same time from two nodes', async () => {
    const a = open();
    const b = open();
    const same = at(50);
    await Promise.all(
      [1, 2, 3].flatMap((i) => [
        a.append(sampleRecord(i, same, { subject: { kind: 'citizen', id: ALICE } })),
        b.append(sampleRecord(10 + i, same, { subject: { kind: 'citizen', id: ALICE } })),
      ]),
    );
    await Promise.all([a.flush(), b.flush()]);
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const entries = await a.accessLog(ALICE, { limit: 4, before });
      const body = toAccessLogResponse(entries, { limit: 4 });
      seen.push(...body.entries.map((e) => e.messageId));
      if (body.next === null) break;
      before = body.next;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('accepts an ISO time as `before`, and refuses a bad limit or before', async () => {
    const audit = open();
    await seed(audit, 5);
    const older = await audit.accessLog(ALICE, { before: at(3) });
    expect(older.map((e) => e.time)).toEqual([at(2), at(1)]);
    await expect(audit.accessLog(ALICE, { limit: 0 })).rejects.toBeInstanceOf(AccessLogQueryError);
    await expect(audit.accessLog(ALICE, { before: 'last tuesday' })).rejects.toBeInstanceOf(
      AccessLogQueryError,
    );
  });

  it('keeps only the newest entries per subject, with the retention as TTL', async () => {
    const audit = open({ maxEntriesPerSubject: 3, retentionDays: 30 });
    await seed(audit, 5);
    const entries = await audit.accessLog(ALICE);
    expect(entries.map((e) => e.time)).toEqual([at(5), at(4), at(3)]);
    const [key] = await redis.keys('lienthong:audit:subject:*');
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(29 * 86_400_000);
    expect(ttl).toBeLessThanOrEqual(30 * 86_400_000);
  });

  it('sets no TTL when retention is off', async () => {
    const audit = open({ retentionDays: null });
    await seed(audit, 2);
    for (const key of await redis.keys('*')) expect(await redis.pttl(key)).toBe(-1);
  });

  it('uses one pipeline per written batch, not one round trip per record', async () => {
    const pipelines = jest.spyOn(redis, 'pipeline');
    const zadds = jest.spyOn(redis, 'zadd');
    const audit = open();
    await seed(audit, 500);
    expect(pipelines.mock.calls.length).toBeLessThanOrEqual(audit.stats().batches);
    expect(pipelines.mock.calls.length).toBeLessThan(50);
    expect(zadds).not.toHaveBeenCalled();
    pipelines.mockRestore();
    zadds.mockRestore();
    expect(await audit.accessLog(ALICE, { limit: 1000 })).toHaveLength(500);
  });
});

describe('rebuildSubjectIndex', () => {
  it('restores the index from the files after Redis lost it', async () => {
    const audit = open();
    await seed(audit, 30);
    const before = await audit.accessLog(ALICE, { limit: 100 });
    await audit.close();
    await redis.flushdb();
    expect(await audit.accessLog(ALICE)).toEqual([]);
    const index = createSubjectIndex({ redis, subjectKey: SUBJECT_KEY, clock: () => T0 });
    expect(await rebuildSubjectIndex(dirs[dirs.length - 1], index)).toBe(31);
    expect(await index.accessLog(ALICE, { limit: 100 })).toEqual(before);
    // Running it again changes nothing.
    await rebuildSubjectIndex(dirs[dirs.length - 1], index);
    expect(await index.accessLog(ALICE, { limit: 100 })).toEqual(before);
  });
});

describe('no personal ID in clear', () => {
  it('appears in no Redis key or value, and in no audit file', async () => {
    const audit = open();
    await seed(audit, 20);
    await audit.close();
    const keysSeen: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
      keysSeen.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    expect(keysSeen.length).toBeGreaterThanOrEqual(2);
    for (const key of keysSeen) {
      expect(key).not.toContain(ALICE);
      expect(key).not.toContain(BOB);
      const type = await redis.type(key);
      expect(type).toBe('zset');
      const values = (await redis.zrange(key, 0, -1)).join('\n');
      expect(values).not.toContain(ALICE);
      expect(values).not.toContain(BOB);
    }
    const dir = dirs[dirs.length - 1];
    for (const chain of readdirSync(dir)) {
      for (const file of readdirSync(join(dir, chain))) {
        const text = readFileSync(join(dir, chain, file), 'utf8');
        expect(text).not.toContain(ALICE);
        expect(text).not.toContain(BOB);
      }
    }
  });
});
