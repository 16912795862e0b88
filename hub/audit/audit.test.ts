/**
 * The writing side of the audit log: order under concurrency, batching, day segments, resuming after a
 * restart, starting a new chain after a corrupt tail, one writer per chain, and failing closed.
 */
import { existsSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createAudit } from './audit';
import { AuditUnavailableError } from './chain-writer';
import { canonicalJson } from './canonical';
import { createFileWriter } from './file-writer';
import { AuditLockedError } from './lock';
import { AuditRecordError, subjectHash } from './record';
import Redis from 'ioredis';
import { useRedis } from '../../test/helpers/redis';
import { memoryLogger, sampleRecord, SUBJECT_KEY, tempDir, testKeys, fileLines } from './testing';
import type { AuditFileWriter, AuditLine, AuditRecord } from './types';
import { verifyAuditDir } from './verify';

const keys = testKeys('ES256');
const redisServer = useRedis();
let redis: Redis;
beforeAll(() => {
  redis = new Redis(redisServer.url);
});
redisServer.beforeStop(() => redis.quit());
const dirs: string[] = [];
const newDir = (): string => {
  const dir = tempDir('audit');
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const T0 = Date.parse('2025-06-01T09:00:00+07:00');
const DAY = '2025-06-01.jsonl';

function open(dir: string, extra: Partial<Parameters<typeof createAudit>[0]> = {}) {
  return createAudit({
    dir,
    redis,
    signer: keys.signer,
    subjectKey: SUBJECT_KEY,
    nodeId: 'node-1',
    headSignIntervalMs: 0,
    logger: memoryLogger(),
    clock: () => T0,
    ...extra,
  });
}

/** A file writer that counts its write calls. */
function countingWriter(): AuditFileWriter & { calls: number } {
  const inner = createFileWriter();
  const w = {
    calls: 0,
    append: (path: string, data: string) => {
      w.calls += 1;
      return inner.append(path, data);
    },
    close: () => inner.close(),
  };
  return w;
}

const readChain = (dir: string, chain = 'node-1', day = DAY): AuditLine[] =>
  fileLines(join(dir, chain, day)).map((l) => JSON.parse(l) as AuditLine);

describe('append', () => {
  it('keeps strict call order for 5,000 appends fired without awaiting, in few writes', async () => {
    const dir = newDir();
    const writer = countingWriter();
    const audit = open(dir, { writer });
    const time = new Date(T0).toISOString();
    await Promise.all(Array.from({ length: 5000 }, (_, i) => audit.append(sampleRecord(i + 1, time))));
    const lines = readChain(dir);
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(lines.map((l) => l.messageId)).toEqual(lines.map((_, i) => sampleRecord(i + 1, time).messageId));
    // Batching: far fewer segment writes than records.
    expect(audit.stats().batches).toBeLessThan(50);
    expect(writer.calls).toBeLessThan(50);
    await audit.close();
    expect(await verifyAuditDir(dir)).toMatchObject({ ok: true, records: 5000 });
  });

  it('writes the documented line: seq, prev, the record with a hashed subject, hash', async () => {
    const dir = newDir();
    const audit = open(dir);
    const record = sampleRecord(1, '2025-06-01T09:00:00+07:00', { procedure: 'birth-registration' });
    await audit.append({ ...record, fullName: 'Nguyễn Văn A' } as AuditRecord);
    await audit.close();
    const text = readFileSync(join(dir, 'node-1', DAY), 'utf8');
    const [line] = readChain(dir);
    // The line is the canonical JSON of the line without its hash, then the hash as last member.
    const { hash, ...body } = line;
    expect(text).toBe(`${canonicalJson(body).slice(0, -1)},"hash":"${hash}"}\n`);
    expect(line).toMatchObject({
      seq: 1,
      prev: '0'.repeat(64),
      client: record.client,
      procedure: 'birth-registration',
    });
    expect(line.subject).toEqual({ kind: 'citizen', hash: subjectHash(SUBJECT_KEY, record.subject!.id) });
    expect(text).not.toContain(record.subject!.id);
    expect(text).not.toContain('Nguyễn');
  });

  it('rejects a malformed record without using up a seq', async () => {
    const dir = newDir();
    const audit = open(dir);
    const time = new Date(T0).toISOString();
    await expect(audit.append({ ...sampleRecord(1, time), time: 'yesterday' })).rejects.toBeInstanceOf(
      AuditRecordError,
    );
    await expect(audit.append({ ...sampleRecord(1, time), status: 2.5 })).rejects.toBeInstanceOf(
      AuditRecordError,
    );
    await audit.append(sampleRecord(2, time));
    await audit.close();
    expect(readChain(dir).map((l) => l.seq)).toEqual([1]);
  });

  it('refuses appends after close', async () => {
    const audit = open(newDir());
    await audit.close();
    await expect(audit.append(sampleRecord(1, new Date(T0).toISOString()))).rejects.toBeInstanceOf(
      AuditUnavailableError,
    );
  });

  it('fails closed when a write fails: the batch and every later append are refused', async () => {
    const dir = newDir();
    const logger = memoryLogger();
    const failing: AuditFileWriter = {
      append: async () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
      close: async () => undefined,
    };
    const audit = open(dir, { writer: failing, logger });
    const time = new Date(T0).toISOString();
    const results = await Promise.allSettled([1, 2, 3].map((i) => audit.append(sampleRecord(i, time))));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof AuditUnavailableError)).toBe(
      true,
    );
    await expect(audit.append(sampleRecord(4, time))).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(logger.messages.some((m) => m.level === 'error')).toBe(true);
    await audit.close();
  });
});

