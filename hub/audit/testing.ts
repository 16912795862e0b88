/**
 * Helpers for the audit log's tests (no jest globals, so the build compiles it like any module): temp
 * directories, keys and a self-signed hub certificate made with node:crypto, sample records, a Redis
 * builder for a signed chain.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAudit, type Audit } from './audit';
import { lineHash } from './canonical';
import { keySigner } from './heads';
import type { AuditOptions } from './options';
import type { AuditLine, AuditLogger, AuditRecord, AuditSigner } from './types';

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `lienthong-${prefix}-`));

export interface TestKeys {
  signer: AuditSigner;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export function testKeys(type: 'ES256' | 'EdDSA', kid = `hub-${type.toLowerCase()}`): TestKeys {
  const { publicKey, privateKey } =
    type === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
  return { signer: keySigner(privateKey, kid), publicKey, privateKey };
}

export const SUBJECT_KEY = Buffer.alloc(32, 7);

/** A logger that remembers what it was told. */
export function memoryLogger(): AuditLogger & { messages: { level: string; msg?: string; obj: object }[] } {
  const messages: { level: string; msg?: string; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void messages.push({ level, msg, obj });
  return { messages, info: at('info'), warn: at('warn'), error: at('error') };
}

/** The i-th sample record: a ward reading a citizen's residence from the population database. */
export function sampleRecord(i: number, time: string, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    time,
    messageId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    client: 'VN:GOV:79:UBND-P-BEN-NGHE/mot-cua',
    service: 'VN:GOV:00:BCA/csdl-dan-cu/person/v1',
    purpose: 'CU_TRU',
    subject: { kind: 'citizen', id: `0792030${String(i % 100000).padStart(5, '0')}` },
    fields: ['fullName', 'dateOfBirth', 'permanentResidence'],
    outcome: 'ok',
    status: 200,
    requestHash: 'a'.repeat(64),
    durationMs: 12,
    ...overrides,
  };
}

export interface ChainFixture {
  dir: string;
  audit: Audit;
  /** Epoch ms of the clock after the last record. */
  now: number;
}

/** Appends `count` records, the clock moving `stepMs` per record, a head signed every `headEvery`. */
export async function buildChain(
  options: Omit<AuditOptions, 'subjectKey'> & Partial<Pick<AuditOptions, 'subjectKey'>>,
  count: number,
  { start, stepMs, headEvery }: { start: number; stepMs: number; headEvery?: number },
): Promise<ChainFixture> {
  let now = start;
  const audit = createAudit({
    subjectKey: SUBJECT_KEY,
    headSignIntervalMs: 0,
    logger: memoryLogger(),
    clock: () => now,
    ...options,
  });
  const appended: Promise<void>[] = [];
  for (let i = 1; i <= count; i++) {
    appended.push(audit.append(sampleRecord(i, new Date(now).toISOString())));
    now += stepMs;
    if (headEvery && i % headEvery === 0) await audit.signHead();
  }
  await Promise.all(appended);
  return { dir: options.dir, audit, now };
}

/** The lines of a JSONL file (without the final empty string). */
export const fileLines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').slice(0, -1);

export const writeLines = (path: string, lines: string[]): void =>
  writeFileSync(path, lines.map((l) => `${l}\n`).join(''));

/** Recomputes prev and hash of `lines` from `prev` on, as an attacker without the key can. */
export function rechain(lines: AuditLine[], prev: string): AuditLine[] {
  return lines.map((line) => {
    const next = { ...line, prev };
    next.hash = lineHash(next);
    prev = next.hash;
    return next;
  });
}

/** A minimal self-signed X.509 v1 certificate (DER built by hand) for `keys`, as PEM. */
export function selfSignedCertificate(keys: TestKeys, commonName = 'lienthong hub'): string {
  const der = (tag: number, ...parts: Buffer[]): Buffer => {
    const body = Buffer.concat(parts);
    const n = body.length;
    const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return Buffer.concat([Buffer.from([tag, ...len]), body]);
  };
  const oid = (dotted: string): Buffer => {
    const [a, b, ...rest] = dotted.split('.').map(Number);
    const bytes = [40 * a + b];
    for (const v of rest) {
      const chunk = [v & 0x7f];
      for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift((x & 0x7f) | 0x80);
      bytes.push(...chunk);
    }
    return der(0x06, Buffer.from(bytes));
  };
  const utcTime = (d: Date): Buffer =>
    der(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
  const isEd = keys.signer.alg === 'EdDSA';
  const algorithm = der(0x30, oid(isEd ? '1.3.101.112' : '1.2.840.10045.4.3.2'));
  const name = der(0x30, der(0x31, der(0x30, oid('2.5.4.3'), der(0x0c, Buffer.from(commonName)))));
  const validity = der(
    0x30,
    utcTime(new Date('2025-01-01T00:00:00Z')),
    utcTime(new Date('2045-01-01T00:00:00Z')),
  );
  const spki = keys.publicKey.export({ type: 'spki', format: 'der' });
  const tbs = der(0x30, der(0x02, Buffer.from([1])), algorithm, name, validity, name, spki);
  const signature = sign(isEd ? null : 'sha256', tbs, keys.privateKey);
  const cert = der(0x30, tbs, algorithm, der(0x03, Buffer.from([0]), signature));
  const b64 = cert.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}
