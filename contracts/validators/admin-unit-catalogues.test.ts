/**
 * Each administrative-unit catalogue is labelled by the date it reflects (#11): the counts of each, what each
 * post-reform label resolves to (Đồng Nai a province on 2025-07-01, a city from 2026-04-30), the codes the two
 * share, and the list of catalogues the API gives. Over the real shipped data (contracts/data/admin-units).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateRecord } from '../validate';
import { catalogueSchema } from '../schemas/common';
import {
  CATALOGUES,
  CATALOGUE_INFO,
  LATEST_CATALOGUE,
  UNIT_CATALOGUES,
  checkAddressUnits,
  communesOf,
  lookupCommune,
  lookupProvince,
  mapLegacyCommune,
  type Unit,
  type UnitCatalogue,
} from './admin-units';

const DATA = path.join(__dirname, '..', 'data', 'admin-units');
const header = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as Record<string, unknown>;

/** Province codes of the post-reform catalogues, from the file (not through the code under test). */
const PROVINCE_CODES = (header('units-2026-04-30.json').provinces as string[][]).map((row) => row[0]);

const countTypes = (units: Unit[]): Record<string, number> => {
  const n: Record<string, number> = {};
  for (const u of units) n[u.type] = (n[u.type] ?? 0) + 1;
  return n;
};

/** Every province and commune of a post-reform catalogue, through the lookups. */
const unitsOf = (c: UnitCatalogue) => ({
  provinces: PROVINCE_CODES.map((p) => lookupProvince(p, c)!),
  communes: PROVINCE_CODES.flatMap((p) => [...communesOf(p, c)]),
});

/** The 10 communes of Đồng Nai that became wards from 30 April 2026 (Resolution 237/NQ-UBTVQH16). */
const NEW_WARDS = ['25270', '25357', '25363', '26116', '26170', '26248', '26326', '26368', '26425', '26485'];

