/** Canonical JSON and the chain hash: the one definition every verifier must reproduce. */
import { createHash } from 'node:crypto';
import { canonicalJson, chainHash, GENESIS_HASH, lineHash } from './canonical';
import type { AuditLine } from './types';

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined members and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'é"\n' }, u: undefined };
    expect(canonicalJson(value)).toBe('{"a":{"c":"é\\"\\n","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('writes numbers as JSON does and refuses what JSON cannot hold', () => {
    expect(canonicalJson([1e21, 0.1, -0, 12])).toBe('[1e+21,0.1,0,12]');
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });

  it('does not depend on the order members were added in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
});

describe('chainHash', () => {
  it('is SHA-256 of the 32 bytes of prev followed by the canonical body', () => {
    const body = '{"seq":1}';
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.alloc(32), Buffer.from(body)]))
      .digest('hex');
    expect(chainHash(GENESIS_HASH, body)).toBe(expected);
  });

  it('lineHash ignores the hash member and covers every other one', () => {
    const line = {
      seq: 1,
      prev: GENESIS_HASH,
      time: '2025-06-01T09:00:00+07:00',
      messageId: 'm',
      client: 'A/b',
      service: 'A/b/c/v1',
      outcome: 'ok',
      status: 200,
    } as AuditLine;
    const hash = lineHash(line);
    expect(lineHash({ ...line, hash })).toBe(hash);
    expect(lineHash({ ...line, status: 201 })).not.toBe(hash);
  });
});
