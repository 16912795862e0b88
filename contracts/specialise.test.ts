/**
 * The specialised schemas (./specialise) are the contract schemas: for every contract and every value, Joi
 * gives the same normalised value and the same error details (order, types, paths, contexts) with the copy
 * as with the full schema.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectSchema, ValidationOptions } from 'joi';
import { contracts } from './index';
import { withClock } from './extensions';
import { specialiser } from './specialise';

const NOW = new Date('2026-11-22T00:00:00+07:00');
const OPTIONS: ValidationOptions = {
  abortEarly: false,
  convert: true,
  allowUnknown: false,
  errors: { render: false },
};
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

const outcome = (schema: ObjectSchema, value: unknown) =>
  withClock(NOW, () => {
    const { value: out, error } = schema.validate(value, OPTIONS);
    return { out, details: error?.details };
  });

function expectSame(schema: ObjectSchema, specialise: (v: unknown) => ObjectSchema, value: unknown): void {
  const copy = specialise(value);
  expect(outcome(copy, value)).toEqual(outcome(schema, value));
}

const person = contracts.get('person@1')!;
const address = person.schema.extract('permanentResidence') as ObjectSchema;

/** Good, bad and odd values for every key of person@1 (and of its addresses). */
const ADDRESS_FIELDS: Record<string, unknown[]> = {
  text: ['  12   Hàng  Bông ', 5, ''],
  houseNumber: ['12', 12],
  street: ['Phố Hàng Bông', 'Pho\u0302\u0301 Hue'],
  hamlet: ['Thôn 3'],
  communeCode: ['00004', '00007', '25747', '99999', '4'],
  communeName: ['Phường Ba Đình', 1],
  legacyDistrictCode: ['001', '1'],
  provinceCode: ['01', '79', '1'],
  provinceName: ['Hà Nội'],
  catalogue: ['2025-07-01', 'legacy', 'old', null],
  current: [{ catalogue: '2025-07-01', status: 'exact' }, { status: 'x' }],
  country: ['VN', 'vn', undefined],
  extra: [1],
};
const addressValue = fc.oneof(
  fc.constantFrom(null, 'Hà Nội', [], 1),
  fc
    .subarray(Object.keys(ADDRESS_FIELDS))
    .chain((keys) =>
      fc.tuple(...keys.map((k) => fc.constantFrom(...ADDRESS_FIELDS[k]).map((v) => [k, v] as const))),
    )
    .map((entries) => Object.fromEntries(entries)),
);
const PERSON_FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  personalId: fc.constantFrom('001099012345', '079303000123', '003099012345', '123456789', 7),
  fullName: fc.constantFrom('Nguyễn Văn Hòa', ' Nguye\u0302\u0303n  Va\u0306n ', 'NguyÔn V¨n Hßa', '4n', ''),
  fullNameOriginal: fc.constantFrom('x', 1),
  fullNameSearchKey: fc.constantFrom('nguyen van hoa'),
  dateOfBirth: fc.constantFrom('12/03/1999', '1999', '2003-05', '31/02/1999', '2099-01-01', null),
  sex: fc.constantFrom('male', 'female', 'x'),
  legacyIds: fc.constantFrom(['123456789'], ['1', '1'], 'x'),
  otherNames: fc.constantFrom(['Tí', ' Tèo '], ['9x']),
  nationality: fc.constantFrom('VN', 'vn', undefined),
  ethnicity: fc.constantFrom('Kinh', ' Kinh  ', 'x'.repeat(60)),
  religion: fc.constantFrom('Phật giáo'),
  placeOfOrigin: addressValue,
  placeOfBirth: addressValue,
  permanentResidence: addressValue,
  temporaryResidence: addressValue,
  currentResidence: addressValue,
  householdId: fc.constantFrom('H1', 2),
  phone: fc.constantFrom('0912 345 678', '0165 123 4567', '+1 202 555 0143', '12345'),
  email: fc.constantFrom('Hoa.Nguyen@Example.VN', 'x'),
  taxId: fc.constantFrom('0100109106', '0100233480'),
  fatherId: fc.constantFrom('001099012345', 'x'),
  motherId: fc.constantFrom('079303000123'),
  spouseId: fc.constantFrom('003099012345'),
  status: fc.constantFrom('living', 'deceased', 'dead', undefined),
  dateOfDeath: fc.constantFrom('2020-05-01', '01/01/1800'),
  unknownKey: fc.constant(true),
  constructor: fc.constant('x'),
};
const personValue = fc
  .shuffledSubarray(Object.keys(PERSON_FIELDS))
  .chain((keys) => fc.tuple(...keys.map((k) => PERSON_FIELDS[k].map((v) => [k, v] as const))))
  .map((entries) => Object.fromEntries(entries));

