/**
 * Measures the hot path (not a test): sign + verify of a request with a 1 KB body, against the bare
 * node:crypto sign + verify of the same bytes; the difference is what the protocol code costs.
 * Run: `npx tsx hub/protocol/measure-hot-path.ts`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createTestPki } from '../trust/test-support';
import { jwsSign, jwsVerify, type JwsAlg } from './algorithms';
import { encodeHeader, signingInput } from './jws';
import { signRequest } from './sign-request';
import { verifyRequest } from './verify-request';

const MEMBER = 'VN:GOV:79:SO-TNMT';
const PATH = '/v1/services/VN:GOV:01:CA-HN/DANCU/person-lookup/v1';
const body = randomBytes(1024);
const pki = createTestPki();

/** CPU time (user + system) per call in µs: unaffected by other processes waiting for the CPU. */
function timePerOp(iterations: number, fn: () => void): number {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
}

for (const alg of ['ES256', 'EdDSA'] as JwsAlg[]) {
  const key = pki.issue(MEMBER, alg);
  const trust = pki.store();
  const ids = Array.from({ length: 20_000 }, () => randomUUID());
  let n = 0;
  const full = () => {
    const s = signRequest({
      method: 'POST',
      path: PATH,
      body,
      client: `${MEMBER}/MOTCUA`,
      purpose: 'land.transfer',
      messageId: ids[n++ % ids.length],
      key,
    });
    // Node hands the server its headers with lower-case names.
    const headers: Record<string, string> = {};
    for (const name in s.headers) headers[name.toLowerCase()] = s.headers[name];
    const v = verifyRequest({ method: 'POST', path: PATH, headers, body, trust });
    if (!v.ok) throw new TypeError(v.code);
  };
  const header = encodeHeader(alg, key.kid, 1_700_000_000, [['hub.msgid', ids[0]]]);
  const input = signingInput(header, body);
  const publicKey = key.certificate.publicKey;
  const bare = () => {
    if (!jwsVerify(alg, publicKey, input, jwsSign(alg, key.privateKey, input))) throw new TypeError('bare');
  };
  // Alternate short loops of both and keep the best round of each: warm-up, GC pauses and a busy
  // machine only ever add time, so the minimum is the cost.
  let fullUs = Infinity;
  let bareUs = Infinity;
  for (let round = 0; round < 40; round++) {
    fullUs = Math.min(fullUs, timePerOp(250, full));
    bareUs = Math.min(bareUs, timePerOp(250, bare));
  }
  console.log(
    `${alg}: sign+verify ${fullUs.toFixed(1)} µs; node:crypto alone ${bareUs.toFixed(1)} µs; protocol JS ${(fullUs - bareUs).toFixed(1)} µs`,
  );
}
