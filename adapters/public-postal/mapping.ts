/**
 * Pure mapping between canonical shipments (shipment@1, proof-of-delivery@1) and the postal service's
 * dialect: a booking → DonHang, a BuuGui → shipment@1, a BangChungPhat → proof-of-delivery@1; phones between
 * E.164 and the national form; the envelope's code → an UpstreamError. No I/O.
 */
import { parseTimestamp, toPortalTimestamp } from '../../contracts/validators/date';
import { normalisePhone } from '../../contracts/validators/phone';
import { compact, UpstreamError, type CanonicalAddress } from '../sdk';
import {
  CODE,
  type BangChungPhat,
  type BuuGui,
  type DonHang,
  type LienHe,
  type QuanHe,
  type TrangThai,
} from './dialect';

export interface Contact {
  fullName: string;
  unit?: string;
  phone?: string;
  address: CanonicalAddress & { text?: string; communeCode?: string; provinceCode?: string };
}
export interface Booking {
  shipmentRef: string;
  dossierCode?: string;
  sender: Contact;
  recipient: Contact;
  contents: string;
  cashOnDelivery?: number;
  pickupWindow?: { from: string; to: string };
}

export const STATUS: Record<TrangThai, string> = {
  100: 'booked',
  200: 'picked-up',
  300: 'in-transit',
  400: 'out-for-delivery',
  500: 'delivered',
  600: 'delivery-failed',
  700: 'returned',
  900: 'cancelled',
};
const RELATION: Record<QuanHe, string> = {
  BAN_THAN: 'self',
  NGUOI_THAN: 'family',
  UY_QUYEN: 'authorised',
  KHAC: 'other',
};

export function fromPostTime(t: string): string {
  const r = parseTimestamp(t);
  if (!r.ok) throw new RangeError(`not a postal time: ${t}`);
  return r.value;
}
export function toPostTime(iso: string | Date): string {
  const p = toPortalTimestamp(typeof iso === 'string' ? iso : iso.toISOString());
  return `${p.slice(6, 8)}/${p.slice(4, 6)}/${p.slice(0, 4)} ${p.slice(8, 10)}:${p.slice(10, 12)}:${p.slice(12, 14)}`;
}

/** +84912345678 → 0912345678; a foreign number cannot be given to the postman. */
export const toPostPhone = (e164: string | undefined): string | null =>
  e164?.startsWith('+84') ? `0${e164.slice(3)}` : null;
export function fromPostPhone(p: string | null | undefined): string | undefined {
  if (!p) return undefined;
  const r = normalisePhone(p);
  return r.ok ? r.value.e164 : undefined;
}

export function toLienHe(c: Contact): LienHe {
  return {
    hoTen: c.fullName,
    donVi: c.unit ?? null,
    soDienThoai: toPostPhone(c.phone),
    diaChi: {
      chiTiet: c.address.text ?? '',
      maXa: c.address.communeCode ?? '',
      maTinh: c.address.provinceCode ?? '',
    },
  };
}
export function fromLienHe(l: LienHe): Record<string, unknown> {
  return compact({
    fullName: l.hoTen,
    unit: l.donVi ?? undefined,
    phone: fromPostPhone(l.soDienThoai),
    address: {
      text: l.diaChi.chiTiet,
      communeCode: l.diaChi.maXa,
      provinceCode: l.diaChi.maTinh,
      catalogue: '2025-07-01',
    },
  });
}

export function toDonHang(b: Booking): DonHang {
  return compact({
    maDonHangKH: b.shipmentRef,
    maHoSo: b.dossierCode,
    nguoiGui: toLienHe(b.sender),
    nguoiNhan: toLienHe(b.recipient),
    noiDungHang: b.contents,
    thuHo: b.cashOnDelivery,
    khungGioLayHang: b.pickupWindow
      ? { tu: toPostTime(b.pickupWindow.from), den: toPostTime(b.pickupWindow.to) }
      : undefined,
  });
}

export function fromBuuGui(g: BuuGui): Record<string, unknown> {
  return compact({
    shipmentRef: g.maDonHangKH,
    trackingNumber: g.soHieuBuuGui,
    dossierCode: g.maHoSo ?? undefined,
    sender: fromLienHe(g.nguoiGui),
    recipient: fromLienHe(g.nguoiNhan),
    contents: g.noiDungHang,
    postage: g.cuocPhi,
    cashOnDelivery: g.thuHo ?? undefined,
    pickupWindow: g.khungGioLayHang
      ? { from: fromPostTime(g.khungGioLayHang.tu), to: fromPostTime(g.khungGioLayHang.den) }
      : undefined,
    status: STATUS[g.trangThai],
    bookedAt: fromPostTime(g.thoiGianTao),
    deliveredAt: g.thoiGianPhat ? fromPostTime(g.thoiGianPhat) : undefined,
    events: g.hanhTrinh.map((e) =>
      compact({
        at: fromPostTime(e.thoiGian),
        status: STATUS[e.trangThai],
        location: e.buuCuc ?? undefined,
        note: e.ghiChu ?? undefined,
      }),
    ),
  });
}

export function fromBangChung(b: BangChungPhat): Record<string, unknown> {
  return compact({
    trackingNumber: b.soHieuBuuGui,
    shipmentRef: b.maDonHangKH,
    deliveredAt: fromPostTime(b.thoiGianPhat),
    receivedBy: compact({
      fullName: b.nguoiNhanThucTe.hoTen,
      relation: RELATION[b.nguoiNhanThucTe.quanHe],
      personalId: b.nguoiNhanThucTe.soGiayTo ?? undefined,
    }),
    signatureSha256: b.chuKySha256 ?? undefined,
    photoSha256: b.anhChupSha256 ?? undefined,
    location: b.toaDo ? { lat: b.toaDo.viDo, lon: b.toaDo.kinhDo } : undefined,
    postman: b.buuTa ?? undefined,
  });
}

export function readError(
  data: unknown,
): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const d = data as { code?: unknown; message?: unknown } | undefined;
  if (typeof d?.code !== 'string' || d.code === CODE.OK) return undefined;
  return {
    upstreamCode: d.code,
    reason: typeof d.message === 'string' ? d.message : undefined,
    notFound: d.code === CODE.NOT_FOUND || d.code === CODE.NOT_DELIVERED,
  };
}

export function envelopeRefusal(code: string, message: string): UpstreamError {
  return new UpstreamError({
    upstream: 'public-postal',
    code: 'rejected',
    upstreamCode: code,
    reason: message,
    notFound: code === CODE.NOT_FOUND || code === CODE.NOT_DELIVERED,
  });
}
