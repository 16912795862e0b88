/**
 * Pure mapping of the transfer steps in the land registry's dialect: the registration of a change (hồ sơ biến
 * động) ⇄ land-transfer@1, the Mẫu 15 information slip (phiếu chuyển thông tin) → information-slip@1, and the
 * payment vouchers (chứng từ nộp) sent with the completion. No I/O.
 */
import { formatDisplayDate } from '../../contracts/validators/date';
import { compact } from '../sdk';
import type {
  ChungTuNop,
  HoSoBienDong,
  HoSoDaTiepNhan,
  LoaiBienDong,
  PhieuChuyenThongTin,
  TrangThaiHoSo,
} from './dialect';
import {
  dropEmpty,
  fromDiaChiThuaDat,
  fromNguoi,
  isoDate,
  isoTimestamp,
  many,
  opt,
  registryTimestamp,
  toArea,
  toNguoi,
  type Party,
} from './mapping';

export type TransferKind = 'transfer' | 'gift' | 'inheritance';

export interface ParcelKey {
  communeCode: string;
  mapSheetNumber: string;
  parcelNumber: string;
}

/** The registration of a change as the hub sends it (RegisterTransferRequest_v1). */
export interface RegisterTransferInput {
  dossierCode: string;
  kind?: TransferKind;
  parcel: ParcelKey;
  transferors: Party[];
  transferees: Party[];
  contract: { number: string; notarisedAt: string; notary?: string };
  declaredPrice: number;
}

/** A payment voucher as the hub sends it with the completion (CompleteTransferRequest_v1). */
export interface Voucher {
  noticeNumber: string;
  voucherNumber: string;
  paidAt: string;
  amount: number;
}

const KIND_TO: Record<TransferKind, LoaiBienDong> = {
  transfer: 'CHUYEN_NHUONG',
  gift: 'TANG_CHO',
  inheritance: 'THUA_KE',
};
const KIND_FROM: Record<LoaiBienDong, TransferKind> = {
  CHUYEN_NHUONG: 'transfer',
  TANG_CHO: 'gift',
  THUA_KE: 'inheritance',
};
const STATUS_FROM: Record<TrangThaiHoSo, string> = {
  DA_TIEP_NHAN: 'received',
  DA_CHUYEN_THUE: 'sent-to-tax',
  DA_CAP_NHAT: 'registered',
  TU_CHOI: 'refused',
};

export const toKhoaThua = (k: ParcelKey) => ({
  maXa: k.communeCode,
  soTo: k.mapSheetNumber,
  soThua: k.parcelNumber,
});

export const fromKhoaThua = (k: { maXa: string; soTo: string; soThua: string }): ParcelKey => ({
  communeCode: k.maXa,
  mapSheetNumber: k.soTo,
  parcelNumber: k.soThua,
});

/** Canonical registration → the registry's DangKyBienDong content. */
export function toHoSoBienDong(i: RegisterTransferInput): HoSoBienDong {
  return dropEmpty({
    maHoSo: i.dossierCode,
    loaiBienDong: KIND_TO[i.kind ?? 'transfer'],
    thuaDat: toKhoaThua(i.parcel),
    benChuyenNhuong: { nguoi: i.transferors.map(toNguoi) },
    benNhanChuyenNhuong: { nguoi: i.transferees.map(toNguoi) },
    hopDong: {
      soHopDong: i.contract.number,
      ngayCongChung: formatDisplayDate(i.contract.notarisedAt),
      toChucCongChung: i.contract.notary,
    },
    giaKeKhai: String(i.declaredPrice),
  });
}

/** The registry's dossier → canonical land-transfer@1. */
export function fromHoSo(h: HoSoDaTiepNhan): Record<string, unknown> {
  return compact({
    dossierCode: h.maHoSo,
    kind: KIND_FROM[h.loaiBienDong],
    parcel: fromKhoaThua(h.thuaDat),
    transferors: many(h.benChuyenNhuong.nguoi).map(fromNguoi),
    transferees: many(h.benNhanChuyenNhuong.nguoi).map(fromNguoi),
    contract: compact({
      number: h.hopDong.soHopDong,
      notarisedAt: isoDate(h.hopDong.ngayCongChung),
      notary: opt(h.hopDong.toChucCongChung),
    }),
    declaredPrice: Number(h.giaKeKhai),
    receivedCompleteAt: isoTimestamp(h.ngayNhanDuHoSo),
    status: STATUS_FROM[h.trangThai],
  });
}

/** The registry's Mẫu 15 slip → canonical information-slip@1. */
export function fromPhieu(p: PhieuChuyenThongTin): Record<string, unknown> {
  const price = opt(p.giaDatBangGia);
  return compact({
    slipNumber: p.soPhieu,
    issuedAt: isoTimestamp(p.ngayLap),
    landOffice: compact({ code: p.vanPhongDangKy.ma, name: opt(p.vanPhongDangKy.ten) }),
    taxOffice: p.coQuanThue ? compact({ code: p.coQuanThue.ma, name: opt(p.coQuanThue.ten) }) : undefined,
    parcel: fromKhoaThua(p.thuaDat),
    address: fromDiaChiThuaDat(p.diaChiThuaDat),
    areaM2: toArea(p.dienTich),
    usePurpose: p.mucDichSuDung,
    transferors: many(p.benChuyenNhuong.nguoi).map(fromNguoi),
    transferees: many(p.benNhanChuyenNhuong.nguoi).map(fromNguoi),
    declaredPrice: Number(p.giaKeKhai),
    landPricePerM2: price ? Number(price) : undefined,
  });
}

/** Canonical voucher → the registry's chứng từ nộp. */
export function toChungTu(v: Voucher): ChungTuNop {
  return {
    soThongBao: v.noticeNumber,
    soChungTu: v.voucherNumber,
    ngayNop: registryTimestamp(v.paidAt),
    soTien: String(v.amount),
  };
}

/** The registry's chứng từ nộp → canonical voucher (the simulator keeps them; tests read them back). */
export function fromChungTu(c: ChungTuNop): Voucher {
  return {
    noticeNumber: c.soThongBao,
    voucherNumber: c.soChungTu,
    paidAt: isoTimestamp(c.ngayNop),
    amount: Number(c.soTien),
  };
}
