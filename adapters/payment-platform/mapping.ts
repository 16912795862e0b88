/**
 * Pure mapping between canonical payments (payment@1) and the payment platform's dialect: a payment
 * request → YeuCauThanhToan, a GiaoDich → payment@1, the envelope's error code → an UpstreamError. No I/O.
 */
import { parseTimestamp, toPortalTimestamp } from '../../contracts/validators/date';
import { compact, UpstreamError } from '../sdk';
import type {
  GiaoDich,
  KenhThanhToan,
  KhoanNop,
  LoaiKhoan,
  NguoiNop,
  TrangThai,
  YeuCauThanhToan,
} from './dialect';
import { MA_LOI } from './dialect';

const UPSTREAM = 'payment-platform';

export interface PaymentItem {
  kind: 'fee' | 'charge' | 'tax' | 'land-levy' | 'other';
  description: string;
  amount: number;
  noticeNumber?: string;
}
export interface Payer {
  kind: 'individual' | 'organisation';
  fullName: string;
  personalId?: string;
  taxCode?: string;
}
export interface PaymentRequest {
  paymentRef: string;
  dossierCode?: string;
  procedureCode?: string;
  payer: Payer;
  items: PaymentItem[];
  description: string;
  expiresInMinutes?: number;
}

const KIND_TO: Record<PaymentItem['kind'], LoaiKhoan> = {
  fee: 'LE_PHI',
  charge: 'PHI',
  tax: 'THUE',
  'land-levy': 'TIEN_SDD',
  other: 'KHAC',
};
const KIND_FROM = Object.fromEntries(Object.entries(KIND_TO).map(([k, v]) => [v, k])) as Record<
  LoaiKhoan,
  PaymentItem['kind']
>;
export const STATUS_FROM: Record<TrangThai, string> = {
  0: 'pending',
  1: 'paid',
  2: 'expired',
  3: 'failed',
  4: 'cancelled',
};
const CHANNEL_FROM: Record<KenhThanhToan, string> = {
  CHUYEN_KHOAN: 'bank-transfer',
  THE: 'card',
  VI_DIEN_TU: 'e-wallet',
  QR: 'qr',
  KHAC: 'other',
};

/** dd/MM/yyyy HH:mm:ss (+07:00) → canonical timestamp. */
export function fromPlatformTime(t: string): string {
  const r = parseTimestamp(t);
  if (!r.ok) throw new RangeError(`not a platform time: ${t}`);
  return r.value;
}

/** Canonical timestamp → dd/MM/yyyy HH:mm:ss (+07:00). */
export function toPlatformTime(iso: string | Date): string {
  const p = toPortalTimestamp(typeof iso === 'string' ? iso : iso.toISOString());
  return `${p.slice(6, 8)}/${p.slice(4, 6)}/${p.slice(0, 4)} ${p.slice(8, 10)}:${p.slice(10, 12)}:${p.slice(12, 14)}`;
}

export const toNguoiNop = (p: Payer): NguoiNop => ({
  loai: p.kind === 'individual' ? 1 : 2,
  soGiayTo: (p.kind === 'individual' ? p.personalId : p.taxCode) ?? '',
  hoTen: p.fullName,
});

export const fromNguoiNop = (n: NguoiNop): Payer =>
  n.loai === 1
    ? { kind: 'individual', fullName: n.hoTen, personalId: n.soGiayTo }
    : { kind: 'organisation', fullName: n.hoTen, taxCode: n.soGiayTo };

export function toYeuCau(r: PaymentRequest, notificationUrl?: string): YeuCauThanhToan {
  const ds: KhoanNop[] = r.items.map((i) =>
    compact({
      loaiKhoan: KIND_TO[i.kind],
      noiDung: i.description,
      soTien: i.amount,
      soThongBao: i.noticeNumber,
    }),
  );
  return compact({
    maThamChieu: r.paymentRef,
    maHoSo: r.dossierCode,
    maTTHC: r.procedureCode,
    nguoiNop: toNguoiNop(r.payer),
    dsKhoanNop: ds,
    tongTien: r.items.reduce((a, i) => a + i.amount, 0),
    noiDung: r.description,
    thoiHanPhut: r.expiresInMinutes,
    urlThongBao: notificationUrl,
  });
}

/** A GiaoDich (read with its dialect schema) → payment@1. */
export function fromGiaoDich(g: GiaoDich): Record<string, unknown> {
  const tt = g.thongTinThanhToan;
  return compact({
    paymentRef: g.maThamChieu,
    platformTransactionId: g.maGiaoDich,
    dossierCode: g.maHoSo ?? undefined,
    procedureCode: g.maTTHC ?? undefined,
    payer: fromNguoiNop(g.nguoiNop),
    items: g.dsKhoanNop.map((k) =>
      compact({
        kind: KIND_FROM[k.loaiKhoan],
        description: k.noiDung,
        amount: k.soTien,
        noticeNumber: k.soThongBao,
      }),
    ),
    amount: g.tongTien,
    currency: 'VND',
    status: STATUS_FROM[g.trangThai],
    payUrl: g.trangThai === 0 ? (g.urlThanhToan ?? undefined) : undefined,
    createdAt: fromPlatformTime(g.thoiGianTao),
    expiresAt: fromPlatformTime(g.thoiHanThanhToan),
    paidAt: g.thoiGianThanhToan ? fromPlatformTime(g.thoiGianThanhToan) : undefined,
    receipt: tt
      ? compact({
          transactionNumber: tt.soGiaoDichNganHang,
          bank: tt.nganHang ?? undefined,
          channel: CHANNEL_FROM[tt.kenhThanhToan],
          paidAt: fromPlatformTime(tt.thoiGianThanhToan),
          amount: tt.soTien,
        })
      : undefined,
    failureReason: g.lyDoThatBai ?? undefined,
  });
}

/** The envelope's error code: not found (11) is notFound; everything but 00 is a refusal. */
export function readError(
  data: unknown,
): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const d = data as { maLoi?: unknown; moTaLoi?: unknown } | undefined;
  if (typeof d?.maLoi !== 'string' || d.maLoi === MA_LOI.THANH_CONG) return undefined;
  return {
    upstreamCode: d.maLoi,
    reason: typeof d.moTaLoi === 'string' ? d.moTaLoi : undefined,
    notFound: d.maLoi === MA_LOI.KHONG_TIM_THAY,
  };
}

/** An envelope answered with HTTP 200 but an error code (never expected, but refused the same way). */
export function envelopeRefusal(maLoi: string, moTaLoi: string): UpstreamError {
  return new UpstreamError({
    upstream: UPSTREAM,
    code: 'rejected',
    upstreamCode: maLoi,
    reason: moTaLoi,
    notFound: maLoi === MA_LOI.KHONG_TIM_THAY,
  });
}
