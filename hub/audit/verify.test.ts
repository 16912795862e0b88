/**
 * verifyAuditDir against a signed chain of 1,000 records over three daily segments, then against each
 * kind of tampering: every one must be caught, at the right file, line and seq, for the right reason.
 */
import Redis from 'ioredis';
import { useRedis } from '../../test/helpers/redis';
import { cpSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAuditDir } from './verify';
import { buildChain, fileLines, rechain, tempDir, testKeys, writeLines } from './testing';
import { signHead } from './heads';
import type { AuditLine, HeadRecord } from './types';

const keys = testKeys('ES256');
const NODE = 'hub-a';
// 2025-03-10 20:00 in Hà Nội; a record every 3 minutes: 80 on the 10th, 480 on the 11th, 440 on the 12th.
const START = Date.parse('2025-03-10T20:00:00+07:00');
const SEG = ['2025-03-10.jsonl', '2025-03-11.jsonl', '2025-03-12.jsonl'];

let fixture: string;
const dirs: string[] = [];

const redisServer = useRedis();
let redis: Redis;
beforeAll(() => {
  redis = new Redis(redisServer.url);
});
redisServer.beforeStop(() => redis.quit());

beforeAll(async () => {
  fixture = tempDir('audit-fixture');
  const { audit } = await buildChain({ dir: fixture, nodeId: NODE, signer: keys.signer, redis }, 1000, {
    start: START,
    stepMs: 3 * 60_000,
    headEvery: 100,
  });
  await audit.close();
});

afterAll(() => {
  for (const d of [fixture, ...dirs]) rmSync(d, { recursive: true, force: true });
});

/** A fresh copy of the fixture to tamper with; returns the chain directory. */
function copy(): { dir: string; chainDir: string } {
  const dir = tempDir('audit-tamper');
  dirs.push(dir);
  cpSync(fixture, dir, { recursive: true });
  return { dir, chainDir: join(dir, NODE) };
}

const verifyWithKey = (dir: string) =>
  verifyAuditDir(dir, { publicKeys: { [keys.signer.kid]: keys.publicKey } });

describe('an untouched chain', () => {
  it('has three daily segments (UTC+7 days) and ten heads', () => {
    expect(fileLines(join(fixture, NODE, SEG[0]))).toHaveLength(80);
    expect(fileLines(join(fixture, NODE, SEG[1]))).toHaveLength(480);
    expect(fileLines(join(fixture, NODE, SEG[2]))).toHaveLength(440);
    expect(fileLines(join(fixture, NODE, 'heads.jsonl'))).toHaveLength(10);
  });

  it('verifies: ok 1000 records, signatures checked', async () => {
    const result = await verifyWithKey(fixture);
    expect(result).toMatchObject({ ok: true, records: 1000, signaturesChecked: true });
    expect(result.chains).toEqual([
      { chain: NODE, records: 1000, lastSeq: 1000, segments: 3, heads: 10, signedThrough: 1000 },
    ]);
  });

  it('verifies without keys, saying signatures were not checked', async () => {
    expect(await verifyAuditDir(fixture)).toMatchObject({
      ok: true,
      records: 1000,
      signaturesChecked: false,
    });
  });
});

