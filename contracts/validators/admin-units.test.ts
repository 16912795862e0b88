/**
 * Tests of the administrative-unit lookups over the real shipped data (contracts/data/admin-units): counts,
 * code reuse across catalogues, legacy → current mapping (exact, split, province merges), the address check
 * and its error codes, idempotence and never-throw properties, and lazy loading.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  CATALOGUES,
  LATEST_CATALOGUE as LATEST,
  checkAddressUnits,
  lookupCommune,
  lookupProvince,
  mapLegacyCommune,
  mapLegacyProvince,
  mergedFrom,
  type AddressUnits,
} from './admin-units';

const DATA = path.join(__dirname, '..', 'data', 'admin-units');
/** Codes of a table of a shipped file (rows are arrays, or '|'-separated strings in the legacy file). */
const codesOf = (file: string, key: string): string[] =>
  (JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as Record<string, (string | string[])[]>)[
    key
  ].map((row) => (typeof row === 'string' ? row.split('|')[0] : row[0]));

const currentProvinces = codesOf('units-2026-04-30.json', 'provinces');
const currentCommunes = codesOf('units-2026-04-30.json', 'communes');
const legacyProvinces = codesOf('legacy-to-2025-07-01.json', 'provinces');
const legacyCommunes = codesOf('legacy-to-2025-07-01.json', 'communes');

/** The fields of a check's output that are inputs too. */
const inputsOf = (v: AddressUnits) => ({
  catalogue: v.catalogue,
  communeCode: v.communeCode,
  provinceCode: v.provinceCode,
  legacyDistrictCode: v.legacyDistrictCode,
});

describe('shipped data', () => {
  it('has 34 provinces and 3,321 communes after the reform, 63 provinces and 10,047 communes before', () => {
    expect(new Set(currentProvinces).size).toBe(34);
    expect(new Set(currentCommunes).size).toBe(3321);
    expect(new Set(legacyProvinces).size).toBe(63);
    expect(new Set(legacyCommunes).size).toBe(10047);
    expect(currentProvinces.every((c) => lookupProvince(c, LATEST)?.code === c)).toBe(true);
    expect(
      currentCommunes.every((c) => lookupProvince(lookupCommune(c, LATEST)!.provinceCode!, LATEST)),
    ).toBe(true);
    expect(
      legacyCommunes.every((c) => lookupProvince(lookupCommune(c, 'legacy')!.provinceCode!, 'legacy')),
    ).toBe(true);
  });

  it('has 460 legacy communes split into more than one current commune, each merge marked partial', () => {
    const split = legacyCommunes.filter((c) => {
      const m = mapLegacyCommune(c);
      return m.status === 'ambiguous' && m.candidates.length > 1;
    });
    expect(split).toHaveLength(460);
    const splitSet = new Set(split);
    const wrong = currentCommunes.filter((c) => {
      const sources = mergedFrom(c);
      return (
        sources.length === 0 ||
        sources.some((s) => s.type !== (splitSet.has(s.unit.code) ? 'partial' : 'full'))
      );
    });
    expect(wrong).toEqual([]);
  });

  it('maps every legacy province into one current province (74 and 77 → 79, 49 → 48)', () => {
    expect(mapLegacyProvince('74')?.code).toBe('79');
    expect(mapLegacyProvince('77')?.code).toBe('79');
    expect(mapLegacyProvince('49')?.code).toBe('48');
    expect(mapLegacyProvince('01')?.name).toBe('Thành phố Hà Nội');
    expect(new Set(legacyProvinces.map((p) => mapLegacyProvince(p)?.code))).toEqual(
      new Set(currentProvinces),
    );
    expect(mapLegacyProvince('03')).toBeUndefined();
  });
});

