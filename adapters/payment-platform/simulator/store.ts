/**
 * The simulated payment platform's book of payments: created by reference, refused when the request id
 * was seen (21) or the reference is taken by another request (22); moved to paid, expired or failed by the
 * admin knobs (or expired by the clock); each change notified to the merchant's URL, signed.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { GiaoDich, KenhThanhToan, TrangThai, YeuCauThanhToan } from '../dialect';
import { MA_LOI } from '../dialect';
import { toPlatformTime } from '../mapping';
import { KEY_ID_HEADER, SIGNATURE_HEADER, signNotification } from '../notification';

export type Outcome =
  { ok: true; giaoDich: GiaoDich } | { ok: false; status: number; maLoi: string; moTaLoi: string };

export interface SentNotification {
  maThamChieu: string;
  trangThai: TrangThai;
  url: string;
  status?: number;
  error?: string;
  /** What was posted, exactly (the body and its signature headers), so a test can post it again. */
  body: string;
  headers: Record<string, string>;
}

export class PaymentBook {
  private readonly byRef = new Map<
    string,
    { g: GiaoDich; requestId: string; url?: string; expiresAt: number }
  >();
  private readonly requestIds = new Set<string>();
  readonly sent: SentNotification[] = [];
  readonly keyId = `PAYGOV-${randomBytes(3).toString('hex').toUpperCase()}`;
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  private seq = 0;

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.seed();
  }

  reset(): void {
    this.byRef.clear();
    this.requestIds.clear();
    this.sent.length = 0;
    this.seed();
  }

  /** Two payments the platform holds from the start: one paid, one pending (examples, the demo). */
  private seed(): void {
    this.create('seed-1', {
      maThamChieu: 'HS-SEED-PAID',
      maHoSo: 'HS-2026-000101',
      maTTHC: '1.003010',
      nguoiNop: { loai: 1, soGiayTo: '001099012345', hoTen: 'Nguyễn Văn Nam' },
      dsKhoanNop: [{ loaiKhoan: 'LE_PHI', noiDung: 'Lệ phí đăng ký biến động đất đai', soTien: 50_000 }],
      tongTien: 50_000,
      noiDung: 'Nộp lệ phí hồ sơ HS-2026-000101',
    });
    this.settle('HS-SEED-PAID', 1, { kenh: 'QR' });
    this.create('seed-2', {
      maThamChieu: 'HS-SEED-PENDING',
      maHoSo: 'HS-2026-000102',
      nguoiNop: { loai: 2, soGiayTo: '0100109106', hoTen: 'Công ty TNHH Hoa Sen Việt' },
      dsKhoanNop: [
        { loaiKhoan: 'PHI', noiDung: 'Phí thẩm định hồ sơ', soTien: 200_000 },
        { loaiKhoan: 'LE_PHI', noiDung: 'Lệ phí cấp giấy chứng nhận', soTien: 100_000 },
      ],
      tongTien: 300_000,
      noiDung: 'Nộp phí, lệ phí hồ sơ HS-2026-000102',
      thoiHanPhut: 43_200,
    });
  }

  create(requestId: string, y: YeuCauThanhToan): Outcome {
    if (this.requestIds.has(requestId))
      return {
        ok: false,
        status: 409,
        maLoi: MA_LOI.TRUNG_YEU_CAU,
        moTaLoi: 'Yêu cầu đã được xử lý trước đó',
      };
    if (this.byRef.has(y.maThamChieu))
      return {
        ok: false,
        status: 409,
        maLoi: MA_LOI.TRUNG_THAM_CHIEU,
        moTaLoi: 'Mã tham chiếu đã được sử dụng',
      };
    const sum = y.dsKhoanNop.reduce((a, k) => a + k.soTien, 0);
    if (sum !== y.tongTien)
      return { ok: false, status: 400, maLoi: MA_LOI.THAM_SO, moTaLoi: 'Tổng tiền không khớp các khoản nộp' };
    this.requestIds.add(requestId);
    const created = this.now();
    const expiresAt = created + (y.thoiHanPhut ?? 1440) * 60_000;
    const maGiaoDich = `GD${new Date(created).getUTCFullYear()}${String(++this.seq).padStart(8, '0')}`;
    const g: GiaoDich = {
      maGiaoDich,
      maThamChieu: y.maThamChieu,
      maHoSo: y.maHoSo ?? null,
      maTTHC: y.maTTHC ?? null,
      nguoiNop: y.nguoiNop,
      dsKhoanNop: y.dsKhoanNop,
      tongTien: y.tongTien,
      trangThai: 0,
      urlThanhToan: `${this.baseUrl()}/thanh-toan/${maGiaoDich}`,
      thoiGianTao: toPlatformTime(new Date(created)),
      thoiHanThanhToan: toPlatformTime(new Date(expiresAt)),
      thoiGianThanhToan: null,
      thongTinThanhToan: null,
      lyDoThatBai: null,
    };
    this.byRef.set(y.maThamChieu, { g, requestId, url: y.urlThongBao, expiresAt });
    return { ok: true, giaoDich: g };
  }

  find(ref: string): Outcome {
    const e = this.byRef.get(ref);
    if (!e)
      return { ok: false, status: 404, maLoi: MA_LOI.KHONG_TIM_THAY, moTaLoi: 'Không tìm thấy giao dịch' };
    if (e.g.trangThai === 0 && this.now() >= e.expiresAt) this.settle(ref, 2);
    return { ok: true, giaoDich: e.g };
  }

  /** Admin: pay, expire or fail a pending payment; notifies the merchant. */
  settle(
    ref: string,
    to: 1 | 2 | 3,
    opts: { kenh?: KenhThanhToan; lyDo?: string } = {},
  ): GiaoDich | undefined {
    const e = this.byRef.get(ref);
    if (!e || e.g.trangThai !== 0) return undefined;
    const at = toPlatformTime(new Date(this.now()));
    e.g.trangThai = to;
    e.g.urlThanhToan = null;
    if (to === 1) {
      e.g.thoiGianThanhToan = at;
      e.g.thongTinThanhToan = {
        soGiaoDichNganHang: `FT${String(this.now()).slice(-10)}${this.seq}`,
        nganHang: 'Ngân hàng TMCP Ngoại thương Việt Nam',
        kenhThanhToan: opts.kenh ?? 'CHUYEN_KHOAN',
        thoiGianThanhToan: at,
        soTien: e.g.tongTien,
      };
    }
    if (to === 3) e.g.lyDoThatBai = opts.lyDo ?? 'Giao dịch bị ngân hàng từ chối';
    if (e.url) void this.notify(e.url, e.g);
    return e.g;
  }

  /** Posts a change to the merchant, signed over the exact body bytes. */
  private async notify(url: string, g: GiaoDich): Promise<void> {
    const body = Buffer.from(JSON.stringify(g));
    const headers = {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signNotification(body, this.privateKey),
      [KEY_ID_HEADER]: this.keyId,
    };
    const record: SentNotification = {
      maThamChieu: g.maThamChieu,
      trangThai: g.trangThai,
      url,
      body: body.toString('utf8'),
      headers,
    };
    this.sent.push(record);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(5000),
      });
      record.status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
  }
}
