/**
 * The requests of `npm run bench -- exchange`: a ward's one-stop system reading citizens from the national
 * population database (person-by-id, purpose birth registration), signed ahead of time like a client that
 * signs before it sends; and one probe exchange whose answer is verified as an agency would.
 */
import { X509Certificate } from 'node:crypto';
import { signRequest, signingInput, verifyResponse, type Signer } from '../hub/protocol';
import type { HttpClient } from './load';

export const MEMBER = 'VN:GOV:01:UBND-NGOCHA';
export const CLIENT = `${MEMBER}/MOTCUA`;
export const SERVICE = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';
export const PATH = `/v1/services/${SERVICE}`;
export const PURPOSE = 'ho-tich.khai-sinh';

export interface Prepared {
  headers: Record<string, string>;
  body: Buffer;
}

/** `n` signed requests, each with its own message id, for the personal IDs from `ids[from]` on. */
export function prepare(signer: Signer, ids: string[], n: number, from: number): Prepared[] {
  const out: Prepared[] = [];
  for (let i = 0; i < n; i++) {
    const body = Buffer.from(JSON.stringify({ personalId: ids[(from + i) % ids.length] }));
    const s = signRequest({
      method: 'POST',
      path: PATH,
      body,
      client: CLIENT,
      purpose: PURPOSE,
      key: signer,
    });
    out.push({
      headers: { ...s.headers, 'content-type': 'application/json', accept: 'application/json' },
      body,
    });
  }
  return out;
}

/**
 * Sends one exchange and checks the answer: 200, signed by the hub, bound to the request. Returns the
 * request's JWS signing input (a realistic input for the sign/verify measurements).
 */
export async function probeHub(
  hub: HttpClient,
  signer: Signer,
  personalId: string,
  hubCertificatePem: string,
): Promise<Buffer> {
  const body = Buffer.from(JSON.stringify({ personalId }));
  const signed = signRequest({
    method: 'POST',
    path: PATH,
    body,
    client: CLIENT,
    purpose: PURPOSE,
    key: signer,
  });
  const answer = await hub.send(
    'POST',
    PATH,
    { ...signed.headers, 'content-type': 'application/json' },
    body,
  );
  const check = verifyResponse({
    headers: answer.headers,
    body: answer.body,
    status: answer.status,
    expectedRequestHash: signed.requestHash,
    expectedMessageId: signed.messageId,
    hubPublicKey: new X509Certificate(hubCertificatePem).publicKey,
  });
  if (answer.status !== 200 || !check.ok) {
    const why = check.ok ? 'signed' : check.reason;
    throw new Error(`the hub answered ${answer.status} (${why}): ${answer.body.toString('utf8')}`);
  }
  return signingInput(signed.headers['Hub-Signature'].split('.')[0], body);
}
