/**
 * The platform's signed notification (thông báo kết quả thanh toán): when a payment changes (paid,
 * expired, failed), the platform posts the GiaoDich as JSON to the merchant's URL with `X-Chu-Ky`, an
 * ECDSA P-256 / SHA-256 signature (DER, base64) over the exact body bytes, and `X-Ma-Khoa`, the id of the
 * platform key that made it. `readPaymentNotification` verifies the signature with the platform's public
 * key(s) first and maps only the bytes it verified (CONVENTIONS §11) to payment@1; anything else is a
 * `rejected` UpstreamError saying why. `signNotification` is the platform's side (the simulator's).
 */
import { createSign, createVerify, type KeyObject } from 'node:crypto';
import { readUpstream, UpstreamError } from '../sdk';
import { giaoDichSchema, type GiaoDich } from './dialect';
import { fromGiaoDich } from './mapping';

export const SIGNATURE_HEADER = 'x-chu-ky';
export const KEY_ID_HEADER = 'x-ma-khoa';
const UPSTREAM = 'payment-platform';

export function signNotification(body: Buffer, key: KeyObject | string): string {
  return createSign('SHA256').update(body).sign(key, 'base64');
}

const refused = (reason: string, upstreamCode = 'CHU_KY_KHONG_HOP_LE') =>
  new UpstreamError({ upstream: UPSTREAM, code: 'rejected', upstreamCode, reason });

/**
 * Verifies a notification and returns it as payment@1.
 * @param keys the platform's public keys (PEM) by key id — two during a rotation.
 */
export function readPaymentNotification(
  req: { body: Buffer; headers: Record<string, string | string[] | undefined> },
  keys: Record<string, string>,
): Record<string, unknown> {
  const one = (h: string) => {
    const v = req.headers[h];
    return Array.isArray(v) ? undefined : v;
  };
  const signature = one(SIGNATURE_HEADER);
  const keyId = one(KEY_ID_HEADER);
  if (!signature || !keyId) throw refused('the notification is not signed (X-Chu-Ky, X-Ma-Khoa)');
  const pem = Object.prototype.hasOwnProperty.call(keys, keyId) ? keys[keyId] : undefined;
  if (!pem) throw refused(`the notification names an unknown platform key`);
  let ok: boolean;
  try {
    ok = createVerify('SHA256').update(req.body).verify(pem, signature, 'base64');
  } catch {
    ok = false;
  }
  if (!ok) throw refused('the notification signature does not verify');
  let data: unknown;
  try {
    data = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new UpstreamError({
      upstream: UPSTREAM,
      code: 'malformed',
      reason: 'the notification is not JSON',
    });
  }
  return fromGiaoDich(readUpstream<GiaoDich>(UPSTREAM, giaoDichSchema, data));
}
