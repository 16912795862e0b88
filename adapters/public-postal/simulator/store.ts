/**
 * The simulated postal service's items: booked by the customer's order code (a repeated request id gets
 * code 208 and no data; an order code used by another booking 209), numbered in the S10 format, moved along
 * their journey by the admin knobs (advance, deliver, fail delivery, return), with a proof of delivery once
 * delivered.
 */
import { createHash } from 'node:crypto';
import type { BangChungPhat, BuuGui, DonHang, QuanHe, TrangThai } from '../dialect';
import { CODE } from '../dialect';
import { toPostTime } from '../mapping';

export type Outcome<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

/** The S10 check digit (UPU): weights 8 6 4 2 3 5 9 7; 11 − sum mod 11, 10 → 0, 11 → 5. */
export function s10(prefix: string, serial: number): string {
  const digits = String(serial).padStart(8, '0').slice(-8);
  const sum = [8, 6, 4, 2, 3, 5, 9, 7].reduce((a, w, i) => a + w * Number(digits[i]), 0);
  const c = 11 - (sum % 11);
  return `${prefix}${digits}${c === 10 ? 0 : c === 11 ? 5 : c}VN`;
}

const OFFICE: Record<TrangThai, string> = {
  100: 'Bưu cục Trung tâm Hành chính công',
  200: 'Bưu cục Trung tâm Hành chính công',
  300: 'Trung tâm Khai thác Vận chuyển',
  400: 'Bưu cục phát',
  500: 'Bưu cục phát',
  600: 'Bưu cục phát',
  700: 'Bưu cục Trung tâm Hành chính công',
  900: 'Bưu cục Trung tâm Hành chính công',
};

export class PostBook {
  private readonly items = new Map<string, BuuGui>();
  private readonly byOrder = new Map<string, string>();
  private readonly proofs = new Map<string, BangChungPhat>();
  private readonly requestIds = new Set<string>();
  static readonly FIRST_SERIAL = 12_345_001;
  private serial = PostBook.FIRST_SERIAL - 1;

  constructor(private readonly now: () => number = Date.now) {}

  reset(): void {
    this.items.clear();
    this.byOrder.clear();
    this.proofs.clear();
    this.requestIds.clear();
    this.serial = PostBook.FIRST_SERIAL - 1;
  }

  book(requestId: string, d: DonHang): Outcome<BuuGui> {
    if (this.requestIds.has(requestId))
      return { ok: false, status: 200, code: CODE.DUPLICATE, message: 'Yêu cầu đã được tiếp nhận trước đó' };
    if (this.byOrder.has(d.maDonHangKH))
      return { ok: false, status: 409, code: CODE.ORDER_CODE_USED, message: 'Mã đơn hàng đã được sử dụng' };
    this.requestIds.add(requestId);
    const soHieu = s10('EB', ++this.serial);
    const at = toPostTime(new Date(this.now()));
    const g: BuuGui = {
      soHieuBuuGui: soHieu,
      maDonHangKH: d.maDonHangKH,
      maHoSo: d.maHoSo ?? null,
      nguoiGui: d.nguoiGui,
      nguoiNhan: d.nguoiNhan,
      noiDungHang: d.noiDungHang,
      cuocPhi: d.nguoiGui.diaChi.maTinh === d.nguoiNhan.diaChi.maTinh ? 25_000 : 32_000,
      thuHo: d.thuHo ?? null,
      khungGioLayHang: d.khungGioLayHang ?? null,
      trangThai: 100,
      thoiGianTao: at,
      thoiGianPhat: null,
      hanhTrinh: [
        { thoiGian: at, trangThai: 100, buuCuc: OFFICE[100], ghiChu: 'Đã tiếp nhận yêu cầu lấy hàng' },
      ],
    };
    this.items.set(soHieu, g);
    this.byOrder.set(d.maDonHangKH, soHieu);
    return { ok: true, data: g };
  }

  item(soHieu: string): Outcome<BuuGui> {
    const g = this.items.get(soHieu);
    return g
      ? { ok: true, data: g }
      : { ok: false, status: 404, code: CODE.NOT_FOUND, message: 'Không tìm thấy bưu gửi' };
  }

  byOrderCode(ref: string): Outcome<BuuGui> {
    const s = this.byOrder.get(ref);
    return s
      ? this.item(s)
      : { ok: false, status: 404, code: CODE.NOT_FOUND, message: 'Không tìm thấy đơn hàng' };
  }

  proof(soHieu: string): Outcome<BangChungPhat> {
    if (!this.items.has(soHieu))
      return { ok: false, status: 404, code: CODE.NOT_FOUND, message: 'Không tìm thấy bưu gửi' };
    const p = this.proofs.get(soHieu);
    return p
      ? { ok: true, data: p }
      : { ok: false, status: 404, code: CODE.NOT_DELIVERED, message: 'Bưu gửi chưa được phát thành công' };
  }

  /** Admin: the next step of the journey (100 → 200 → 300 → 400). */
  advance(soHieu: string): BuuGui | undefined {
    const g = this.items.get(soHieu);
    const next = ({ 100: 200, 200: 300, 300: 400, 600: 400 } as Partial<Record<TrangThai, TrangThai>>)[
      g?.trangThai ?? 900
    ];
    return g && next ? this.move(g, next) : undefined;
  }

  /** Admin: delivered, to the recipient or to someone else, with a proof. */
  deliver(soHieu: string, to?: { hoTen?: string; quanHe?: QuanHe; soGiayTo?: string }): BuuGui | undefined {
    const g = this.items.get(soHieu);
    if (!g || ![100, 200, 300, 400, 600].includes(g.trangThai)) return undefined;
    this.move(g, 500);
    g.thoiGianPhat = g.hanhTrinh[g.hanhTrinh.length - 1].thoiGian;
    const digest = (s: string) => createHash('sha256').update(s).digest('hex');
    this.proofs.set(soHieu, {
      soHieuBuuGui: soHieu,
      maDonHangKH: g.maDonHangKH,
      thoiGianPhat: g.thoiGianPhat,
      nguoiNhanThucTe: {
        hoTen: to?.hoTen ?? g.nguoiNhan.hoTen,
        quanHe: to?.quanHe ?? 'BAN_THAN',
        soGiayTo: to?.soGiayTo ?? null,
      },
      chuKySha256: digest(`chu-ky:${soHieu}`),
      anhChupSha256: digest(`anh:${soHieu}`),
      toaDo: { viDo: 21.0333, kinhDo: 105.8342 },
      buuTa: 'Bưu tá Nguyễn Văn Bình',
    });
    return g;
  }

  /** Admin: a delivery attempt failed (nobody home); `returned` sends it back to the sender. */
  fail(soHieu: string, note = 'Người nhận vắng nhà'): BuuGui | undefined {
    const g = this.items.get(soHieu);
    return g && [300, 400].includes(g.trangThai) ? this.move(g, 600, note) : undefined;
  }
  returnToSender(soHieu: string): BuuGui | undefined {
    const g = this.items.get(soHieu);
    return g && [400, 600].includes(g.trangThai) ? this.move(g, 700, 'Chuyển hoàn về nơi gửi') : undefined;
  }

  private move(g: BuuGui, to: TrangThai, note?: string): BuuGui {
    g.trangThai = to;
    g.hanhTrinh.push({
      thoiGian: toPostTime(new Date(this.now())),
      trangThai: to,
      buuCuc: OFFICE[to],
      ghiChu: note ?? null,
    });
    return g;
  }
}
