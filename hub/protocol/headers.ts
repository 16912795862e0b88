/**
 * The hub's HTTP headers: their names, the shape of their values, and reading them from a header bag
 * (node's IncomingHttpHeaders, axios headers or a plain object). The only place that reads `X-Hub-*`.
 */
/** Header names as they are sent. */
export const HEADER = {
  client: 'X-Hub-Client',
  messageId: 'X-Hub-Message-Id',
  purpose: 'X-Hub-Purpose',
  idempotencyKey: 'Idempotency-Key',
  signature: 'Hub-Signature',
  requestHash: 'X-Hub-Request-Hash',
} as const;

/** Header values: visible ASCII and spaces only, so no CR/LF and nothing outside ASCII. */
const SAFE_VALUE = /^[\x20-\x7e]*$/;

/** Anything that maps header names to values. Names are matched without regard to case. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | number | undefined | null>>;

/** Result of reading one header: absent, one value, or refused (repeated, or not safe ASCII). */
export type HeaderRead = { kind: 'absent' } | { kind: 'value'; value: string } | { kind: 'invalid' };

/** Reads one header. `name` is looked up in lower case first (node's convention), then by a scan. */
export function readHeader(headers: HeaderBag, name: string): HeaderRead {
  const lower = name.toLowerCase();
  let raw = headers[lower];
  if (raw === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === lower) {
        raw = headers[key];
        break;
      }
    }
  }
  if (raw === undefined || raw === null) return { kind: 'absent' };
  if (typeof raw === 'number') return { kind: 'value', value: String(raw) };
  if (typeof raw !== 'string') return raw.length === 1 ? checked(raw[0]) : { kind: 'invalid' };
  return checked(raw);
}

function checked(value: string | undefined): HeaderRead {
  if (value === undefined) return { kind: 'absent' };
  return SAFE_VALUE.test(value) ? { kind: 'value', value } : { kind: 'invalid' };
}
