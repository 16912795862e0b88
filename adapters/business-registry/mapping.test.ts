/** business-registry mapping: the dialect ⇄ household-business@1, both ways, on recorded fixtures. */
import type { Schema } from 'joi';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { readUpstream } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import {
  fromHoKinhDoanh,
  hoKinhDoanhAnswerSchema,
  readError,
  toDangKy,
  toHoKinhDoanh,
  type HoKinhDoanh,
  type RegisterInput,
} from './mapping';
import { registerHouseholdBusiness } from './services/register-household-business';
import { householdBusiness } from './services/household-business';
import { hoKinhDoanhOf, lineName } from './simulator/dialect';
import { VSIC_2018 } from './simulator/vsic';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const record = (name: string): HoKinhDoanh => fixture(name).response.body.duLieu;
const NOW = { now: new Date('2026-03-10T12:00:00+07:00') };
const valid = (r: Record<string, unknown>) => {
  const v = validateRecord('household-business@1', r, NOW);
  return v.ok ? [] : v.problem.errors;
};
const registration: RegisterInput = {
  owner: { personalId: '051181591493', fullName: 'Lâm Bội Tuyết' },
  businessName: 'Hộ kinh doanh Cà phê Sáng',
  address: {
    text: 'Số 155, Ấp 4, Xã Hưng Long, Thành phố Hồ Chí Minh',
    houseNumber: '155',
    hamlet: 'Ấp 4',
    communeCode: '27628',
    provinceCode: '79',
    catalogue: '2026-04-30',
  },
  activityCodes: ['4711', '5630'],
  capital: 150_000_000,
  employees: 2,
  phone: '+84373049933',
  email: 'tuyet.lam81@gmail.com',
};

describe('business-registry mapping: upstream → canonical', () => {
  it('maps a recorded registration to a valid household-business@1: E.164 phone, the day as 00:00 +07:00', () => {
    const out = fromHoKinhDoanh(record('register-household-business.ok.json'));
    expect(out).toEqual({
      ...registration,
      registrationNumber: '27628-8-000001',
      registeredAt: '2026-03-10T00:00:00+07:00',
    });
    expect(valid(out)).toEqual([]);
  });

  it('puts the main line first whatever the order the registry lists them in', () => {
    const h = record('register-household-business.ok.json');
    const out = fromHoKinhDoanh({ ...h, nganhNghe: [...h.nganhNghe].reverse() });
    expect(out.activityCodes).toEqual(['4711', '5630']);
  });

  it('absent phone, e-mail and tax code stay absent, not null', () => {
    const out = fromHoKinhDoanh(record('household-business.ok.json'));
    expect(out).not.toHaveProperty('phone');
    expect(out).not.toHaveProperty('email');
    expect(out).toMatchObject({
      taxId: '8034432806',
      address: { hamlet: 'Thôn Hạ', catalogue: '2026-04-30' },
    });
    expect(out.address).not.toHaveProperty('street');
    expect(valid(out)).toEqual([]);
  });

  it("reads the registry's error body; other shapes are not its errors", () => {
    expect(readError(fixture('household-business.not-found.json').response.body)).toEqual({
      upstreamCode: 'KHONG_TIM_THAY',
      reason: 'Không tìm thấy hộ kinh doanh',
      notFound: true,
    });
    expect(readError(fixture('register-household-business.duplicate-name.json').response.body)).toMatchObject(
      {
        upstreamCode: 'TRUNG_TEN',
        notFound: false,
      },
    );
    expect(readError({ maLoi: 'TRUNG_TEN' })).toBeUndefined();
    expect(readError({ ketQua: 'THANH_CONG', maLoi: 'X' })).toBeUndefined();
  });

  it('every household business of the shared population maps to a valid household-business@1', () => {
    const pop = getPopulation();
    const bad = pop.businesses
      .map((b) => ({ ketQua: 'THANH_CONG', duLieu: hoKinhDoanhOf(b, pop.person(b.ownerId)!) }))
      .map((a) => readUpstream<{ duLieu: HoKinhDoanh }>('business-registry', hoKinhDoanhAnswerSchema, a))
      .map((a) => validateRecord('household-business@1', fromHoKinhDoanh(a.duLieu), NOW))
      .filter((r) => !r.ok);
    expect(pop.businesses).toHaveLength(64);
    expect(bad).toEqual([]);
  });

  it('the registry lists every business line the population uses', () => {
    const codes = new Set(getPopulation().businesses.flatMap((b) => b.activityCodes));
    expect([...codes].filter((c) => !VSIC_2018.has(c))).toEqual([]);
  });
});

