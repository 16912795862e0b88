/**
 * Pure mapping of the transfer obligations: a canonical Mẫu 15 slip (information-slip@1) → the authority's
 * request, located by the crosswalk from the parcel's commune; its notices (thông báo) → tax-obligation@1;
 * and the answer's total checked against the notices. No I/O.
 */
import { parseDate, parseTimestamp, toPortalTimestamp } from '../../contracts/validators/date';
import { LATEST_CATALOGUE } from '../../contracts/validators/admin-units';
import { compact, UpstreamError } from '../sdk';
import { currentProvinceOf, taxLocationOf } from './crosswalk';
import type {
  ChungTu,
  KenhNop,
  LoaiNghiaVu,
  NghiaVuChuyenNhuong,
  NguoiNop,
  ThongBao,
  YeuCauNghiaVu,
} from './dialect';
import { crosswalk, UPSTREAM, type CanonicalAddress, type Party } from './mapping';

/** information-slip@1, as much of it as the tax authority is sent. */
export interface InformationSlip {
  slipNumber: string;
  issuedAt: string;
  landOffice: { code: string; name?: string };
  parcel: { communeCode: string; mapSheetNumber: string; parcelNumber: string };
  address: CanonicalAddress;
  areaM2: number;
  usePurpose: string;
  transferors: Party[];
  transferees: Party[];
  declaredPrice: number;
  landPricePerM2?: number;
  exemptions?: string[];
}

export const KIND_FROM: Record<LoaiNghiaVu, string> = {
  THUE_TNCN: 'personal-income-tax',
  LE_PHI_TRUOC_BA: 'registration-fee',
  TIEN_SU_DUNG_DAT: 'land-use-levy',
};

const CHANNEL_FROM: Record<KenhNop, string> = { NGAN_HANG: 'bank', CONG_DVC: 'portal', KHO_BAC: 'counter' };

/** Individuals are known by their personal ID, which is their tax ID from 1 July 2025 (Circular 86/2024). */
export function toNguoiNop(p: Party): NguoiNop {
  return p.kind === 'individual'
    ? { maSoThue: p.personalId ?? '', tenNguoiNopThue: p.fullName, soDinhDanh: p.personalId ?? null }
    : { maSoThue: p.taxCode ?? '', tenNguoiNopThue: p.fullName, soDinhDanh: null };
}

export function fromNguoiNop(n: NguoiNop): Party {
  return n.soDinhDanh
    ? { kind: 'individual', fullName: n.tenNguoiNopThue, personalId: n.soDinhDanh }
    : { kind: 'organisation', fullName: n.tenNguoiNopThue, taxCode: n.maSoThue };
}

/** The slip the authority is sent; its location code comes from the parcel's commune (post-reform code). */
export function toYeuCauNghiaVu(dossierCode: string, slip: InformationSlip): YeuCauNghiaVu {
  const location = crosswalk('request', () =>
    taxLocationOf(currentProvinceOf({ communeCode: slip.parcel.communeCode, catalogue: LATEST_CATALOGUE })),
  );
  return {
    maHoSo: dossierCode,
    phieuChuyenThongTin: {
      soPhieu: slip.slipNumber,
      ngayLap: toPortalTimestamp(slip.issuedAt),
      coQuanGui: { ma: slip.landOffice.code, ten: slip.landOffice.name ?? null },
      maDiaBan: location.tax,
      thuaDat: {
        soTo: slip.parcel.mapSheetNumber,
        soThua: slip.parcel.parcelNumber,
        diaChi: slip.address.text ?? null,
        dienTich: slip.areaM2,
        mucDichSuDung: slip.usePurpose,
      },
      benChuyenNhuong: slip.transferors.map(toNguoiNop),
      benNhanChuyenNhuong: slip.transferees.map(toNguoiNop),
      giaChuyenNhuong: slip.declaredPrice,
      giaDatBangGia: slip.landPricePerM2 ?? null,
      lyDoMienGiam: slip.exemptions ?? [],
    },
  };
}

export function fromChungTu(c: ChungTu): Record<string, unknown> {
  const paidAt = parseTimestamp(c.ngayNop);
  return {
    voucherNumber: c.soChungTu,
    paidAt: paidAt.ok ? paidAt.value : c.ngayNop,
    amount: c.soTien,
    channel: CHANNEL_FROM[c.kenhNop],
  };
}

/** One notice → tax-obligation@1. The rate travels as a percentage and becomes a fraction. */
export function fromThongBao(t: ThongBao): Record<string, unknown> {
  const issued = parseTimestamp(t.ngayThongBao);
  const due = parseDate(t.hanNop);
  return compact({
    kind: KIND_FROM[t.loaiNghiaVu],
    taxpayer: fromNguoiNop(t.nguoiNop),
    amount: t.soTien,
    basis: { taxableValue: t.giaTriTinhThue, rate: Number((t.thueSuat / 100).toFixed(6)) },
    dossierCode: t.maHoSo ?? undefined,
    noticeNumber: t.soThongBao,
    issuedAt: issued.ok ? issued.value : undefined,
    dueDate: due.ok ? due.value.value : t.hanNop,
    paymentStatus: t.trangThai === 'DA_NOP' ? 'paid' : 'unpaid',
    payment: t.trangThai === 'DA_NOP' && t.chungTu ? fromChungTu(t.chungTu) : undefined,
  });
}

/** The authority's answer → TransferObligations_v1; a total that is not the sum of the notices is malformed. */
export function fromNghiaVu(r: NghiaVuChuyenNhuong): {
  dossierCode: string;
  obligations: unknown[];
  total: number;
} {
  const sum = r.thongBao.reduce((s, t) => s + t.soTien, 0);
  if (sum !== r.tongTien) {
    throw new UpstreamError({
      upstream: UPSTREAM,
      code: 'malformed',
      reason: `tongTien ${r.tongTien} is not the sum of the notices (${sum})`,
    });
  }
  return { dossierCode: r.maHoSo, obligations: r.thongBao.map(fromThongBao), total: r.tongTien };
}
