/**
 * Text messages to citizens: Vietnamese only, and in one SMS segment where possible. A segment holds 160
 * GSM-7 characters but only 70 UCS-2 ones, and any Vietnamese letter with a diacritic forces UCS-2; so a
 * message is sent with its diacritics when that fits one segment, else without them (the usual way of
 * Vietnamese SMS, GSM-7), else — a long reason the citizen needs — in as few segments as it takes.
 * Segments are counted by Twilio's calculator (sms-segments-calculator: GSM-7 with its extension table,
 * UCS-2 with surrogate pairs).
 */
import { SegmentedMessage } from 'sms-segments-calculator';

/** The longest text the SMS service accepts (send-sms/v1). */
export const SMS_MAX_CHARS = 480;

export function smsSegments(text: string): { encoding: 'GSM-7' | 'UCS-2'; segments: number } {
  const m = new SegmentedMessage(text, 'auto');
  return { encoding: m.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2', segments: m.segmentsCount };
}

/**
 * Vietnamese without diacritics ("Đã trả kết quả" → "Da tra ket qua"), the spelling of GSM-7 SMS, with
 * typographic punctuation (curly quotes, dashes, ellipsis) made plain, which GSM-7 lacks too.
 */
export function withoutDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[“”„«»]/g, '"')
    .replace(/[‘’‚]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .normalize('NFC');
}

export interface CitizenSms {
  dossierCode: string;
  /** The status in Vietnamese, e.g. "Đã trả kết quả". */
  status: string;
  /** What the citizen must know or do (the reason of a supplement request or of a stop), in Vietnamese. */
  reason?: string;
  /** What the citizen is told besides the status (where the result is now), in Vietnamese. */
  note?: string;
  /** A link the citizen follows (the satisfaction rating). */
  link?: { label: string; url: string };
}

/** The message's text: the first of (with diacritics, without) that fits one segment, else the shorter. */
export function citizenSmsText(m: CitizenSms): string {
  const text = [
    `Hồ sơ ${m.dossierCode}: ${m.status}.`,
    ...(m.reason ? [`Lý do: ${m.reason.replace(/\s+/g, ' ').trim()}`] : []),
    ...(m.note ? [m.note.replace(/\s+/g, ' ').trim()] : []),
    ...(m.link ? [`${m.link.label}: ${m.link.url}`] : []),
  ].join(' ');
  const plain = withoutDiacritics(text);
  for (const candidate of [text, plain]) {
    if (candidate.length <= SMS_MAX_CHARS && smsSegments(candidate).segments === 1) return candidate;
  }
  if (plain.length <= SMS_MAX_CHARS) return plain;
  // Too long even in several segments: shorten the reason, keep the code, the status and the link.
  const keep = plain.length - SMS_MAX_CHARS + 1;
  const reason = withoutDiacritics(m.reason ?? '');
  return citizenSmsText({ ...m, reason: `${reason.slice(0, Math.max(0, reason.length - keep - 3))}...` });
}
