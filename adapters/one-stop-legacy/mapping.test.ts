/** The mapping both ways: the system's dossier ⇄ dossier@2, with its code tables and the legacy address. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { upgradeDossierV1 } from '../../contracts/schemas/dossier';
import { readUpstream } from '../sdk';
import {
  LEGACY_CHANNELS,
  LEGACY_STATUSES,
  LEGACY_STATUS_CODES,
  legacyProcedureCodeOf,
  legacyStatusOf,
  levelOfOnlineService,
  onlineServiceOfLevel,
  portalProcedureCodeOf,
  PROCEDURE_CODES,
} from './codes';
import { hoSoSchema, type HoSo } from './dialect';
import { convertLegacyRecord } from './legacy-text';
import {
  fromDiaChi,
  fromHoSo,
  MappingError,
  phoneFromLegacy,
  phoneToLegacy,
  toDiaChi,
  toHoSo,
} from './mapping';
import { simulatedDossiers } from './simulator/dossiers';

const NOW = new Date('2026-11-22T10:00:00+07:00');
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
/** A recorded answer as the adapter reads it: text converted, checked against the dialect. */
function hoSo(name: string): HoSo {
  const text = convertLegacyRecord(fixture(name).response.body);
  if (!text.ok) throw new Error(`fixture ${name} does not convert`);
  return readUpstream<HoSo>('test', hoSoSchema, text.value);
}
const valid = (d: unknown) => {
  const v = validateRecord('dossier@2', d, { now: NOW });
  if (!v.ok) throw new Error(JSON.stringify(v.problem.errors));
  return v.value as Record<string, unknown> & {
    applicant: { kind: number; address: Record<string, unknown> };
  };
};

describe('the system → dossier@2', () => {
  it('maps a recorded dossier: TCVN3 name, two-digit years, 11-digit phone, codes, legacy address', () => {
    const h = hoSo('dossier.ok.json');
    expect(h.NguoiNop.DienThoai).toBe('01276199033');
    const d = fromHoSo(h, NOW);
    expect(d).toMatchObject({
      dossierCode: '000.00.08.H26-250122-0001',
      procedureCode: '1.009997',
      procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
      applicant: {
        name: 'Nguyễn Quốc Hoàng',
        kind: 1,
        id: '001076510243',
        phone: '+84816199033', // 01276199033 before the 2018 conversion
        address: {
          text: 'Số 234, Thôn Đoài, Xã Cao Sơn Tiến, Huyện Ứng Hòa, Thành phố Hà Nội',
          houseNumber: '234',
          hamlet: 'Thôn Đoài',
          communeCode: '10378',
          legacyDistrictCode: '281',
          provinceCode: '01',
          catalogue: 'legacy',
        },
      },
      receivedAt: '2025-01-22T09:32:00+07:00',
      dueAt: '2025-02-12T17:00:00+07:00',
      finishedAt: '2025-02-11T15:00:00+07:00',
      returnedAt: '2025-02-13T16:30:00+07:00',
      processingUnit: { code: 'PQLDT', name: 'Phòng Quản lý đô thị' },
      channel: 1,
      onlineService: 'partial',
      onlinePayment: false,
      fees: [
        { name: 'Lệ phí cấp giấy phép xây dựng', amount: 75000, paid: true, voucherNumber: 'BL25-000003' },
      ],
      status: 10,
    });
    expect(d.history.map((p) => p.status)).toEqual([1, 2, 4, 9, 10]);
    expect(d.history[2]).toMatchObject({ status: 4, unit: { code: 'PQLDT' } });
  });

  it('expands a supplement deadline from the day it was asked for', () => {
    const d = fromHoSo(hoSo('dossier.split-commune.json'), NOW);
    const asked = d.history.find((p) => p.status === 5)!;
    expect(asked.dueAt! > asked.at).toBe(true);
    expect(asked.dueAt!.slice(0, 4)).toBe('2025');
  });

  it('the contract maps an old commune that went whole into one new commune: exact', () => {
    const address = valid(fromHoSo(hoSo('dossier.ok.json'), NOW)).applicant.address;
    expect(address).toMatchObject({
      communeCode: '10378',
      communeName: 'Xã Cao Sơn Tiến',
      legacyDistrictCode: '281',
      catalogue: 'legacy',
      current: { catalogue: '2026-04-30', status: 'exact', provinceCode: '01' },
    });
  });

  it('the contract lists every candidate of a split commune and picks none', () => {
    const d = valid(fromHoSo(hoSo('dossier.split-commune.json'), NOW));
    const address = d.applicant.address as { current: { status: string; candidates: unknown[] } };
    expect(address).toMatchObject({
      communeCode: '09820',
      communeName: 'Xã Tân Lập',
      legacyDistrictCode: '273',
      catalogue: 'legacy',
      current: { status: 'ambiguous', provinceCode: '01' },
    });
    expect(address.current.candidates.length).toBeGreaterThan(1);
    expect(address.current).not.toHaveProperty('communeCode');
  });

  it('refuses a date of birth that disagrees with the personal ID', () => {
    const h = hoSo('dossier.ok.json');
    expect(() => fromHoSo({ ...h, NguoiNop: { ...h.NguoiNop, NgaySinh: '24/12/77' } }, NOW)).toThrow(
      new MappingError('NguoiNop.NgaySinh', 'date of birth disagrees with the personal ID'),
    );
  });

  it('refuses a date the two-digit-year rule cannot place', () => {
    const h = hoSo('dossier.ok.json');
    expect(() => fromHoSo({ ...h, NgayNhan: '23/11/26 08:00' }, NOW)).toThrow(/NgayNhan: two-digit-year/);
    expect(() => fromHoSo({ ...h, NgayHenTra: '21/01/25 17:00' }, NOW)).toThrow(/NgayHenTra/);
    const dob = { ...h, NguoiNop: { ...h.NguoiNop, NgaySinh: '22/11/26' } };
    expect(() => fromHoSo(dob, NOW)).toThrow(/NgaySinh: two-digit-year date not decidable \(ambiguous\)/);
  });

  it('refuses an old procedure code that the table does not map', () => {
    const h = hoSo('dossier.ok.json');
    expect(() => fromHoSo({ ...h, MaThuTuc: 'T-HNO-999999-TT' }, NOW)).toThrow(/MaThuTuc/);
  });

  it('leaves out what the system holds empty', () => {
    expect(fromDiaChi({ SoNha: '', Duong: null, MaXa: null })).toBeUndefined();
    expect(fromDiaChi(null)).toBeUndefined();
    expect(fromDiaChi({ DiaChiDayDu: 'Hà Nội', MaTinh: '' })).toEqual({ text: 'Hà Nội' });
  });
});