/** A name without its type word and diacritics: 'Xã Long Thành' and 'Phường Long Thành' give 'long thanh'. */
const bare = (name: string): string =>
  name
    .replace(/^(Thành phố|Tỉnh|Phường|Xã|Đặc khu) /, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

describe('each catalogue has the counts of the day it reflects', () => {
  it.each([
    ['2025-07-01', { municipality: 6, province: 28 }, { commune: 2621, ward: 687, 'special-zone': 13 }],
    ['2026-04-30', { municipality: 7, province: 27 }, { commune: 2611, ward: 697, 'special-zone': 13 }],
  ] as const)('%s: provinces %j, communes %j', (catalogue, provinces, communes) => {
    const units = unitsOf(catalogue);
    expect(units.provinces.every(Boolean)).toBe(true);
    expect(countTypes(units.provinces)).toEqual(provinces);
    expect(countTypes(units.communes)).toEqual(communes);
    expect(new Set(units.communes.map((u) => u.code)).size).toBe(3321);
    // The file's own header says the same.
    expect(header(`units-${catalogue}.json`).counts).toEqual({ provinces, communes });
  });

  it('legacy: 63 provinces; 10,047 communes (7,704 communes, 1,726 wards, 617 townships); 5 island districts', () => {
    const legacy = header('legacy-to-2025-07-01.json');
    const rows = (legacy.communes as string[]).map((row) => row.split('|'));
    expect((legacy.provinces as string[][]).length).toBe(63);
    expect(countTypes(rows.map(([code]) => lookupCommune(code, 'legacy')!))).toEqual({
      commune: 7704,
      ward: 1726,
      township: 617,
    });
    expect((legacy.districts as string[]).length).toBe(5);
    expect(legacy.mapsTo).toBe('2025-07-01');
  });
});

describe('both post-reform labels resolve, each to its own day', () => {
  it('Đồng Nai (75) is a province on 2025-07-01 and a centrally-governed city from 2026-04-30', () => {
    expect(lookupProvince('75', '2025-07-01')).toEqual({
      code: '75',
      name: 'Tỉnh Đồng Nai',
      nameEn: 'Dong Nai Province',
      type: 'province',
    });
    expect(lookupProvince('75', '2026-04-30')).toEqual({
      code: '75',
      name: 'Thành phố Đồng Nai',
      nameEn: 'Dong Nai City',
      type: 'municipality',
    });
  });

  it('the 10 communes of Đồng Nai that became wards are communes on 2025-07-01 and wards from 2026-04-30', () => {
    for (const code of NEW_WARDS) {
      const before = lookupCommune(code, '2025-07-01')!;
      const after = lookupCommune(code, '2026-04-30')!;
      expect([before.type, before.name.split(' ')[0], before.nameEn!.endsWith(' Commune')]).toEqual([
        'commune',
        'Xã',
        true,
      ]);
      expect([after.type, after.name.split(' ')[0], after.nameEn!.endsWith(' Ward')]).toEqual([
        'ward',
        'Phường',
        true,
      ]);
      expect(bare(before.name)).toBe(bare(after.name));
      expect(before.provinceCode).toBe('75');
      expect(after.provinceCode).toBe('75');
    }
  });

  it('the two share every code, province and name; only the 11 retyped units differ in type', () => {
    const [before, after] = [unitsOf('2025-07-01'), unitsOf('2026-04-30')];
    const all = (u: ReturnType<typeof unitsOf>) => [...u.provinces, ...u.communes];
    const byCode = new Map(all(after).map((u) => [u.code, u]));
    const retyped: string[] = [];
    for (const u of all(before)) {
      const now = byCode.get(u.code)!;
      expect([now.code, now.provinceCode, bare(now.name)]).toEqual([u.code, u.provinceCode, bare(u.name)]);
      if (now.type !== u.type) retyped.push(u.code);
    }
    expect(all(before)).toHaveLength(byCode.size);
    expect(retyped.sort()).toEqual(['75', ...NEW_WARDS].sort());
  });

  it('2025-07-01 keeps the spelling of the reform (Hòa), 2026-04-30 the later one (Hoà)', () => {
    expect(lookupCommune('00175', '2025-07-01')?.name).toBe('Phường Yên Hòa');
    expect(lookupCommune('00175', '2026-04-30')?.name).toBe('Phường Yên Hoà');
  });

  it('an address resolves by the label it states, and states it again unchanged', () => {
    const at = (catalogue: string) => checkAddressUnits({ communeCode: '26368', catalogue });
    expect(at('2025-07-01')).toEqual({
      ok: true,
      value: {
        catalogue: '2025-07-01',
        communeCode: '26368',
        communeName: 'Xã Long Thành',
        provinceCode: '75',
        provinceName: 'Tỉnh Đồng Nai',
      },
    });
    expect(at('2026-04-30')).toEqual({
      ok: true,
      value: {
        catalogue: '2026-04-30',
        communeCode: '26368',
        communeName: 'Phường Long Thành',
        provinceCode: '75',
        provinceName: 'Thành phố Đồng Nai',
      },
    });
    for (const c of UNIT_CATALOGUES) {
      const r = at(c);
      expect(r.ok && checkAddressUnits({ communeCode: '26368', catalogue: r.value.catalogue })).toEqual(r);
    }
  });

  it('a legacy unit is mapped to where it is now: Thị trấn Long Thành → Phường Long Thành (2026-04-30)', () => {
    expect(lookupCommune('26368', 'legacy')?.name).toBe('Thị trấn Long Thành');
    const m = mapLegacyCommune('26368');
    expect(m.status === 'exact' && [m.target.name, m.target.type]).toEqual(['Phường Long Thành', 'ward']);
    const r = checkAddressUnits({ communeCode: '26368', catalogue: 'legacy' });
    expect(r.ok && r.value.current).toEqual({
      catalogue: '2026-04-30',
      status: 'exact',
      communeCode: '26368',
      communeName: 'Phường Long Thành',
      provinceCode: '75',
      provinceName: 'Thành phố Đồng Nai',
    });
  });

  it('a reused code means what its catalogue says: 00004 Trúc Bạch before the reform, Ba Đình in both after', () => {
    expect(lookupCommune('00004', 'legacy')?.name).toBe('Phường Trúc Bạch');
    expect(lookupCommune('00004', '2025-07-01')?.name).toBe('Phường Ba Đình');
    expect(lookupCommune('00004', '2026-04-30')?.name).toBe('Phường Ba Đình');
  });
});

describe('which catalogues exist', () => {
  it('lists every catalogue newest first, each with a shipped file labelled by it', () => {
    expect(CATALOGUES).toEqual(['2026-04-30', '2025-07-01', 'legacy']);
    expect(LATEST_CATALOGUE).toBe(CATALOGUES[0]);
    expect(CATALOGUE_INFO.map((i) => i.catalogue)).toEqual(CATALOGUES);
    for (const c of UNIT_CATALOGUES) expect(header(`units-${c}.json`).catalogue).toBe(c);
    expect(header('legacy-to-2025-07-01.json').catalogue).toBe('legacy');
    const files = fs.readdirSync(DATA).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(
      [...UNIT_CATALOGUES.map((c) => `units-${c}.json`), 'legacy-to-2025-07-01.json'].sort(),
    );
  });

  it('gives the days each reflects, without gap or overlap: a date label is its first day', () => {
    const dayBefore = (iso: string) =>
      new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    for (const [i, info] of CATALOGUE_INFO.entries()) {
      if (info.catalogue !== 'legacy') expect(info.from).toBe(info.catalogue);
      const newer = CATALOGUE_INFO[i - 1];
      expect(info.until).toBe(newer ? dayBefore(newer.from!) : undefined);
    }
  });

  it('a code without its catalogue is refused with a message naming every catalogue, in both languages', () => {
    const r = validateRecord('person@1', {
      personalId: '001099012345',
      fullName: 'Lê Văn Tám',
      dateOfBirth: '1999-01-01',
      sex: 'male',
      permanentResidence: { communeCode: '26368' },
    });
    expect(!r.ok && r.problem.errors).toEqual([
      expect.objectContaining({
        path: 'permanentResidence.communeCode',
        code: 'ADMIN_UNIT_CATALOGUE_REQUIRED',
        message:
          'An administrative unit code must state its catalogue, one of: 2026-04-30, 2025-07-01, legacy',
        messageVi: 'Mã đơn vị hành chính phải kèm danh mục, là một trong: 2026-04-30, 2025-07-01, legacy',
      }),
    ]);
  });

  it('the address contract accepts exactly these catalogues', () => {
    for (const c of CATALOGUES) expect(catalogueSchema.validate(c).error).toBeUndefined();
    for (const c of ['2025', '2026-05-01', 'current', 'LEGACY', '']) {
      expect(catalogueSchema.validate(c).error).toBeDefined();
    }
  });
});
