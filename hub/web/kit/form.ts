/** Reads an urlencoded form (bounded); every value a string, keys without prototype. */
import type { Request } from 'express';
import { readRawBody } from '../../http/body';

export async function readForm(req: Request, limit = 8192): Promise<Record<string, string>> {
  const raw = await readRawBody(req, limit);
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) out[k] = v.slice(0, 2000);
  return out;
}