describe('a specialised schema validates exactly as the full schema', () => {
  for (const def of contracts.list()) {
    it(`${def.id}: on any JSON value`, () => {
      const specialise = specialiser(def.schema);
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => expectSame(def.schema, specialise, v)),
        { numRuns: 200 },
      );
    });
  }

  it('person@1: on records with any subset of its fields, good and bad, in any order', () => {
    const specialise = specialiser(person.schema);
    fc.assert(
      fc.property(personValue, (v) => expectSame(person.schema, specialise, v)),
      { numRuns: 2000 },
    );
  });

  it('address@1 (nested and alone): on any subset of its fields', () => {
    const specialise = specialiser(address);
    fc.assert(
      fc.property(addressValue, (v) => expectSame(address, specialise, v)),
      { numRuns: 1000 },
    );
  });

  it('person@1 and dossier@1: on their fixtures with keys dropped or replaced by anything', () => {
    for (const [id, name] of [
      ['person@1', 'person.valid.json'],
      ['dossier@1', 'dossier-v1.json'],
    ]) {
      const def = contracts.get(id)!;
      const specialise = specialiser(def.schema);
      const base = fixture(name) as Record<string, unknown>;
      fc.assert(
        fc.property(
          fc.subarray(Object.keys(base)),
          fc.constantFrom(...Object.keys(base)),
          fc.anything({ maxDepth: 3 }),
          (keep, key, value) => {
            const v = Object.fromEntries(keep.map((k) => [k, base[k]]));
            expectSame(def.schema, specialise, v);
            expectSame(def.schema, specialise, { ...v, [key]: value });
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('keeps the required and defaulted keys and the declaration order; drops only absent optional keys', () => {
    const copy = specialiser(person.schema)({ email: 'x@y.vn', fullName: 'A', permanentResidence: {} });
    const children = (s: ObjectSchema) => s.$_terms.keys as { key: string; schema: ObjectSchema }[];
    const keys = (s: ObjectSchema) => children(s).map((c) => c.key);
    expect(keys(copy)).toEqual([
      'dateOfBirth',
      'sex',
      'personalId',
      'fullName',
      'nationality',
      'permanentResidence',
      'email',
      'status',
    ]);
    expect(keys(children(copy).find((c) => c.key === 'permanentResidence')!.schema)).toEqual(['country']);
    // Ids are the full schema's: extract() and labels still see every key.
    expect(copy.extract('permanentResidence')).toBe(address);
  });

  it('uses the full schema for what is not a plain object', () => {
    const specialise = specialiser(person.schema);
    class Record {
      fullName = 'Nguyễn Văn Hòa';
    }
    for (const v of [null, undefined, 'x', 1, [], new Record(), new Map()])
      expect(specialise(v)).toBe(person.schema);
  });

  it('no contract sets Joi preferences of its own (validateWith sets its options on the schema)', () => {
    for (const def of contracts.list()) {
      expect((def.schema as unknown as { _preferences: unknown })._preferences).toBeFalsy();
    }
  });
});
