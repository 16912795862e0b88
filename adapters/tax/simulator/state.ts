/**
 * The tax simulator's own state beside the frozen population: registrations made through it, the notices it
 * issued for transfers, and their payment. Notices are paid when the treasury/bank confirms (pay()), or by the
 * simulator itself `autoPayAfterMs` after issue — settled lazily when the notice is next read, so no timers run.
 */
import { nameComparisonKey } from '../../../contracts/validators/name';
import { toPortalTimestamp, todayInVietnam } from '../../../contracts/validators/date';
import type { Population } from '../../sdk/simulator/population';
import { gsoProvinceOf } from '../crosswalk';
import type {
  DangKyThue,
  KenhNop,
  NghiaVuChuyenNhuong,
  NguoiNopThue,
  ThongBao,
  YeuCauNghiaVu,
} from '../dialect';
import { dmy, knownTaxpayers, seededNotices, taxOffice } from './records';
import { transferCharges, type TransferTaxRules } from './transfer-tax';

/** A refusal in the authority's words, with its HTTP status. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

interface Issued {
  notice: ThongBao;
  issuedAtMs: number;
}

const stamp = (now: Date): string => toPortalTimestamp(now.toISOString());

function plusDays(now: Date, days: number): string {
  const d = new Date(`${todayInVietnam(now)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return dmy(d.toISOString());
}

export class TaxState {
  private readonly known: ReturnType<typeof knownTaxpayers>;
  private readonly registered = new Map<string, NguoiNopThue>();
  private readonly notices = new Map<string, Issued>();
  private readonly dossiers = new Map<string, string[]>();
  private serial = 0;

  constructor(
    private readonly pop: Population,
    private readonly rules: TransferTaxRules,
    public autoPayAfterMs: number | null,
  ) {
    this.known = knownTaxpayers(pop);
    this.reset();
  }

  reset(): void {
    this.registered.clear();
    this.notices.clear();
    this.dossiers.clear();
    this.serial = 999;
    for (const notice of seededNotices(this.pop, this.rules)) {
      this.notices.set(notice.soThongBao, { notice, issuedAtMs: Date.parse('2025-12-20T09:30:00+07:00') });
    }
  }

  /** By tax ID (12-digit personal ID, or an older 10-digit alias) or by personal ID. */
  taxpayer(id: string): NguoiNopThue {
    const key = this.known.aliases.get(id) ?? id;
    const t = this.registered.get(key) ?? this.known.byId.get(key);
    if (!t) throw new Refusal(404, 'NNT_KHONG_TON_TAI', 'Không tìm thấy người nộp thuế');
    return t;
  }

  register(d: DangKyThue, now: Date): NguoiNopThue {
    const person = this.pop.person(d.soDinhDanh ?? '');
    if (
      !person ||
      nameComparisonKey(person.fullName) !== nameComparisonKey(d.tenNguoiNopThue) ||
      (d.ngaySinh !== null && d.ngaySinh !== dmy(person.dateOfBirth))
    ) {
      throw new Refusal(
        422,
        'KHONG_KHOP_CSDL_DAN_CU',
        'Thông tin cá nhân không khớp Cơ sở dữ liệu quốc gia về dân cư',
      );
    }
    if (!this.isKnownLocation(d.diaChi.maDiaBan)) {
      throw new Refusal(
        400,
        'MA_DIA_BAN_KHONG_HOP_LE',
        `Mã địa bàn ${d.diaChi.maDiaBan} không có trong danh mục`,
      );
    }
    const existing = this.registered.get(person.personalId) ?? this.known.byId.get(person.personalId);
    const business = d.loaiNguoiNopThue === 'HO_KINH_DOANH';
    if (existing && (!business || existing.loaiNguoiNopThue === 'HO_KINH_DOANH')) {
      const code = business ? 'DA_DANG_KY_HKD' : 'DA_CO_MST';
      throw new Refusal(409, code, `Người nộp thuế đã có mã số thuế ${existing.maSoThue}`);
    }
    if (business && (!d.tenHoKinhDoanh || d.nganhNghe.length === 0)) {
      throw new Refusal(400, 'THAM_SO_KHONG_HOP_LE', 'Hộ kinh doanh cần tên và ngành nghề kinh doanh');
    }
    const record: NguoiNopThue = {
      maSoThue: person.personalId,
      maSoThueCu: existing?.maSoThueCu ?? null,
      loaiNguoiNopThue: d.loaiNguoiNopThue,
      tenNguoiNopThue: d.tenNguoiNopThue,
      soDinhDanh: person.personalId,
      ngaySinh: d.ngaySinh,
      tenHoKinhDoanh: d.tenHoKinhDoanh || null,
      diaChi: d.diaChi,
      nganhNghe: d.nganhNghe,
      vonKinhDoanh: d.vonKinhDoanh,
      ...taxOffice(d.diaChi.maDiaBan),
      ngayCapMst: stamp(now),
      trangThai: '00',
    };
    this.registered.set(person.personalId, record);
    return record;
  }

  /** Notices for a transfer, from the land office's Mẫu 15 slip. */
  obligations(y: YeuCauNghiaVu, now: Date): NghiaVuChuyenNhuong {
    const slip = y.phieuChuyenThongTin;
    if (!this.isKnownLocation(slip.maDiaBan)) {
      throw new Refusal(
        400,
        'MA_DIA_BAN_KHONG_HOP_LE',
        `Mã địa bàn ${slip.maDiaBan} không có trong danh mục`,
      );
    }
    const done = this.dossiers.get(y.maHoSo);
    if (done) throw new Refusal(409, 'HO_SO_DA_XU_LY', `Hồ sơ đã có thông báo ${done.join(', ')}`);
    const office = taxOffice(slip.maDiaBan);
    const charges = transferCharges(
      {
        declaredPrice: slip.giaChuyenNhuong,
        areaM2: slip.thuaDat.dienTich,
        pricePerM2: slip.giaDatBangGia,
        transferorIsIndividual: Boolean(slip.benChuyenNhuong[0].soDinhDanh),
      },
      this.rules,
    );
    const thongBao = charges.map((c): ThongBao => {
      this.serial++;
      const notice: ThongBao = {
        soThongBao: `${String(this.serial).padStart(6, '0')}/TB-${office.maCoQuanThue}`,
        loaiNghiaVu: c.kind,
        maHoSo: y.maHoSo,
        nguoiNop: c.payer === 'transferor' ? slip.benChuyenNhuong[0] : slip.benNhanChuyenNhuong[0],
        giaTriTinhThue: c.taxableValue,
        thueSuat: c.ratePercent,
        soTien: c.amount,
        ngayThongBao: stamp(now),
        hanNop: plusDays(now, this.rules.dueDays),
        maCoQuanThue: office.maCoQuanThue,
        trangThai: 'CHUA_NOP',
        chungTu: null,
      };
      this.notices.set(notice.soThongBao, { notice, issuedAtMs: now.getTime() });
      return notice;
    });
    this.dossiers.set(
      y.maHoSo,
      thongBao.map((t) => t.soThongBao),
    );
    return { maHoSo: y.maHoSo, ...office, thongBao, tongTien: thongBao.reduce((s, t) => s + t.soTien, 0) };
  }

  notice(soThongBao: string, now: Date): ThongBao {
    const issued = this.notices.get(soThongBao);
    if (!issued) throw new Refusal(404, 'THONG_BAO_KHONG_TON_TAI', 'Không tìm thấy thông báo');
    const due = this.autoPayAfterMs === null ? undefined : issued.issuedAtMs + this.autoPayAfterMs;
    if (issued.notice.trangThai === 'CHUA_NOP' && due !== undefined && now.getTime() >= due) {
      const voucher = `TD-${soThongBao.replace(/\D/g, '')}`;
      this.settle(issued, voucher, issued.notice.soTien, new Date(due), 'NGAN_HANG');
    }
    return issued.notice;
  }

  /** The treasury or a bank confirms a payment: the amount must be the notice's, and only once. */
  pay(
    c: { soThongBao: string; soTien: number; soChungTu: string; ngayNop?: string; kenhNop: KenhNop },
    now: Date,
  ): ThongBao {
    const notice = this.notice(c.soThongBao, now);
    if (notice.trangThai === 'DA_NOP') throw new Refusal(409, 'DA_NOP', 'Thông báo đã được nộp đủ');
    if (c.soTien !== notice.soTien) {
      throw new Refusal(422, 'SO_TIEN_KHONG_KHOP', `Số tiền phải nộp là ${notice.soTien}`);
    }
    const issued = this.notices.get(c.soThongBao)!;
    return this.settle(issued, c.soChungTu, c.soTien, now, c.kenhNop, c.ngayNop);
  }

  summary() {
    return {
      autoPayAfterMs: this.autoPayAfterMs,
      registrations: this.registered.size,
      notices: [...this.notices.values()].map(({ notice: n }) => ({
        soThongBao: n.soThongBao,
        maHoSo: n.maHoSo,
        loaiNghiaVu: n.loaiNghiaVu,
        soTien: n.soTien,
        trangThai: n.trangThai,
      })),
    };
  }

  private settle(
    issued: Issued,
    soChungTu: string,
    soTien: number,
    at: Date,
    kenhNop: KenhNop,
    ngayNop?: string,
  ) {
    issued.notice = {
      ...issued.notice,
      trangThai: 'DA_NOP',
      chungTu: { soChungTu, ngayNop: ngayNop ?? stamp(at), soTien, kenhNop },
    };
    return issued.notice;
  }

  private isKnownLocation(maDiaBan: string): boolean {
    try {
      gsoProvinceOf(maDiaBan);
      return true;
    } catch {
      return false;
    }
  }
}