describe('tampering is caught at the first broken record', () => {
  it('a character changed in a middle line: altered', async () => {
    const { dir, chainDir } = copy();
    const path = join(chainDir, SEG[1]);
    const lines = fileLines(path);
    lines[199] = lines[199].replace('UBND-P-BEN-NGHE', 'UBND-P-BEN-NGHF');
    writeLines(path, lines);
    const result = await verifyWithKey(dir);
    expect(result).toMatchObject({
      ok: false,
      records: 279,
      firstBad: { file: path, line: 200, seq: 280, reason: 'altered' },
    });
  });

  it('a line deleted: missing', async () => {
    const { dir, chainDir } = copy();
    const path = join(chainDir, SEG[1]);
    const lines = fileLines(path);
    lines.splice(199, 1);
    writeLines(path, lines);
    expect(await verifyWithKey(dir)).toMatchObject({
      ok: false,
      firstBad: { file: path, line: 200, seq: 280, reason: 'missing' },
    });
  });

  it('two lines swapped: out-of-order', async () => {
    const { dir, chainDir } = copy();
    const path = join(chainDir, SEG[1]);
    const lines = fileLines(path);
    [lines[199], lines[200]] = [lines[200], lines[199]];
    writeLines(path, lines);
    expect(await verifyWithKey(dir)).toMatchObject({
      ok: false,
      firstBad: { file: path, line: 200, seq: 281, reason: 'out-of-order' },
    });
  });

  it('a segment in the middle deleted: missing at the start of the next one', async () => {
    const { dir, chainDir } = copy();
    rmSync(join(chainDir, SEG[1]));
    expect(await verifyWithKey(dir)).toMatchObject({
      ok: false,
      records: 80,
      firstBad: { file: join(chainDir, SEG[2]), line: 1, seq: 81, reason: 'missing' },
    });
  });

  it('the first segment deleted: missing seq 1', async () => {
    const { dir, chainDir } = copy();
    rmSync(join(chainDir, SEG[0]));
    expect(await verifyWithKey(dir)).toMatchObject({
      ok: false,
      firstBad: { file: join(chainDir, SEG[1]), line: 1, seq: 1, reason: 'missing' },
    });
  });

  it('the last line truncated: unparseable', async () => {
    const { dir, chainDir } = copy();
    const path = join(chainDir, SEG[2]);
    truncateSync(path, statSync(path).size - 20);
    expect(await verifyWithKey(dir)).toMatchObject({
      ok: false,
      records: 999,
      firstBad: { file: path, line: 440, seq: 1000, reason: 'unparseable' },
    });
  });

  it('only the final newline removed: unparseable (a cut write)', async () => {
    const { dir, chainDir } = copy();
    const path = join(chainDir, SEG[2]);
    truncateSync(path, statSync(path).size - 1);
    expect(await verifyWithKey(dir)).toMatchObject({
      ok: false,
      firstBad: { file: path, line: 440, seq: 1000, reason: 'unparseable' },
    });
  });

  it('whole lines removed from the end: missing, because a head was signed past them', async () => {
    const { dir, chainDir } = copy();
    const path = join(chainDir, SEG[2]);
    writeLines(path, fileLines(path).slice(0, -5));
    expect(await verifyAuditDir(dir)).toMatchObject({
      ok: false,
      firstBad: { file: path, line: 436, seq: 996, reason: 'missing' },
    });
  });

  it('a head signature altered: bad-head-signature when keys are given', async () => {
    const { dir, chainDir } = copy();
    const path = join(chainDir, 'heads.jsonl');
    const heads = fileLines(path);
    const head = JSON.parse(heads[3]) as HeadRecord;
    const sig = Buffer.from(head.sig, 'base64url');
    sig[10] ^= 0x01;
    heads[3] = JSON.stringify({ ...head, sig: sig.toString('base64url') });
    writeLines(path, heads);
    expect(await verifyWithKey(dir)).toMatchObject({
      ok: false,
      records: 399,
      firstBad: { file: path, line: 4, seq: 400, reason: 'bad-head-signature' },
    });
    // Without keys only chain consistency is checked, and the head still matches the chain.
    expect(await verifyAuditDir(dir)).toMatchObject({ ok: true, records: 1000, signaturesChecked: false });
  });

  describe('a chain recomputed by an attacker without the key', () => {
    function forge(chainDir: string): void {
      // Change record 280 and recompute every hash after it, across segments, as the attacker can.
      const lines = SEG.flatMap((s) => fileLines(join(chainDir, s))).map((l) => JSON.parse(l) as AuditLine);
      lines[279] = { ...lines[279], client: 'VN:GOV:79:ATTACKER/x' };
      const forged = [...lines.slice(0, 279), ...rechain(lines.slice(279), lines[278].hash)];
      writeLines(
        join(chainDir, SEG[1]),
        forged.slice(80, 560).map((l) => JSON.stringify(l)),
      );
      writeLines(
        join(chainDir, SEG[2]),
        forged.slice(560).map((l) => JSON.stringify(l)),
      );
    }

    it('is consistent on its own, but no longer matches the signed heads', async () => {
      const { dir, chainDir } = copy();
      forge(chainDir);
      expect(await verifyAuditDir(dir)).toMatchObject({
        ok: false,
        records: 299,
        firstBad: { file: join(chainDir, 'heads.jsonl'), line: 3, seq: 300, reason: 'bad-head-signature' },
      });
    });

    it('and with heads re-signed under another key, the signatures fail', async () => {
      const { dir, chainDir } = copy();
      forge(chainDir);
      const attacker = testKeys('ES256', keys.signer.kid);
      const hashes = new Map<number, string>();
      for (const s of SEG) {
        for (const l of fileLines(join(chainDir, s))) {
          const line = JSON.parse(l) as AuditLine;
          hashes.set(line.seq, line.hash);
        }
      }
      const path = join(chainDir, 'heads.jsonl');
      const heads = fileLines(path).map((l) => JSON.parse(l) as HeadRecord);
      // The attacker keeps the genuine heads before the change and re-signs the later ones.
      const forgedHeads = heads.map((h) =>
        h.seq < 280 ? h : signHead(attacker.signer, h.chain, h.seq, hashes.get(h.seq)!, h.time),
      );
      writeLines(
        path,
        forgedHeads.map((h) => JSON.stringify(h)),
      );
      expect(await verifyAuditDir(dir)).toMatchObject({ ok: true, records: 1000 });
      expect(await verifyWithKey(dir)).toMatchObject({
        ok: false,
        firstBad: { file: path, line: 3, seq: 300, reason: 'bad-head-signature' },
      });
    });
  });

  it('an unparseable line in the middle: unparseable', async () => {
    const { dir, chainDir } = copy();
    const path = join(chainDir, SEG[0]);
    const lines = fileLines(path);
    lines[9] = lines[9].slice(0, 30);
    writeLines(path, lines);
    expect(await verifyWithKey(dir)).toMatchObject({
      ok: false,
      firstBad: { file: path, line: 10, seq: 10, reason: 'unparseable' },
    });
  });

  it('a head copied from another chain: bad-head-signature', async () => {
    const { dir, chainDir } = copy();
    const path = join(chainDir, 'heads.jsonl');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(/"chain":"hub-a"/, '"chain":"hub-b"'));
    expect(await verifyAuditDir(dir)).toMatchObject({
      ok: false,
      firstBad: { file: path, line: 1, seq: 100, reason: 'bad-head-signature' },
    });
  });
});

describe('keys', () => {
  it('verifies Ed25519 heads, and accepts a list of keys whatever their kid', async () => {
    const ed = testKeys('EdDSA');
    const dir = tempDir('audit-ed25519');
    dirs.push(dir);
    const { audit } = await buildChain({ dir, nodeId: 'hub-ed', signer: ed.signer, redis }, 50, {
      start: START,
      stepMs: 1000,
      headEvery: 25,
    });
    await audit.close();
    expect(await verifyAuditDir(dir, { publicKeys: [keys.publicKey, ed.publicKey] })).toMatchObject({
      ok: true,
      records: 50,
    });
    expect(await verifyAuditDir(dir, { publicKeys: { other: ed.publicKey } })).toMatchObject({
      ok: false,
      firstBad: { reason: 'bad-head-signature', seq: 25 },
    });
  });
});
