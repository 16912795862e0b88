/**
 * Request bodies: read the exact bytes (signatures are over them) under a size limit, then parse JSON
 * with a nesting limit. Oversized, non-JSON and too-deep bodies become problems, never crashes.
 */
import type { Request } from 'express';
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

/** Deepest nesting of arrays/objects in JSON text, scanning only structural characters outside strings. */
export function jsonDepth(text: string, stopAbove: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max && (max = depth) > stopAbove) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Parses a JSON body; checks the media type, the nesting depth, and the syntax. */
export function parseJsonBody(req: Request, raw: Buffer, maxDepth: number): unknown {
  if (raw.length === 0) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i.test(type))
    throw new HubError('UNSUPPORTED_MEDIA_TYPE');
  const text = raw.toString('utf8');
  if (jsonDepth(text, maxDepth) > maxDepth) throw new HubError('BODY_TOO_DEEP', { limit: maxDepth });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HubError('INPUT_NOT_JSON', {}, { detail: err instanceof Error ? err.message : undefined });
  }
}
