/**
 * The wire identifiers: examples, and the same patterns as the envelope contract. contracts/schemas is
 * read as text (its regex literals), so this check does not depend on loading the whole contract registry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLIENT_PATTERN,
  MEMBER_ID_PATTERN,
  PURPOSE_PATTERN,
  SERVICE_PATTERN,
  parseClient,
} from './identifiers';

const schemas = join(__dirname, '..', '..', 'contracts', 'schemas');
const literal = (file: string, name: string): string => {
  const m = new RegExp(`export const ${name} = /(.+)/;`).exec(readFileSync(join(schemas, file), 'utf8'));
  return m ? m[1] : `(${name} not found in ${file})`;
};

it('uses the same patterns as contracts/schemas', () => {
  expect(MEMBER_ID_PATTERN.source).toBe(literal('common.ts', 'MEMBER_ID_PATTERN'));
  expect(PURPOSE_PATTERN.source).toBe(literal('envelope.ts', 'PURPOSE_PATTERN'));
  // envelope.ts builds the client and service patterns as `^${memberPart}/…$` from the member pattern.
  const envelope = readFileSync(join(schemas, 'envelope.ts'), 'utf8');
  // What follows the member part, as written in a template literal: '/' unescaped, backslashes doubled.
  const tail = (p: RegExp) =>
    p.source
      .slice(MEMBER_ID_PATTERN.source.length - 1)
      .replace(/\\\//g, '/')
      .replace(/\\/g, '\\\\');
  expect(envelope).toContain('`^${memberPart}' + tail(CLIENT_PATTERN) + '`');
  expect(envelope).toContain('`^${memberPart}' + tail(SERVICE_PATTERN) + '`');
});

it('parses clients and refuses look-alikes', () => {
  expect(parseClient('VN:GOV:79:UBND-PBN/MOTCUA')).toEqual({
    member: 'VN:GOV:79:UBND-PBN',
    subsystem: 'MOTCUA',
  });
  for (const bad of ['VN:GOV:79:UBND-PBN', 'vn:gov:79:x/A', 'VN:GOV:79:UBND-PBN/A/B', 'VN:GOV:79:-X/A']) {
    expect(parseClient(bad)).toBeUndefined();
  }
  expect(SERVICE_PATTERN.test('VN:GOV:79:SO-TNMT/LAND/parcel-lookup/v1')).toBe(true);
  expect(SERVICE_PATTERN.test('VN:GOV:79:SO-TNMT/LAND/parcel-lookup')).toBe(false);
});
