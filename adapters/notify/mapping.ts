/**
 * Pure mapping between canonical notifications and the gateway's dialect (dialect.ts): E.164 ⇄ the gateway's
 * 84xxxxxxxxx, text → SMS content with the right IsUnicode flag, the gateway's dd/MM/yyyy HH:mm:ss → canonical
 * timestamps, and its acceptances → NotifyAck_v1. No I/O.
 */
import { parseTimestamp } from '../../contracts/validators/date';
import { normalisePhone } from '../../contracts/validators/phone';
import { GATEWAY_PHONE, type EmailRequest, type SmsRequest } from './dialect';

/** E.164 → the gateway's form: '+84912345678' → '84912345678'. @throws RangeError for anything but +digits. */
export function toGatewayPhone(e164: string): string {
  if (!/^\+\d{8,15}$/.test(e164)) throw new RangeError('not an E.164 number');
  return e164.slice(1);
}

/** The gateway's form → E.164 ('84912345678' → '+84912345678'), or undefined when it is not a valid number. */
export function fromGatewayPhone(p: string): string | undefined {
  if (!GATEWAY_PHONE.test(p)) return undefined;
  const r = normalisePhone(`+${p}`);
  return r.ok ? r.value.e164 : undefined;
}

/**
 * Whether a text needs UCS-2 (IsUnicode = 1): anything outside printable ASCII and line breaks, which covers
 * every Vietnamese letter with a diacritic. Plain text goes as GSM 7-bit: 160 characters a segment instead of 70.
 */
export const needsUnicode = (text: string): boolean => /[^\x20-\x7e\r\n]/.test(text);

/** Canonical timestamp from the gateway's dd/MM/yyyy HH:mm:ss (HCM). @throws RangeError when it is not one. */
export function fromGatewayTime(t: string): string {
  const r = parseTimestamp(t);
  if (!r.ok) throw new RangeError(`Not a gateway time: ${t}`);
  return r.value;
}

/** A canonical timestamp (or a Date) in the gateway's dd/MM/yyyy HH:mm:ss (HCM). */
export function toGatewayTime(at: string | Date): string {
  const r = parseTimestamp(at);
  if (!r.ok) throw new RangeError('not a timestamp');
  const c = r.value; // YYYY-MM-DDTHH:mm:ss+07:00
  return `${c.slice(8, 10)}/${c.slice(5, 7)}/${c.slice(0, 4)} ${c.slice(11, 19)}`;
}

export interface SmsInput {
  to: string;
  text: string;
  reference?: string;
}

export interface EmailInput {
  to: string;
  subject: string;
  text: string;
  reference?: string;
}

export interface Sender {
  brandname: string;
  senderName: string;
}

/** `requestId`: the hub's idempotency key when there is one, so the gateway's records name the delivery. */
export function toSmsRequest(s: SmsInput, sender: Sender, requestId: string): SmsRequest {
  const content = s.text.normalize('NFC');
  return {
    Phone: toGatewayPhone(s.to),
    Content: content,
    Brandname: sender.brandname,
    IsUnicode: needsUnicode(content) ? 1 : 0,
    RequestId: requestId,
    PartnerRef: s.reference ?? null,
  };
}

export function toEmailRequest(e: EmailInput, sender: Sender, requestId: string): EmailRequest {
  return {
    To: e.to,
    Subject: e.subject.normalize('NFC'),
    Content: e.text.normalize('NFC'),
    IsHtml: 0,
    FromName: sender.senderName,
    RequestId: requestId,
    PartnerRef: e.reference ?? null,
  };
}

/** An acceptance → NotifyAck_v1. */
export function toAck(
  channel: 'sms' | 'email',
  a: { SMSID?: string; EmailID?: string; SendTime: string },
): Record<string, unknown> {
  return {
    messageId: channel === 'sms' ? a.SMSID : a.EmailID,
    acceptedAt: fromGatewayTime(a.SendTime),
    channel,
  };
}
