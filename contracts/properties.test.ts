/**
 * Property-based proofs (fast-check): validation never throws on any JSON value, for every contract;
 * normalising is idempotent — normalise(normalise(x)) equals normalise(x) — over messy legacy-style records.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contracts, validateWith } from './index';

const NOW = new Date('2026-11-22T00:00:00+07:00');
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

describe('validation never throws', () => {
  for (const def of contracts.list()) {
    it(`${def.id}: on any JSON value`, () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
          validateWith(def, v, { now: NOW });
        }),
        { numRuns: 300 },
      );
    });
  }

  it('on valid records with one field replaced by anything', () => {
    const bases: [string, Record<string, unknown>][] = [
      ['person@1', fixture('person.valid.json')],
      ['dossier@1', fixture('dossier-v1.json')],
    ];
    for (const [id, base] of bases) {
      const def = contracts.get(id)!;
      const keys = Object.keys(base);
      fc.assert(
        fc.property(fc.constantFrom(...keys), fc.anything({ maxDepth: 3 }), (key, value) => {
          validateWith(def, { ...base, [key]: value }, { now: NOW });
        }),
        { numRuns: 400 },
      );
    }
  });
});

// ---- messy legacy-style Person records ------------------------------------------------------------

const PREFIXES = ['001', '031', '048', '074', '079', '092'];
const NAMES = [
  'Nguyễn Văn Hòa',
  'Trần Thị Thuỷ',
  'Lê Đức Thọ',
  'Phạm Ngọc Ánh',
  'Đặng Thùy Dương',
  "H'Hen Niê",
  'Hoàng Khoẻ',
];
const COMMUNES: [string, string][] = [
  ['00004', '2026-04-30'],
  ['00004', 'legacy'],
  ['00007', 'legacy'],
  ['25747', '2026-04-30'],
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

const messyName = fc
  .tuple(fc.constantFrom(...NAMES), fc.boolean(), fc.constantFrom(' ', '  ', '\u00a0', '\t'), fc.boolean())
  .map(([name, nfd, space, edges]) => {
    const n = (nfd ? name.normalize('NFD') : name).split(' ').join(space);
    return edges ? ` ${n} ` : n;
  });

const messyPhone = fc.oneof(
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => `0912${pad(n, 6)}`.slice(0, 10)),
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => `0165 ${pad(n, 7)}`),
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => `+84 98 ${pad(n, 7)}`),
);

const messyPerson = fc
  .record({
    prefix: fc.constantFrom(...PREFIXES),
    year: fc.integer({ min: 1930, max: 2024 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    male: fc.boolean(),
    serial: fc.integer({ min: 0, max: 999_999 }),
    dateStyle: fc.constantFrom('dmy', 'my', 'y', 'iso'),
    name: messyName,
    phone: fc.option(messyPhone, { nil: undefined }),
    commune: fc.option(fc.constantFrom(...COMMUNES), { nil: undefined }),
    email: fc.option(fc.constantFrom('A.B@Example.VN', 'x@y.vn'), { nil: undefined }),
  })
  .map((p) => {
    const century = Math.floor((p.year - 1900) / 100);
    const g = century * 2 + (p.male ? 0 : 1);
    const id = `${p.prefix}${g}${pad(p.year % 100, 2)}${pad(p.serial, 6)}`;
    const dob =
      p.dateStyle === 'dmy'
        ? `${pad(p.day, 2)}/${pad(p.month, 2)}/${p.year}`
        : p.dateStyle === 'my'
          ? `${pad(p.month, 2)}/${p.year}`
          : p.dateStyle === 'y'
            ? String(p.year)
            : `${p.year}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
    const rec: Record<string, unknown> = {
      personalId: id,
      fullName: p.name,
      dateOfBirth: dob,
      sex: p.male ? 'male' : 'female',
    };
    if (p.phone) rec.phone = p.phone;
    if (p.email) rec.email = p.email;
    if (p.commune) rec.permanentResidence = { communeCode: p.commune[0], catalogue: p.commune[1] };
    return rec;
  });

describe('normalisation is idempotent', () => {
  it('person@1: normalise(normalise(x)) equals normalise(x), and such records are valid', () => {
    const def = contracts.get('person@1')!;
    fc.assert(
      fc.property(messyPerson, (rec) => {
        const once = validateWith(def, rec, { now: NOW });
        if (!once.ok) throw new Error(JSON.stringify(once.problem.errors));
        const twice = validateWith(def, once.value, { now: NOW });
        expect(twice).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('dossier@1 and address@1: idempotent on their fixtures and variants', () => {
    const dossier = contracts.get('dossier@1')!;
    const once = validateWith(dossier, fixture('dossier-v1.json'));
    expect(once.ok).toBe(true);
    if (once.ok) expect(validateWith(dossier, once.value)).toEqual(once);
    const address = contracts.get('address@1')!;
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMUNES),
        fc.option(fc.constantFrom('12 Hàng Bông', ' So\u0302\u0301 5  '), { nil: undefined }),
        ([code, cat], text) => {
          const a = validateWith(address, { communeCode: code, catalogue: cat, ...(text ? { text } : {}) });
          expect(a.ok).toBe(true);
          if (a.ok) expect(validateWith(address, a.value)).toEqual(a);
        },
      ),
    );
  });
});
