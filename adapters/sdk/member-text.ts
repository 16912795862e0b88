/**
 * What an upstream says about a failure, made fit to show a member: one line, at most 200 characters, no
 * markup (script and style blocks removed whole, other tags dropped), no file paths, URLs, internal host
 * names or IP addresses, no stack frames, no control or bidi characters, personal identifiers redacted.
 * UpstreamError applies it to every reason, so no transport or adapter can forget; the full text goes to
 * the operator's log only (redacted, see upstream-error.ts).
 */
import { UNSAFE_CHARACTERS } from '../../contracts/validators/text';
import { redactText } from './redact';

export const MEMBER_TEXT_MAX = 200;

const BLOCKS = /<(script|style)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi;
const TAGS = /<[^>]*(>|$)/g;
const URLS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi;
const WINDOWS_PATHS = /(?:\b[a-z]:|\\\\[^\s\\]+)\\[^\s"'<>]*/gi;
const UNIX_PATHS = /(?<![\w/.])(?:~|\.{1,2})?\/[^\s"'<>():,;/]+(?:\/[^\s"'<>():,;]*)*/g;
const STACK_FRAMES = /\bat\s+[\w$.<>[\]]+\s*\([^)]*\)/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g;
const IPV6 =
  /\[?\b(?:[0-9a-f]{1,4}:){2,7}:?[0-9a-f]{0,4}\b\]?(?::\d{1,5})?|\[?(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:?)*\]?/gi;
const HOST_PORT = /\b(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+):\d{1,5}\b/gi;
const INTERNAL_HOSTS =
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:internal|local|lan|corp|intranet|localdomain|svc|cluster\.local)\b/gi;

/** A member-safe rendering of upstream text; '' when nothing usable is left. */
export function memberText(text: string, max = MEMBER_TEXT_MAX): string {
  // Work on a bounded prefix: nothing past it can reach the result, and the regexes stay cheap.
  let t = text.slice(0, 8 * max);
  t = t.replace(BLOCKS, ' ').replace(TAGS, ' ').replace(/[<>]/g, ' ');
  t = t.replace(UNSAFE_CHARACTERS, ' ');
  t = t
    .replace(STACK_FRAMES, ' ')
    .replace(URLS, '[url]')
    .replace(WINDOWS_PATHS, '[path]')
    .replace(UNIX_PATHS, '[path]')
    .replace(IPV4, '[address]')
    .replace(HOST_PORT, '[address]')
    .replace(INTERNAL_HOSTS, '[address]')
    .replace(IPV6, (m) => (/[a-f]|::/i.test(m) ? '[address]' : m));
  t = redactText(t, 8 * max)
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

const CODE = /^[\p{L}\p{N}_.:-]{1,64}$/u;

/** An upstream's error code, if it looks like one (shown to members as it is); otherwise undefined. */
export const memberCode = (code: string | undefined): string | undefined =>
  code !== undefined && CODE.test(code) ? code : undefined;