describe('code tables', () => {
  it('maps every status of the system to the portal status and back', () => {
    expect(LEGACY_STATUS_CODES.map((c) => LEGACY_STATUSES[c])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const c of LEGACY_STATUS_CODES) expect(legacyStatusOf(LEGACY_STATUSES[c])).toBe(c);
    expect(legacyStatusOf(11)).toBeUndefined();
  });
  it('maps the channels', () => {
    expect(LEGACY_CHANNELS).toEqual({ TRUC_TIEP: 1, TRUC_TUYEN: 2, BUU_CHINH: 3 });
  });
  it('maps the old level as the contracts upgrade dossier@1 to dossier@2', () => {
    for (const level of [1, 2, 3, 4] as const) {
      expect(onlineServiceOfLevel(level)).toBe(upgradeDossierV1({ onlineServiceLevel: level }).onlineService);
      expect(onlineServiceOfLevel(levelOfOnlineService(onlineServiceOfLevel(level)))).toBe(
        onlineServiceOfLevel(level),
      );
    }
  });
  it('maps old procedure codes one to one onto portal codes', () => {
    for (const [old, portal] of Object.entries(PROCEDURE_CODES)) {
      expect(old).toMatch(/^T-HNO-\d{6}-TT$/);
      expect(portal).toMatch(/^\d\.\d{6}$/);
      expect(portalProcedureCodeOf(old)).toBe(portal);
      expect(legacyProcedureCodeOf(portal)).toBe(old);
    }
    expect(new Set(Object.values(PROCEDURE_CODES)).size).toBe(Object.keys(PROCEDURE_CODES).length);
    expect(portalProcedureCodeOf('toString')).toBeUndefined();
  });
  it('converts phones: 11-digit mobiles of before 2018, national form both ways', () => {
    expect(phoneFromLegacy('01648300274')).toBe('+84348300274');
    expect(phoneFromLegacy('01207654321')).toBe('+84707654321');
    expect(phoneFromLegacy('0912345678')).toBe('+84912345678');
    expect(phoneToLegacy('+84912345678')).toBe('0912345678');
    expect(() => phoneFromLegacy('01012345678')).toThrow(MappingError);
  });
});

describe('both ways over the simulated system', () => {
  const all = simulatedDossiers();

  it('dossier@2 → the system → dossier@2 gives the same dossier, for all ~60', () => {
    expect(all.length).toBeGreaterThanOrEqual(55);
    for (const d of all) expect(fromHoSo(toHoSo(d.canonical), NOW)).toEqual(d.canonical);
  });

  it('the system → dossier@2 → the system gives the same record (phones in today’s form)', () => {
    for (const d of all) {
      const back = toHoSo(fromHoSo(d.record, NOW), { applicantDateOfBirth: undefined });
      const phone = d.record.NguoiNop.DienThoai;
      expect(back).toEqual({
        ...d.record,
        NguoiNop: {
          ...d.record.NguoiNop,
          NgaySinh: null,
          DienThoai: phone ? phoneToLegacy(phoneFromLegacy(phone)) : null,
        },
      });
    }
  });

  it('every simulated dossier is a valid dossier@2, citizens and household businesses', () => {
    const kinds = new Set<number>();
    for (const d of all) kinds.add(valid(fromHoSo(d.record, NOW)).applicant.kind);
    expect(kinds).toEqual(new Set([1, 2]));
  });

  it('keeps the address in the legacy catalogue both ways', () => {
    const a = all[0].canonical.applicant.address!;
    expect(fromDiaChi(toDiaChi(a))).toEqual(a);
  });
});
