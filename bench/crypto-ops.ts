/**
 * Sign and verify operations per second of the hub protocol's algorithms with node:crypto and KeyObjects
 * (ES256 in use; EdDSA for comparison), over a signing input the size of a benchmark request's.
 */
import { generateKeyPairSync } from 'node:crypto';
import { jwsSign, jwsVerify, type JwsAlg } from '../hub/protocol/algorithms';
import { interleavedMedians } from './lib';

export type CryptoOps = Record<
  JwsAlg & ('ES256' | 'EdDSA'),
  { signPerSecond: number; verifyPerSecond: number }
>;

export function measureCryptoOps(input: Buffer): CryptoOps {
  const es = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');
  const esSig = jwsSign('ES256', es.privateKey, input);
  const edSig = jwsSign('EdDSA', ed.privateKey, input);
  const check = (ok: boolean) => {
    if (!ok) throw new Error('signature does not verify');
    return 1;
  };
  const r = interleavedMedians(
    {
      es256Sign: () => (jwsSign('ES256', es.privateKey, input), 1),
      es256Verify: () => check(jwsVerify('ES256', es.publicKey, input, esSig)),
      eddsaSign: () => (jwsSign('EdDSA', ed.privateKey, input), 1),
      eddsaVerify: () => check(jwsVerify('EdDSA', ed.publicKey, input, edSig)),
    },
    3,
    400,
  );
  return {
    ES256: { signPerSecond: r.es256Sign, verifyPerSecond: r.es256Verify },
    EdDSA: { signPerSecond: r.eddsaSign, verifyPerSecond: r.eddsaVerify },
  };
}