describe('lookups', () => {
  it('reads a reused code by its catalogue: 00004 is Trúc Bạch before, Ba Đình now', () => {
    expect(lookupCommune('00004', 'legacy')).toEqual({
      code: '00004',
      name: 'Phường Trúc Bạch',
      type: 'ward',
      provinceCode: '01',
    });
    expect(lookupCommune('00004', LATEST)).toEqual({
      code: '00004',
      name: 'Phường Ba Đình',
      nameEn: 'Ba Dinh Ward',
      type: 'ward',
      provinceCode: '01',
    });
    expect(mapLegacyCommune('00004')).toEqual({
      status: 'exact',
      target: lookupCommune('00004', LATEST),
    });
  });

  it('lists every candidate of a split commune: legacy 00007 Cống Vị → 00008 Ngọc Hà or 00025 Giảng Võ', () => {
    const m = mapLegacyCommune('00007');
    expect(m.status).toBe('ambiguous');
    expect(m.status === 'ambiguous' && m.candidates.map((u) => [u.code, u.name])).toEqual([
      ['00008', 'Phường Ngọc Hà'],
      ['00025', 'Phường Giảng Võ'],
    ]);
  });

  it('maps a Bình Dương (74) commune into Hồ Chí Minh City (79), like all of them', () => {
    const m = mapLegacyCommune('25747');
    expect(m).toEqual({
      status: 'exact',
      target: expect.objectContaining({ code: '25747', provinceCode: '79' }),
    });
    expect(m.status === 'exact' && m.target.name).toBe('Phường Thủ Dầu Một');
    const of74 = legacyCommunes.filter((c) => lookupCommune(c, 'legacy')!.provinceCode === '74');
    expect(of74.length).toBeGreaterThan(50);
    for (const c of of74) {
      const mc = mapLegacyCommune(c);
      const targets = mc.status === 'exact' ? [mc.target] : mc.status === 'ambiguous' ? mc.candidates : [];
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.every((t) => t.provinceCode === '79')).toBe(true);
    }
  });

  it('lists the old communes a new one came from, with full/partial', () => {
    const sources = mergedFrom('00004').map((s) => [s.unit.code, s.unit.name, s.type]);
    expect(sources).toContainEqual(['00004', 'Phường Trúc Bạch', 'full']);
    expect(sources).toContainEqual(['00016', 'Phường Ngọc Hà', 'partial']);
    expect(mergedFrom('26732').map((s) => [s.unit.code, s.unit.type, s.type])).toEqual([
      ['755', 'district', 'full'],
    ]);
    expect(mergedFrom('99999')).toEqual([]);
  });

  it('applies the documented source corrections', () => {
    expect(lookupCommune('06970', LATEST)?.name).toBe('Xã Ba Chẽ');
    expect(lookupCommune('06978', LATEST)).toBeUndefined();
    expect(mapLegacyCommune('23938')).toEqual({
      status: 'exact',
      target: expect.objectContaining({ code: '23938', name: 'Xã Ia Mơ' }),
    });
    expect(mapLegacyCommune('30622')).toEqual({ status: 'ambiguous', candidates: [] });
  });

  it('refuses unknown codes and catalogues', () => {
    expect(lookupCommune('99999', LATEST)).toBeUndefined();
    expect(lookupCommune('00001', LATEST)).toBeUndefined();
    expect(lookupProvince('74', LATEST)).toBeUndefined();
    expect(lookupProvince('01', 'v1' as never)).toBeUndefined();
    expect(mapLegacyCommune('26732')).toEqual({ status: 'unknown' });
  });
});

