/**
 * The citizen's one-time code: six digits, sent by SMS through the notify adapter to the phone on record
 * in the population database — read by the hub through its catalog and its egress (the grant of
 * `VN:GOV:00:LIENTHONG/THONGBAO` for purpose `giam-sat.du-lieu`: the ID and the phone, nothing else), and
 * recorded in her access log like any read. The code is kept hashed in Redis for five minutes, tried at
 * most five times, and used once. An ID not on record gets a challenge that no code opens: the answer is
 * the same either way.
 */
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { HubDeps } from '../../context';
import { release } from '../../exchange/egress';

export const OTP_CLIENT = 'VN:GOV:00:LIENTHONG/THONGBAO';
export const OTP_PURPOSE = 'giam-sat.du-lieu';
const PERSON = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';
const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';
export const OTP_TTL_SEC = 300;
const MAX_TRIES = 5;

const key = (challenge: string) => `lienthong-web:otp:${challenge}`;
const hash = (challenge: string, code: string) =>
  createHash('sha256').update(`${challenge}:${code}`).digest('base64url');

/** Calls a catalogued service as the hub's notifier, audited; undefined when it failed. */
async function call(deps: HubDeps, service: string, input: Record<string, unknown>, subject?: string) {
  const entry = deps.catalog.get(service);
  if (!entry) return undefined;
  const messageId = randomUUID();
  const started = Date.now();
  let outcome = 'ok';
  let fields: string[] | undefined;
  try {
    const out = await entry.call(input, {
      messageId,
      deadline: Date.now() + entry.timeoutMs,
      signal: new AbortController().signal,
      logger: deps.logger.child({ messageId, page: 'du-lieu-cua-toi' }),
      purpose: OTP_PURPOSE,
    });
    const released = release(deps.policy, out, {
      kind: 'member',
      client: OTP_CLIENT,
      service,
      purpose: OTP_PURPOSE,
    });
    fields = released.fields;
    return released.value;
  } catch (err) {
    outcome = (err as { code?: string }).code ?? 'UPSTREAM_ERROR';
    return undefined;
  } finally {
    await deps.audit.append({
      time: new Date(started).toISOString(),
      messageId,
      client: OTP_CLIENT,
      service,
      purpose: OTP_PURPOSE,
      subject: subject ? { kind: 'citizen', id: subject } : undefined,
      fields,
      outcome,
      status: outcome === 'ok' ? 200 : 502,
      durationMs: Date.now() - started,
    });
  }
}

/** Sends a code to the phone on record; returns the challenge id (one exists whether or not it was sent). */
export async function sendCode(deps: HubDeps, personalId: string): Promise<string> {
  const challenge = randomUUID();
  const person = await call(deps, PERSON, { personalId }, personalId);
  const phone = typeof person?.phone === 'string' ? person.phone : undefined;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const record = phone ? { personalId, hash: hash(challenge, code), tries: 0 } : { none: true, tries: 0 };
  await deps.redis.set(key(challenge), JSON.stringify(record), 'EX', OTP_TTL_SEC);
  if (phone)
    await call(deps, SMS, {
      to: phone,
      text: `Ma xac thuc lienthong: ${code}. Hieu luc 5 phut. Khong chia se ma nay.`,
      reference: 'du-lieu-cua-toi',
    });
  return challenge;
}

/** The personal ID a code proves, once; undefined when wrong, expired, used or tried too often. */
export async function checkCode(deps: HubDeps, challenge: string, code: string): Promise<string | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(challenge)) return undefined;
  const raw = await deps.redis.get(key(challenge));
  if (!raw) return undefined;
  const rec = JSON.parse(raw) as { personalId?: string; hash?: string; tries: number };
  const given = Buffer.from(hash(challenge, /^\d{6}$/.test(code) ? code : 'x'));
  const ok = rec.hash !== undefined && timingSafeEqual(given, Buffer.from(rec.hash));
  if (ok) {
    // Single use: whoever deletes it first signs in.
    return (await deps.redis.del(key(challenge))) === 1 ? rec.personalId : undefined;
  }
  rec.tries += 1;
  if (rec.tries >= MAX_TRIES) await deps.redis.del(key(challenge));
  else await deps.redis.set(key(challenge), JSON.stringify(rec), 'KEEPTTL');
  return undefined;
}
