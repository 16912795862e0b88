/** residence mapping: the dialect ⇄ canonical records, both ways, on recorded fixtures. */
import type { Schema } from 'joi';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { RELATIONS_TO_HEAD } from '../../contracts/schemas/residence';
import { getPopulation } from '../sdk/simulator/population';
import {
  dmyTime,
  fromDangKy,
  fromHoGiaDinh,
  readError,
  RELATION_CODE_LIST,
  fromRelationCode,
  toHoGiaDinh,
  toRelationCode,
  type DangKyThuongTru,
  type HoGiaDinh,
  type Relation,
} from './mapping';
import { toDangKy, toTraCuuHo, toXoaDangKy } from './requests';
import { household, householdOutput } from './services/household';
import { registerPermanentResidence } from './services/register-permanent-residence';
import { removePermanentResidence } from './services/remove-permanent-residence';
import { ResidenceBook } from './simulator/residence-book';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const answer = <T>(name: string): T => fixture(name).response.body as T;
const NOW = { now: new Date('2026-11-22T10:00:00+07:00') };

describe('residence mapping: upstream → canonical', () => {
  it('maps a recorded household to a valid Household_v1, every relation code read', () => {
    const h = fromHoGiaDinh(answer<HoGiaDinh>('household.by-id.ok.json'));
    expect(h).toEqual({
      householdId: 'HK7962401443',
      address: {
        text: '168/10 Đường Phan Xích Long, Phường Tân Hiệp, Thành phố Hồ Chí Minh',
        houseNumber: '168/10',
        street: 'Đường Phan Xích Long',
        communeCode: '25920',
        provinceCode: '79',
        catalogue: '2026-04-30',
      },
      head: { personalId: '074043401637', fullName: 'Trần Văn Tuấn' },
      members: [
        { personalId: '074043401637', fullName: 'Trần Văn Tuấn', relationToHead: 'self' },
        { personalId: '074147850878', fullName: 'Nguyễn Thị Cúc', relationToHead: 'spouse' },
        { personalId: '074067073101', fullName: 'Trần Xuân Cường', relationToHead: 'child' },
        { personalId: '074172991176', fullName: 'Nguyễn Thị Hoa', relationToHead: 'other-relative' },
        { personalId: '074098762642', fullName: 'Trần Hoàng Tuấn', relationToHead: 'grandchild' },
      ],
    });
    expect(householdOutput.validate(h).error).toBeUndefined();
  });

  it('a household whose head was removed has no head, and is still a valid Household_v1', () => {
    const h = fromHoGiaDinh(answer<HoGiaDinh>('household.head-vacant.json'));
    expect(h.head).toBeUndefined();
    expect((h.members as unknown[]).length).toBe(4);
    expect(householdOutput.validate(h).error).toBeUndefined();
  });

  it('a registration maps to a valid, active residence@1', () => {
    const r = fromDangKy(answer<DangKyThuongTru>('register-permanent-residence.ok.json'));
    expect(r).toMatchObject({
      type: 'permanent',
      status: 'active',
      resident: { personalId: '001225900001', fullName: 'Phạm Lê Minh An', dateOfBirth: '2025-12-20' },
      householdId: 'HK0108841059',
      headOfHousehold: { personalId: '034097874846', fullName: 'Phạm Văn Lộc' },
      relationToHead: 'child',
      address: { communeCode: '00008', provinceCode: '01', catalogue: '2026-04-30' },
      registrationNumber: 'TT-HK0108841059-N0001',
    });
    expect(r.removalReason).toBeUndefined();
    const v = validateRecord('residence@1', r, NOW);
    expect(v.ok ? [] : v.problem.errors).toEqual([]);
  });

  it('a removal at death maps to a removed residence@1 with its reason and end date', () => {
    const d = answer<DangKyThuongTru>('remove-permanent-residence.death.json');
    const r = fromDangKy(d);
    expect(r).toMatchObject({
      status: 'removed',
      removalReason: 'death',
      relationToHead: 'self',
      validFrom: '1966-08-22',
    });
    expect(r.validTo).toBe(`${d.ngay_xoa!.slice(6)}-${d.ngay_xoa!.slice(3, 5)}-${d.ngay_xoa!.slice(0, 2)}`);
    const v = validateRecord('residence@1', r, NOW);
    expect(v.ok ? [] : v.problem.errors).toEqual([]);
    expect(fromDangKy(answer('remove-permanent-residence.compensation.json'))).toMatchObject({
      status: 'removed',
      removalReason: 'other',
    });
  });

  it("reads the upstream's error body, not-found codes included", () => {
    expect(readError(answer('household.not-found.json'))).toEqual({
      upstreamCode: 'HO_KHONG_TON_TAI',
      reason: 'Không tìm thấy hộ gia đình',
      notFound: true,
    });
    expect(readError(answer('register-permanent-residence.not-head.json'))).toMatchObject({
      upstreamCode: 'KHONG_PHAI_CHU_HO',
      notFound: false,
    });
    expect(readError({ maLoi: 'X' })).toBeUndefined();
  });
});