describe('checkAddressUnits', () => {
  it('derives names and the province from the commune', () => {
    expect(checkAddressUnits({ communeCode: '00004', catalogue: LATEST })).toEqual({
      ok: true,
      value: {
        catalogue: LATEST,
        communeCode: '00004',
        communeName: 'Phường Ba Đình',
        provinceCode: '01',
        provinceName: 'Thành phố Hà Nội',
      },
    });
  });

  it('gives where a legacy commune is now: exact, or every candidate with their common province', () => {
    const exact = checkAddressUnits({ communeCode: '25747', provinceCode: '74', catalogue: 'legacy' });
    expect(exact).toEqual({
      ok: true,
      value: {
        catalogue: 'legacy',
        communeCode: '25747',
        communeName: 'Phường Phú Cường',
        provinceCode: '74',
        provinceName: 'Tỉnh Bình Dương',
        current: {
          catalogue: LATEST,
          status: 'exact',
          communeCode: '25747',
          communeName: 'Phường Thủ Dầu Một',
          provinceCode: '79',
          provinceName: 'Thành phố Hồ Chí Minh',
        },
      },
    });
    const split = checkAddressUnits({ communeCode: '00007', catalogue: 'legacy', legacyDistrictCode: '001' });
    expect(split.ok && split.value.current).toEqual({
      catalogue: LATEST,
      status: 'ambiguous',
      provinceCode: '01',
      provinceName: 'Thành phố Hà Nội',
      candidates: [
        { communeCode: '00008', communeName: 'Phường Ngọc Hà' },
        { communeCode: '00025', communeName: 'Phường Giảng Võ' },
      ],
    });
    expect(split.ok && split.value.legacyDistrictCode).toBe('001');
    const undetermined = checkAddressUnits({ communeCode: '30622', catalogue: 'legacy' });
    expect(undetermined.ok && undetermined.value.current).toEqual({
      catalogue: LATEST,
      status: 'ambiguous',
      provinceCode: '91',
      provinceName: 'Tỉnh An Giang',
      candidates: [],
    });
  });

  it('maps a legacy province alone, and an island district without communes', () => {
    const p = checkAddressUnits({ provinceCode: '77', catalogue: 'legacy' });
    expect(p.ok && p.value.current).toEqual({
      catalogue: LATEST,
      status: 'exact',
      provinceCode: '79',
      provinceName: 'Thành phố Hồ Chí Minh',
    });
    const island = checkAddressUnits({ legacyDistrictCode: '755', catalogue: 'legacy' });
    expect(island.ok && island.value).toMatchObject({
      provinceCode: '77',
      provinceName: 'Tỉnh Bà Rịa - Vũng Tàu',
      current: { status: 'exact', communeCode: '26732', communeName: 'Đặc khu Côn Đảo', provinceCode: '79' },
    });
    expect(checkAddressUnits({ legacyDistrictCode: '755', provinceCode: '01', catalogue: 'legacy' })).toEqual(
      {
        ok: false,
        code: 'ADMIN_UNIT_PROVINCE_MISMATCH',
        context: { commune: '755', province: '01' },
      },
    );
  });

  it('refuses a commune in the wrong province', () => {
    expect(checkAddressUnits({ communeCode: '00004', provinceCode: '79', catalogue: LATEST })).toEqual({
      ok: false,
      code: 'ADMIN_UNIT_PROVINCE_MISMATCH',
      context: { commune: '00004', province: '79' },
    });
    // 25747 is in 79 now but was in 74: the catalogue decides.
    expect(
      checkAddressUnits({ communeCode: '25747', provinceCode: '79', catalogue: 'legacy' }),
    ).toMatchObject({
      ok: false,
      code: 'ADMIN_UNIT_PROVINCE_MISMATCH',
    });
  });

  it('refuses unknown codes, with the catalogue they were looked up in', () => {
    expect(checkAddressUnits({ communeCode: '99999', catalogue: LATEST })).toEqual({
      ok: false,
      code: 'ADMIN_UNIT_UNKNOWN',
      context: { code: '99999', catalogue: LATEST },
    });
    expect(checkAddressUnits({ communeCode: '00001', catalogue: LATEST })).toMatchObject({
      code: 'ADMIN_UNIT_UNKNOWN',
    });
    expect(checkAddressUnits({ communeCode: '25747', provinceCode: '74', catalogue: LATEST })).toEqual({
      ok: false,
      code: 'ADMIN_UNIT_UNKNOWN',
      context: { code: '74', catalogue: LATEST },
    });
    expect(checkAddressUnits({ communeCode: '26732', catalogue: 'legacy' })).toMatchObject({
      code: 'ADMIN_UNIT_UNKNOWN',
      context: { code: '26732', catalogue: 'legacy' },
    });
  });

  it('reports format, catalogue and district errors', () => {
    const code = (a: Parameters<typeof checkAddressUnits>[0]) => {
      const r = checkAddressUnits(a);
      return r.ok ? 'ok' : r.code;
    };
    expect(code({ communeCode: '4', catalogue: 'legacy' })).toBe('FIELD_FORMAT');
    expect(code({ communeCode: ' 00004', catalogue: 'legacy' })).toBe('FIELD_FORMAT');
    expect(code({ provinceCode: 1 as never, catalogue: 'legacy' })).toBe('FIELD_FORMAT');
    expect(code({ legacyDistrictCode: '0001', catalogue: 'legacy' })).toBe('FIELD_FORMAT');
    // Both name every catalogue there is, newest first.
    expect(checkAddressUnits({ communeCode: '00004' })).toEqual({
      ok: false,
      code: 'ADMIN_UNIT_CATALOGUE_REQUIRED',
      context: { allowed: '2026-04-30, 2025-07-01, legacy' },
    });
    expect(checkAddressUnits({ communeCode: '00004', catalogue: '2025' })).toEqual({
      ok: false,
      code: 'FIELD_NOT_IN_LIST',
      context: { allowed: '2026-04-30, 2025-07-01, legacy' },
    });
    expect(code({ legacyDistrictCode: '001', catalogue: LATEST })).toBe('ADMIN_UNIT_DISTRICT_NOT_CURRENT');
    expect(code({ legacyDistrictCode: '001', catalogue: '2025-07-01' })).toBe(
      'ADMIN_UNIT_DISTRICT_NOT_CURRENT',
    );
    expect(checkAddressUnits({})).toEqual({ ok: true, value: { catalogue: LATEST } });
  });

  it('is idempotent for every sampled real legacy commune, with or without its province', () => {
    fc.assert(
      fc.property(fc.constantFrom(...legacyCommunes), fc.boolean(), (communeCode, withProvince) => {
        const provinceCode = withProvince ? lookupCommune(communeCode, 'legacy')!.provinceCode : undefined;
        const first = checkAddressUnits({ communeCode, provinceCode, catalogue: 'legacy' });
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(first.value.current).toBeDefined();
        expect(checkAddressUnits(inputsOf(first.value))).toEqual(first);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on anything, and whatever it accepts it accepts again unchanged', () => {
    const codeLike = fc.oneof(
      fc.anything(),
      fc.constantFrom(
        ...currentCommunes.slice(0, 200),
        ...legacyCommunes.slice(-200),
        ...legacyProvinces,
        '755',
      ),
      fc.stringMatching(/^\d{2,5}$/),
    );
    const catalogue = fc.oneof(fc.constantFrom(...CATALOGUES, undefined), fc.anything());
    const allowed = [
      'FIELD_FORMAT',
      'FIELD_NOT_IN_LIST',
      'ADMIN_UNIT_UNKNOWN',
      'ADMIN_UNIT_PROVINCE_MISMATCH',
      'ADMIN_UNIT_CATALOGUE_REQUIRED',
      'ADMIN_UNIT_DISTRICT_NOT_CURRENT',
    ];
    fc.assert(
      fc.property(
        fc.record(
          { communeCode: codeLike, provinceCode: codeLike, catalogue, legacyDistrictCode: codeLike },
          { requiredKeys: [] },
        ),
        (a) => {
          const r = checkAddressUnits(a as Parameters<typeof checkAddressUnits>[0]);
          if (!r.ok) return allowed.includes(r.code);
          expect(checkAddressUnits(inputsOf(r.value))).toEqual(r);
          return true;
        },
      ),
      { numRuns: 3000 },
    );
    expect(checkAddressUnits(null as never).ok).toBe(true);
  });
});

describe('loading', () => {
  it('reads each data file once, at first use of its catalogue (the legacy one needs the latest)', () => {
    jest.isolateModules(() => {
      // The module object itself (the `import * as` namespace above has read-only properties).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const spy = jest.spyOn(require('node:fs') as typeof fs, 'readFileSync');
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fresh = require('./admin-units') as typeof import('./admin-units');
        const reads = () => spy.mock.calls.map((c) => path.basename(String(c[0])));
        expect(reads()).toEqual([]);
        fresh.checkAddressUnits({ communeCode: '00004', catalogue: LATEST });
        fresh.lookupProvince('01', LATEST);
        expect(reads()).toEqual(['units-2026-04-30.json']);
        fresh.mapLegacyCommune('00007');
        fresh.checkAddressUnits({ communeCode: '00007', catalogue: 'legacy' });
        expect(reads()).toEqual(['units-2026-04-30.json', 'legacy-to-2025-07-01.json']);
        fresh.checkAddressUnits({ communeCode: '26368', catalogue: '2025-07-01' });
        fresh.lookupCommune('00004', '2025-07-01');
        expect(reads()).toEqual([
          'units-2026-04-30.json',
          'legacy-to-2025-07-01.json',
          'units-2025-07-01.json',
        ]);
      } finally {
        spy.mockRestore();
      }
    });
  });
});
