/**
 * Request bodies: read the exact bytes (signatures are over them) under a size limit, then parse JSON
 * as I-JSON (UTF-8, unique member names) with a nesting limit. Oversized, encoded, non-JSON and too-deep
 * bodies become problems, never crashes.
 */
import type { Request } from 'express';
import { iJsonProblem } from '../protocol';
import { HubError } from './problem';

/** Reads the raw body; refuses more than `limit` bytes (by Content-Length at once, or while streaming). */
export function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new HubError('BODY_TOO_LARGE', { limit }));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.resume();
        reject(new HubError('BODY_TOO_LARGE', { limit }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
  });
}

/** Refuses a body sent with a Content-Encoding: signatures are over the bytes as sent, never decoded. */
export function checkContentEncoding(req: Request): void {
  const encoding = req.headers['content-encoding'];
  if (encoding === undefined || /^\s*identity\s*$/i.test(encoding)) return;
  throw new HubError(
    'UNSUPPORTED_MEDIA_TYPE',
    {},
    {
      detail: 'Content-Encoding is not accepted: send the body as is (identity)',
      detailVi: 'Không chấp nhận Content-Encoding: gửi nội dung nguyên dạng (identity)',
    },
  );
}

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses a JSON body: the media type (application/json, UTF-8 — RFC 8259 — the only charset), valid
 * UTF-8, the nesting depth and I-JSON's unique member names (RFC 7493), then the syntax.
 */
export function parseJsonBody(req: Request, raw: Buffer, maxDepth: number): unknown {
  if (raw.length === 0) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (!JSON_TYPE.test(type)) throw new HubError('UNSUPPORTED_MEDIA_TYPE');
  const charset = CHARSET.exec(type);
  if (charset && (charset[1] ?? charset[2]).toLowerCase() !== 'utf-8') {
    throw new HubError(
      'UNSUPPORTED_MEDIA_TYPE',
      {},
      { detail: 'The only charset accepted is utf-8', detailVi: 'Chỉ chấp nhận bảng mã utf-8' },
    );
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new HubError(
      'INPUT_NOT_JSON',
      {},
      { detail: 'The body is not valid UTF-8', detailVi: 'Nội dung không phải UTF-8 hợp lệ' },
    );
  }
  const problem = iJsonProblem(text, maxDepth);
  if (problem?.kind === 'depth') throw new HubError('BODY_TOO_DEEP', { limit: maxDepth });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HubError('INPUT_NOT_JSON', {}, { detail: err instanceof Error ? err.message : undefined });
  }
  if (problem?.kind === 'duplicate') {
    const name = JSON.stringify(problem.name.slice(0, 60));
    throw new HubError(
      'INPUT_NOT_JSON',
      {},
      {
        detail: `An object has member ${name} twice (I-JSON, RFC 7493)`,
        detailVi: `Một đối tượng có thành phần ${name} hai lần (I-JSON, RFC 7493)`,
      },
    );
  }
  if (problem?.kind === 'forbidden') {
    throw new HubError(
      'INPUT_NOT_JSON',
      {},
      {
        detail: 'A member named "__proto__" is not accepted',
        detailVi: 'Không chấp nhận thành phần có tên "__proto__"',
      },
    );
  }
  return value;
}