describe('residence mapping: canonical → upstream', () => {
  it('builds the recorded request bodies from canonical requests', () => {
    expect(toTraCuuHo({ householdId: 'HK7962401443' })).toEqual(
      fixture('household.by-id.ok.json').request.body,
    );
    expect(toTraCuuHo({ personalId: '001194389546' })).toEqual(
      fixture('household.by-member.ok.json').request.body,
    );
    expect(
      toDangKy({
        householdId: 'HK0108841059',
        personalId: '001225900001',
        fullName: 'Phạm Lê Minh An',
        dateOfBirth: '2025-12-20',
        relationToHead: 'child',
        headConsent: { personalId: '034097874846', confirmedAt: '2025-12-22T03:15:00Z' },
      }),
    ).toEqual(fixture('register-permanent-residence.ok.json').request.body);
    expect(
      toXoaDangKy({
        personalId: '074043401637',
        reason: 'death',
        deathRegisterNumber: '15/2026',
        householdId: 'HK7962401443',
      }),
    ).toEqual(fixture('remove-permanent-residence.death.json').request.body);
  });

  it('relation codes: every canonical relation survives a round trip, spouse and parent by sex', () => {
    const relations: Relation[] = [
      'self',
      'spouse',
      'child',
      'parent',
      'grandchild',
      'grandparent',
      'sibling',
    ];
    for (const r of [...relations, 'other-relative', 'other'] as Relation[]) {
      for (const sex of ['male', 'female'] as const) expect(fromRelationCode(toRelationCode(r, sex))).toBe(r);
    }
    expect([toRelationCode('spouse', 'female'), toRelationCode('spouse', 'male')]).toEqual(['VO', 'CHONG']);
    expect([toRelationCode('parent', 'male'), toRelationCode('parent', 'female')]).toEqual(['CHA', 'ME']);
    for (const code of RELATION_CODE_LIST) expect(RELATIONS_TO_HEAD).toContain(fromRelationCode(code));
  });

  it('a household round-trips canonical → upstream → canonical', () => {
    const canonical = fromHoGiaDinh(answer('household.by-id.ok.json'));
    expect(fromHoGiaDinh(toHoGiaDinh(canonical, '22/08/1966'))).toEqual(canonical);
  });

  it('consent timestamps are sent as dd/MM/yyyy HH:mm:ss in Vietnam time', () => {
    expect(dmyTime('2025-12-31T17:30:05Z')).toBe('01/01/2026 00:30:05');
    expect(() => dmyTime('yesterday')).toThrow(RangeError);
  });

  it('every household of the shared population maps to a valid Household_v1', () => {
    const pop = getPopulation();
    const book = new ResidenceBook(pop);
    const bad = pop.households
      .map((h) => householdOutput.validate(fromHoGiaDinh(book.household(h.id)!)).error?.message)
      .filter(Boolean);
    expect(bad).toEqual([]);
  });
});

describe('residence request contracts', () => {
  const errors = (schema: Schema, v: unknown) =>
    schema.validate(v, { abortEarly: false }).error?.details.map((d) => d.type) ?? [];

  it('a household is looked up by its id or by a member, not both', () => {
    expect(errors(household.input, { householdId: 'HK0108841059' })).toEqual([]);
    expect(errors(household.input, { householdId: 'HK0108841059', personalId: '001194389546' })).toEqual([
      'object.xor',
    ]);
  });

  it('a removal at death carries the death register number; other reasons do not', () => {
    expect(errors(removePermanentResidence.input, { personalId: '074043401637', reason: 'death' })).toEqual([
      'any.required',
    ]);
    expect(
      errors(removePermanentResidence.input, {
        personalId: '001194389546',
        reason: 'moved',
        deathRegisterNumber: '1/2026',
      }),
    ).toEqual(['any.unknown']);
  });

  it('a registration never makes the person head, and its ID must fit the date of birth', () => {
    const input = {
      householdId: 'HK0108841059',
      personalId: '001225900001',
      fullName: 'Phạm Lê Minh An',
      dateOfBirth: '2025-12-20',
      relationToHead: 'child',
      headConsent: { personalId: '034097874846', confirmedAt: '2025-12-22T10:15:00+07:00' },
    };
    expect(errors(registerPermanentResidence.input, input)).toEqual([]);
    expect(errors(registerPermanentResidence.input, { ...input, relationToHead: 'self' })).toEqual([
      'any.only',
    ]);
    expect(errors(registerPermanentResidence.input, { ...input, dateOfBirth: '2024-12-20' })).toHaveLength(1);
  });
});
