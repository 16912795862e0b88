/**
 * The tax simulator's view of the shared synthetic population, in the authority's dialect: individuals who
 * registered before (those with an older 10-digit code, kept as an alias of their personal ID), household
 * businesses (tax ID = the owner's personal ID since 1 July 2025, Circular 86/2024), the tax office of each
 * province (by the crosswalk), and two notices of an earlier transfer for payment-status look-ups.
 */
import { toPortalTimestamp } from '../../../contracts/validators/date';
import type { Population, SynthAddress, SynthBusiness, SynthPerson } from '../../sdk/simulator/population';
import { gsoProvinceOf, taxLocationOf } from '../crosswalk';
import type { DiaChiThue, NguoiNop, NguoiNopThue, ThongBao } from '../dialect';
import { transferCharges, type TransferTaxRules } from './transfer-tax';

export const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The provincial tax office of a tax location: its code is the location code + 00 (unverified pattern). */
export function taxOffice(maDiaBan: string): { maCoQuanThue: string; tenCoQuanThue: string } {
  return { maCoQuanThue: `${maDiaBan}00`, tenCoQuanThue: `Thuế ${gsoProvinceOf(maDiaBan).name}` };
}

export function diaChiThueOf(a: SynthAddress): DiaChiThue {
  return {
    soNha: a.houseNumber || null,
    duongPho: a.street ?? null,
    toThon: a.hamlet ?? null,
    phuongXa: a.communeName,
    maDiaBan: taxLocationOf(a.provinceCode).tax,
    tinhThanh: a.provinceName,
    diaChiDayDu: a.text,
  };
}

export function individualOf(p: SynthPerson): NguoiNopThue {
  const diaChi = diaChiThueOf(p.permanentAddress);
  return {
    maSoThue: p.personalId,
    maSoThueCu: p.taxId ?? null,
    loaiNguoiNopThue: 'CA_NHAN',
    tenNguoiNopThue: p.fullName,
    soDinhDanh: p.personalId,
    ngaySinh: dmy(p.dateOfBirth),
    tenHoKinhDoanh: null,
    diaChi,
    nganhNghe: [],
    vonKinhDoanh: null,
    ...taxOffice(diaChi.maDiaBan),
    ngayCapMst: null,
    trangThai: '00',
  };
}

export function householdBusinessOf(b: SynthBusiness, owner: SynthPerson): NguoiNopThue {
  const diaChi = diaChiThueOf(b.address);
  return {
    ...individualOf(owner),
    maSoThueCu: b.taxCode,
    loaiNguoiNopThue: 'HO_KINH_DOANH',
    tenHoKinhDoanh: b.businessName,
    diaChi,
    nganhNghe: b.activityCodes.map((maNganh, i) => ({ maNganh, laNganhChinh: i === 0 })),
    vonKinhDoanh: b.capital,
    ...taxOffice(diaChi.maDiaBan),
    ngayCapMst: toPortalTimestamp(`${b.registeredAt}T08:00:00+07:00`),
  };
}

/** Everyone the authority knows before any call: by personal ID, and the old 10-digit codes as aliases. */
export function knownTaxpayers(pop: Population): {
  byId: Map<string, NguoiNopThue>;
  aliases: Map<string, string>;
} {
  const byId = new Map<string, NguoiNopThue>();
  for (const p of pop.persons) if (p.taxId) byId.set(p.personalId, individualOf(p));
  for (const b of pop.businesses) byId.set(b.ownerId, householdBusinessOf(b, pop.person(b.ownerId)!));
  const aliases = new Map<string, string>();
  for (const t of byId.values()) if (t.maSoThueCu) aliases.set(t.maSoThueCu, t.maSoThue);
  return { byId, aliases };
}

export const nguoiNopOf = (p: SynthPerson): NguoiNop => ({
  maSoThue: p.personalId,
  tenNguoiNopThue: p.fullName,
  soDinhDanh: p.personalId,
});

/** Notice numbers of the earlier transfer the simulator starts with. */
export const SEEDED_NOTICES = { unpaid: '000812/TB-10100', paid: '000813/TB-10100' } as const;

/**
 * An earlier transfer of a Hà Nội parcel, notified on 20/12/2025: the seller's PIT is still unpaid, the buyer's
 * registration fee was paid through a bank on 26/12/2025.
 */
export function seededNotices(pop: Population, rules: TransferTaxRules): ThongBao[] {
  const parcel = pop.parcels.find((p) => p.address.provinceCode === '01' && p !== pop.scenarios.land.parcel)!;
  const seller = pop.person(parcel.holderIds[0])!;
  const buyer = pop.persons.find(
    (x) => x.permanentAddress.provinceCode === '01' && !parcel.holderIds.includes(x.personalId),
  )!;
  const charges = transferCharges(
    {
      declaredPrice: Math.round((parcel.areaM2 * parcel.landPricePerM2) / 1e6) * 1e6,
      areaM2: parcel.areaM2,
      pricePerM2: parcel.landPricePerM2,
      transferorIsIndividual: true,
    },
    rules,
  );
  return charges.map((c, i) => {
    const paid = c.kind === 'LE_PHI_TRUOC_BA';
    return {
      soThongBao: i === 0 ? SEEDED_NOTICES.unpaid : SEEDED_NOTICES.paid,
      loaiNghiaVu: c.kind,
      maHoSo: 'HS-01-2025-004711',
      nguoiNop: nguoiNopOf(c.payer === 'transferor' ? seller : buyer),
      giaTriTinhThue: c.taxableValue,
      thueSuat: c.ratePercent,
      soTien: c.amount,
      ngayThongBao: '20251220093000',
      hanNop: '19/01/2026',
      maCoQuanThue: '10100',
      trangThai: paid ? 'DA_NOP' : 'CHUA_NOP',
      chungTu: paid
        ? {
            soChungTu: 'NH-0101-2025-120877',
            ngayNop: '20251226143512',
            soTien: c.amount,
            kenhNop: 'NGAN_HANG',
          }
        : null,
    };
  });
}