describe('business-registry mapping: canonical → upstream', () => {
  it('builds the recorded registration body: main line flagged, phone in national form', () => {
    expect(toDangKy(registration)).toEqual(fixture('register-household-business.ok.json').request.body);
    expect(
      toDangKy({ ...registration, employees: undefined, phone: undefined, email: undefined }),
    ).toMatchObject({
      soLaoDong: 0,
      soDienThoai: null,
      email: null,
    });
  });

  it('an address given by its commune only gets the province of that commune (the registry needs both)', () => {
    const { provinceCode: _province, ...communeOnly } = registration.address as Record<string, unknown>;
    const body = toDangKy({ ...registration, address: { ...communeOnly, communeCode: '27628' } });
    expect(body.diaChiKinhDoanh).toMatchObject({ maXa: '27628', maTinh: '79' });
    expect(toDangKy({ ...registration, address: { communeCode: '00004' } }).diaChiKinhDoanh.maTinh).toBe(
      '01',
    );
  });

  it('a record round-trips canonical → upstream → canonical', () => {
    const upstream = record('household-business.ok.json');
    const canonical = fromHoKinhDoanh(upstream);
    expect(toHoKinhDoanh(canonical, lineName)).toEqual(upstream);
    expect(fromHoKinhDoanh(toHoKinhDoanh(canonical, lineName))).toEqual(canonical);
  });
});

describe('business-registry request contracts', () => {
  const errors = (schema: Schema, v: unknown) =>
    schema.validate(v, { abortEarly: false }).error?.details.map((d) => d.path.join('.')) ?? [];

  it('a registration names a current commune, VSIC-shaped codes and a valid owner ID', () => {
    const input = registerHouseholdBusiness.input;
    expect(errors(input, registration)).toEqual([]);
    expect(
      errors(input, { ...registration, address: { ...registration.address, catalogue: 'legacy' } }),
    ).toContain('address.catalogue');
    expect(errors(input, { ...registration, address: { text: 'Ấp 4, Xã Hưng Long' } })).toEqual([
      'address.communeCode',
      'address.catalogue',
    ]);
    expect(errors(input, { ...registration, activityCodes: ['47', '4711'] })).toEqual(['activityCodes.0']);
    expect(errors(input, { ...registration, activityCodes: ['4711', '4711'] })).toEqual(['activityCodes.1']);
    expect(
      errors(input, { ...registration, owner: { ...registration.owner, personalId: '003181591493' } }),
    ).toEqual(['owner.personalId']);
    expect(input.validate({ ...registration, employees: undefined }).value.employees).toBe(0);
  });

  it('a look-up takes exactly one of registration number and owner', () => {
    const input = householdBusiness.input;
    expect(errors(input, { registrationNumber: '27628-8-000001' })).toEqual([]);
    expect(errors(input, { ownerPersonalId: '051181591493' })).toEqual([]);
    expect(input.validate({}).error).toBeDefined();
    expect(
      input.validate({ registrationNumber: '27628-8-000001', ownerPersonalId: '051181591493' }).error,
    ).toBeDefined();
    expect(householdBusiness.subject!({ ownerPersonalId: '051181591493' })).toEqual({
      kind: 'citizen',
      id: '051181591493',
    });
    expect(householdBusiness.subject!({ registrationNumber: '27628-8-000001' })).toBeUndefined();
  });
});
