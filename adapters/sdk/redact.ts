/**
 * Redaction of personal data in raw upstream answers kept for diagnosis and in logs: identity numbers,
 * tax codes, phone numbers, e-mail addresses, and the values of name-, address- and id-like keys.
 */

/** Keys whose values are personal in any dialect we speak (canonical and Vietnamese upstream names). */
const SENSITIVE_KEY =
  /(name|ten|hoten|hovaten|fullname|personalid|sodinhdanh|socccd|cccd|cmnd|dinhdanh|phone|dienthoai|sodienthoai|email|address|diachi|noio|thuongtru|tamtru|taxid|masothue|mst|dob|ngaysinh|birth|holder|chuho)/i;

const DIGITS = /\b\d{9,13}\b/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /\+?84\d{9}\b|\b0\d{9}\b/g;

export const REDACTED = '[redacted]';

/** Redacts identifiers in free text (XML, HTML, broken JSON). */
export function redactText(text: string, maxLength = 4096): string {
  const cut =
    text.length > maxLength ? text.slice(0, maxLength) + `…[${text.length - maxLength} more chars]` : text;
  return cut
    .replace(EMAIL, REDACTED)
    .replace(PHONE, REDACTED)
    .replace(DIGITS, (m) => `${'#'.repeat(m.length)}`)
    .replace(/"([A-Za-z0-9_]{1,40})"\s*:\s*"([^"\\]{0,300})"/g, (whole, key: string) =>
      SENSITIVE_KEY.test(key) ? `"${key}":"${REDACTED}"` : whole,
    )
    .replace(/<([A-Za-z0-9_:.-]+)([^>]*)>([^<]{1,500})<\/\1>/g, (whole, tag: string, attrs: string) =>
      SENSITIVE_KEY.test(tag.replace(/^.*:/, '')) ? `<${tag}${attrs}>${REDACTED}</${tag}>` : whole,
    );
}

/** Redacts a parsed JSON value: values under sensitive keys, and identifiers anywhere. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (typeof value === 'string') return redactText(value, 500);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactValue(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        SENSITIVE_KEY.test(k) && (typeof v === 'string' || typeof v === 'number')
          ? REDACTED
          : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** Redacts a raw body for diagnosis: parsed and redacted if it is JSON, text-redacted otherwise. */
export function redactRaw(body: string, maxLength = 4096): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactValue(JSON.parse(body))).slice(0, maxLength);
    } catch {
      /* not JSON after all */
    }
  }
  return redactText(body, maxLength);
}
