/** tax mapping, both ways, on recorded exchanges: taxpayers across the crosswalk, slips out, notices in. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { getPopulation } from '../sdk/simulator/population';
import type { NguoiNopThue, ThongBao } from './dialect';
import { addressOf, partyOf } from './examples';
import { fromNguoiNopThue, toDangKyThue, toDiaChiThue } from './mapping';
import { fromNghiaVu, fromThongBao, toYeuCauNghiaVu } from './mapping-obligations';
import { knownTaxpayers } from './simulator/records';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const errorsOf = (contract: string, record: unknown) => {
  const v = validateRecord(contract, record, { now: new Date('2026-12-31T00:00:00+07:00') });
  return v.ok ? [] : (v.problem.errors ?? []);
};

describe('tax mapping: taxpayers', () => {
  const hkd = fixture('taxpayer.ok.json').response.body as NguoiNopThue;

  it('maps a household business: owner, business, activities (main first), GSO province from 701', () => {
    const nganhNghe = [{ maNganh: '1079', laNganhChinh: false }, ...hkd.nganhNghe];
    const r = fromNguoiNopThue({ ...hkd, nganhNghe });
    expect(r).toMatchObject({
      taxpayer: { kind: 'individual', personalId: '079079780816', dateOfBirth: '1979-07-03' },
      address: { provinceCode: '79', catalogue: '2026-04-30' },
      activityCodes: ['4771', '1079'],
      taxId: '079079780816',
      status: 'active',
    });
    expect(errorsOf('tax-registration@1', r)).toEqual([]);
  });

  it('maps an organisation to a party by tax code, and the status codes', () => {
    const org: NguoiNopThue = {
      ...hkd,
      maSoThue: '0100109106',
      maSoThueCu: null,
      loaiNguoiNopThue: 'TO_CHUC',
      tenNguoiNopThue: 'Công ty cổ phần Ví Dụ',
      soDinhDanh: null,
      ngaySinh: null,
      tenHoKinhDoanh: null,
      trangThai: '05',
    };
    const r = fromNguoiNopThue(org);
    expect(r).toMatchObject({
      taxpayer: { kind: 'organisation', taxCode: '0100109106' },
      taxId: '0100109106',
      status: 'suspended',
    });
    expect(errorsOf('tax-registration@1', r)).toEqual([]);
    expect(fromNguoiNopThue({ ...org, trangThai: '01' }).status).toBe('closed');
  });

  it('builds the recorded registration body from a canonical registration', () => {
    const owner = getPopulation().person(getPopulation().scenarios.business.ownerId)!;
    expect(
      toDangKyThue({
        taxpayer: partyOf(owner),
        businessName: 'Hộ kinh doanh Cà phê Sáng',
        address: addressOf(owner.permanentAddress),
        activityCodes: ['5632', '1079'],
        capital: 150_000_000,
      }),
    ).toEqual(fixture('register-taxpayer.ok.json').request.body);
  });

  it('locates a pre-2025 address (a Bình Dương commune) in TP.HCM, 701', () => {
    const p = getPopulation().persons.find((x) => x.permanentAddress.legacyProvinceCode === '74')!;
    const d = toDiaChiThue({ communeCode: p.permanentAddress.legacyCommuneCode, catalogue: 'legacy' });
    expect(d).toMatchObject({ maDiaBan: '701', tinhThanh: 'Thành phố Hồ Chí Minh' });
    expect(d.phuongXa).toEqual(expect.any(String));
  });

  it('every taxpayer the simulator starts with maps to a valid tax-registration@1', () => {
    const { byId } = knownTaxpayers(getPopulation());
    const bad = [...byId.values()]
      .map((t) => ({ id: t.maSoThue, errors: errorsOf('tax-registration@1', fromNguoiNopThue(t)) }))
      .filter((r) => r.errors.length);
    expect(bad).toEqual([]);
  });
});

describe('tax mapping: transfer obligations', () => {
  it('sends the slip with the tax location code of the parcel and the parties by tax ID', () => {
    const input = fixture('obligations-for-transfer.ok.input.json');
    const sent = toYeuCauNghiaVu(input.dossierCode, input.informationSlip);
    expect(sent).toEqual(fixture('obligations-for-transfer.ok.json').request.body);
    expect(sent.phieuChuyenThongTin.maDiaBan).toBe('101');
  });

  it('maps notices to tax-obligation@1: the rate as a fraction, dates ISO, each one valid', () => {
    const out = fromNghiaVu(fixture('obligations-for-transfer.ok.json').response.body);
    expect(out.total).toBe(204_525_000);
    for (const o of out.obligations) expect(errorsOf('tax-obligation@1', o)).toEqual([]);
    expect(out.obligations[1]).toMatchObject({
      kind: 'registration-fee',
      basis: { rate: 0.005 },
      issuedAt: '2025-12-23T14:00:00+07:00',
      dueDate: '2026-01-22',
    });
  });

  it('a paid notice carries its voucher; an unpaid one none', () => {
    const paid = fixture('payment-status.paid.json').response.body as ThongBao;
    expect(fromThongBao(paid).payment).toEqual({
      voucherNumber: 'KB-0101-2025-000777',
      paidAt: '2025-12-26T10:15:00+07:00',
      amount: 163_620_000,
      channel: 'counter',
    });
    expect(
      fromThongBao({ ...paid, chungTu: { ...paid.chungTu!, kenhNop: 'CONG_DVC' } }).payment,
    ).toMatchObject({
      channel: 'portal',
    });
    expect(fromThongBao(fixture('payment-status.unpaid.json').response.body)).not.toHaveProperty('payment');
  });
});
