/**
 * Helpers shared by the civil-status tests: the recorded fixtures (canonical inputs `*.input.json`, the
 * adapter's requests `*.request.xml`, the registry's answers `*.response.xml`) and the SOAP Body of an envelope.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXmlSafely } from '../sdk';

export const fixtureText = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

export const fixtureInput = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(fixtureText(`${name}.input.json`)) as T;

type Rec = Record<string, unknown>;

/** The element inside the SOAP Body of an envelope (prefixes stripped, as the transport reads it). */
export function bodyOf(xml: string): { operation: string; body: Rec } {
  const envelope = parseXmlSafely(xml).Envelope as Rec;
  const body = envelope.Body as Rec;
  const [operation, content] = Object.entries(body).find(([k]) => k !== '$') ?? ['', {}];
  return { operation, body: content && typeof content === 'object' ? (content as Rec) : {} };
}

/** The content of a recorded answer's element, e.g. `{ khaiSinh: … }` of a DangKyKhaiSinhResponse. */
export const answerOf = <T>(name: string): T => bodyOf(fixtureText(`${name}.response.xml`)).body as T;