describe('segments and heads', () => {
  it('starts a new segment at midnight in Hà Nội (17:00 UTC), never going back', async () => {
    const dir = newDir();
    let now = Date.parse('2025-06-01T16:59:59.000Z');
    const audit = open(dir, { clock: () => now });
    await audit.append(sampleRecord(1, new Date(now).toISOString()));
    now = Date.parse('2025-06-01T17:00:00.000Z');
    await audit.append(sampleRecord(2, new Date(now).toISOString()));
    now = Date.parse('2025-06-01T16:00:00.000Z'); // the clock steps back
    await audit.append(sampleRecord(3, new Date(now).toISOString()));
    await audit.close();
    expect(readChain(dir, 'node-1', '2025-06-01.jsonl').map((l) => l.seq)).toEqual([1]);
    expect(readChain(dir, 'node-1', '2025-06-02.jsonl').map((l) => l.seq)).toEqual([2, 3]);
    expect(await verifyAuditDir(dir)).toMatchObject({ ok: true, records: 3 });
  });

  it('signs the head on a timer and on close, only when lines were added', async () => {
    const dir = newDir();
    const audit = open(dir, { headSignIntervalMs: 20 });
    await audit.append(sampleRecord(1, new Date(T0).toISOString()));
    const headsPath = join(dir, 'node-1', 'heads.jsonl');
    // Wait for the timer (generously: a loaded CI machine fires timers late).
    for (let waited = 0; !existsSync(headsPath) && waited < 5000; waited += 10) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 60));
    expect(fileLines(headsPath)).toHaveLength(1);
    await audit.append(sampleRecord(2, new Date(T0).toISOString()));
    await audit.close();
    const heads = fileLines(join(dir, 'node-1', 'heads.jsonl')).map((l) => JSON.parse(l) as { seq: number });
    expect(heads.map((h) => h.seq)).toEqual([1, 2]);
    expect(await verifyAuditDir(dir, { publicKeys: [keys.publicKey] })).toMatchObject({
      ok: true,
      records: 2,
    });
  });
});

describe('restart', () => {
  it('resumes the chain after close and reopen', async () => {
    const dir = newDir();
    const time = new Date(T0).toISOString();
    const first = open(dir);
    await Promise.all([1, 2, 3].map((i) => first.append(sampleRecord(i, time))));
    await first.close();
    const second = open(dir);
    expect(second.chain).toBe('node-1');
    await second.append(sampleRecord(4, time));
    await second.close();
    expect(readChain(dir).map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyAuditDir(dir, { publicKeys: [keys.publicKey] })).toMatchObject({
      ok: true,
      records: 4,
    });
  });

  it('starts a new chain, and says so, when the tail is corrupt', async () => {
    const dir = newDir();
    const time = new Date(T0).toISOString();
    const first = open(dir);
    await Promise.all([1, 2, 3].map((i) => first.append(sampleRecord(i, time))));
    await first.close();
    const segment = join(dir, 'node-1', DAY);
    truncateSync(segment, statSync(segment).size - 10);
    const logger = memoryLogger();
    const second = open(dir, { logger });
    expect(second.chain).toBe('node-1~2');
    expect(logger.messages).toContainEqual(
      expect.objectContaining({
        level: 'error',
        obj: expect.objectContaining({ chain: 'node-1', newChain: 'node-1~2' }),
      }),
    );
    await second.append(sampleRecord(4, time));
    await second.close();
    expect(readChain(dir, 'node-1~2').map((l) => l.seq)).toEqual([1]);
    // The broken chain stays broken as evidence; the new one is whole.
    const result = await verifyAuditDir(dir);
    expect(result).toMatchObject({
      ok: false,
      firstBad: { chain: 'node-1', line: 3, reason: 'unparseable' },
    });
    // The next restart continues the newest chain.
    const third = open(dir);
    expect(third.chain).toBe('node-1~2');
    await third.close();
  });

  it('starts a new chain when lines were removed behind a signed head', async () => {
    const dir = newDir();
    const time = new Date(T0).toISOString();
    const first = open(dir);
    await Promise.all([1, 2, 3].map((i) => first.append(sampleRecord(i, time))));
    await first.close();
    const segment = join(dir, 'node-1', DAY);
    const lines = readFileSync(segment, 'utf8').split('\n');
    truncateSync(segment, Buffer.byteLength(lines.slice(0, 2).join('\n') + '\n'));
    const second = open(dir);
    expect(second.chain).toBe('node-1~2');
    await second.close();
  });

  it('takes a pino logger as it is', async () => {
    const audit = open(newDir(), { logger: pino({ level: 'silent' }) });
    await audit.append(sampleRecord(1, new Date(T0).toISOString()));
    await audit.close();
  });

  it('takes over a lock left by an earlier run with the same pid (a restarted container)', async () => {
    const dir = newDir();
    const first = open(dir);
    await first.close();
    const lock = JSON.stringify({ host: hostname(), pid: process.pid, since: '2025-01-01T00:00:00.000Z' });
    writeFileSync(join(dir, 'node-1', 'LOCK'), lock);
    const second = open(dir);
    expect(second.chain).toBe('node-1');
    await second.close();
  });

  it('refuses a lock another host still touches, and takes over one it left stale', async () => {
    const dir = newDir();
    await open(dir).close();
    const lockPath = join(dir, 'node-1', 'LOCK');
    writeFileSync(
      lockPath,
      JSON.stringify({ host: 'other-host', pid: 1, since: '2025-01-01T00:00:00.000Z' }),
    );
    expect(() => open(dir)).toThrow(AuditLockedError);
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockPath, old, old);
    await open(dir).close();
  });

  it('refuses a second live writer on the same chain', async () => {
    const dir = newDir();
    const first = open(dir);
    expect(() => open(dir)).toThrow(AuditLockedError);
    await first.close();
    expect(existsSync(join(dir, 'node-1', 'LOCK'))).toBe(false);
  });
});
