/**
 * The tax authority's REST dialect (upstream/openapi.yaml): taxpayers (người nộp thuế), notices of obligations
 * (thông báo nộp tiền) and payment vouchers (chứng từ), with its own location codes (maDiaBan), dd/MM/yyyy dates,
 * yyyyMMddHHmmss timestamps, whole-VND integers and errors `{ error: { code, message } }`. The types and the
 * Joi schemas the adapter reads answers with (and the simulator reads requests with).
 */
import Joi from 'joi';

export interface DiaChiThue {
  soNha: string | null;
  duongPho: string | null;
  toThon: string | null;
  /** the commune's name: the tax system keeps no GSO commune code */
  phuongXa: string | null;
  /** the tax authority's 3-digit province location code (crosswalk.ts) */
  maDiaBan: string;
  tinhThanh: string | null;
  diaChiDayDu: string | null;
}

export interface NganhNghe {
  /** VSIC 2018 */
  maNganh: string;
  laNganhChinh: boolean;
}

export type LoaiNguoiNopThue = 'CA_NHAN' | 'HO_KINH_DOANH' | 'TO_CHUC';

export interface NguoiNopThue {
  /** 12 digits (personal ID, from 1 July 2025) or 10/13 digits (organisations) */
  maSoThue: string;
  /** the older 10-digit personal code, still valid as an alias */
  maSoThueCu: string | null;
  loaiNguoiNopThue: LoaiNguoiNopThue;
  tenNguoiNopThue: string;
  soDinhDanh: string | null;
  /** dd/MM/yyyy */
  ngaySinh: string | null;
  tenHoKinhDoanh: string | null;
  diaChi: DiaChiThue;
  nganhNghe: NganhNghe[];
  vonKinhDoanh: number | null;
  maCoQuanThue: string;
  tenCoQuanThue: string;
  /** yyyyMMddHHmmss */
  ngayCapMst: string | null;
  /** 00 active … (TRANG_THAI_NNT in mapping.ts) */
  trangThai: string;
}

/** What a registration sends: the taxpayer's own fields, before the authority assigns anything. */
export type DangKyThue = Pick<
  NguoiNopThue,
  'tenNguoiNopThue' | 'soDinhDanh' | 'ngaySinh' | 'tenHoKinhDoanh' | 'diaChi' | 'nganhNghe' | 'vonKinhDoanh'
> & { loaiNguoiNopThue: 'CA_NHAN' | 'HO_KINH_DOANH' };

/** A party to a transfer as the tax authority names it. */
export interface NguoiNop {
  maSoThue: string;
  tenNguoiNopThue: string;
  soDinhDanh: string | null;
}

export type LoaiNghiaVu = 'THUE_TNCN' | 'LE_PHI_TRUOC_BA' | 'TIEN_SU_DUNG_DAT';
export type KenhNop = 'NGAN_HANG' | 'CONG_DVC' | 'KHO_BAC';

export interface ChungTu {
  soChungTu: string;
  /** yyyyMMddHHmmss */
  ngayNop: string;
  soTien: number;
  kenhNop: KenhNop;
}

export interface ThongBao {
  soThongBao: string;
  loaiNghiaVu: LoaiNghiaVu;
  maHoSo: string | null;
  nguoiNop: NguoiNop;
  /** taxable value, VND */
  giaTriTinhThue: number;
  /** percent, e.g. 2 or 0.5 */
  thueSuat: number;
  soTien: number;
  /** yyyyMMddHHmmss */
  ngayThongBao: string;
  /** dd/MM/yyyy */
  hanNop: string;
  maCoQuanThue: string;
  trangThai: 'CHUA_NOP' | 'DA_NOP';
  chungTu: ChungTu | null;
}

/** The Mẫu 15 slip as the tax authority receives it from the land office. */
export interface PhieuChuyenThongTin {
  soPhieu: string;
  ngayLap: string;
  coQuanGui: { ma: string; ten: string | null };
  maDiaBan: string;
  thuaDat: { soTo: string; soThua: string; diaChi: string | null; dienTich: number; mucDichSuDung: string };
  benChuyenNhuong: NguoiNop[];
  benNhanChuyenNhuong: NguoiNop[];
  giaChuyenNhuong: number;
  giaDatBangGia: number | null;
  lyDoMienGiam: string[];
}

export interface YeuCauNghiaVu {
  maHoSo: string;
  phieuChuyenThongTin: PhieuChuyenThongTin;
}

export interface NghiaVuChuyenNhuong {
  maHoSo: string;
  maCoQuanThue: string;
  tenCoQuanThue: string;
  thongBao: ThongBao[];
  tongTien: number;
}

// --- schemas -------------------------------------------------------------------------------------------------

const text = Joi.string().allow(null, '');
const vnd = Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER);
const TIMESTAMP = /^\d{14}$/;
const DMY = /^\d{2}\/\d{2}\/\d{4}$/;
const maSoThue = Joi.string().pattern(/^(\d{10}|\d{12}|\d{10}-\d{3})$/);

export const diaChiThueSchema = Joi.object({
  soNha: text,
  duongPho: text,
  toThon: text,
  phuongXa: text,
  maDiaBan: Joi.string()
    .pattern(/^\d{3}$/)
    .required(),
  tinhThanh: text,
  diaChiDayDu: text,
});

export const TRANG_THAI_NNT = ['00', '01', '02', '03', '04', '05', '06', '07'] as const;

export const nguoiNopThueSchema = Joi.object({
  maSoThue: maSoThue.required(),
  maSoThueCu: Joi.string()
    .pattern(/^\d{10}$/)
    .allow(null),
  loaiNguoiNopThue: Joi.string().valid('CA_NHAN', 'HO_KINH_DOANH', 'TO_CHUC').required(),
  tenNguoiNopThue: Joi.string().min(1).required(),
  soDinhDanh: Joi.string()
    .pattern(/^\d{12}$/)
    .allow(null)
    .when('loaiNguoiNopThue', { not: 'TO_CHUC', then: Joi.required().invalid(null) }),
  ngaySinh: Joi.string().pattern(DMY).allow(null),
  tenHoKinhDoanh: text,
  diaChi: diaChiThueSchema.required(),
  nganhNghe: Joi.array()
    .items(
      Joi.object({
        maNganh: Joi.string()
          .pattern(/^\d{4,5}$/)
          .required(),
        laNganhChinh: Joi.boolean().required(),
      }),
    )
    .required(),
  vonKinhDoanh: vnd.allow(null),
  maCoQuanThue: Joi.string()
    .pattern(/^\d{5}$/)
    .required(),
  tenCoQuanThue: Joi.string().min(1).required(),
  ngayCapMst: Joi.string().pattern(TIMESTAMP).allow(null),
  trangThai: Joi.string()
    .valid(...TRANG_THAI_NNT)
    .required(),
});

export const dangKyThueSchema = Joi.object({
  loaiNguoiNopThue: Joi.string().valid('CA_NHAN', 'HO_KINH_DOANH').required(),
  tenNguoiNopThue: Joi.string().min(1).required(),
  soDinhDanh: Joi.string()
    .pattern(/^\d{12}$/)
    .required(),
  ngaySinh: Joi.string().pattern(DMY).allow(null),
  tenHoKinhDoanh: text,
  diaChi: diaChiThueSchema.required(),
  nganhNghe: Joi.array()
    .items(Joi.object({ maNganh: Joi.string().pattern(/^\d{4,5}$/), laNganhChinh: Joi.boolean() }))
    .required(),
  vonKinhDoanh: vnd.allow(null),
});

const nguoiNopSchema = Joi.object({
  maSoThue: maSoThue.required(),
  tenNguoiNopThue: Joi.string().min(1).required(),
  soDinhDanh: Joi.string()
    .pattern(/^\d{12}$/)
    .allow(null),
});

export const chungTuSchema = Joi.object({
  soChungTu: Joi.string().min(1).max(50).required(),
  ngayNop: Joi.string().pattern(TIMESTAMP).required(),
  soTien: vnd.required(),
  kenhNop: Joi.string().valid('NGAN_HANG', 'CONG_DVC', 'KHO_BAC').required(),
});

export const thongBaoSchema = Joi.object({
  soThongBao: Joi.string().min(1).max(50).required(),
  loaiNghiaVu: Joi.string().valid('THUE_TNCN', 'LE_PHI_TRUOC_BA', 'TIEN_SU_DUNG_DAT').required(),
  maHoSo: Joi.string().max(50).allow(null),
  nguoiNop: nguoiNopSchema.required(),
  giaTriTinhThue: vnd.required(),
  thueSuat: Joi.number().min(0).max(100).required(),
  soTien: vnd.required(),
  ngayThongBao: Joi.string().pattern(TIMESTAMP).required(),
  hanNop: Joi.string().pattern(DMY).required(),
  maCoQuanThue: Joi.string()
    .pattern(/^\d{5}$/)
    .required(),
  trangThai: Joi.string().valid('CHUA_NOP', 'DA_NOP').required(),
  chungTu: chungTuSchema.allow(null).when('trangThai', { is: 'DA_NOP', then: Joi.required().invalid(null) }),
});

export const nghiaVuSchema = Joi.object({
  maHoSo: Joi.string().min(1).max(50).required(),
  maCoQuanThue: Joi.string()
    .pattern(/^\d{5}$/)
    .required(),
  tenCoQuanThue: Joi.string().min(1).required(),
  thongBao: Joi.array().items(thongBaoSchema).min(1).required(),
  tongTien: vnd.required(),
});

export const yeuCauNghiaVuSchema = Joi.object({
  maHoSo: Joi.string().min(1).max(50).required(),
  phieuChuyenThongTin: Joi.object({
    soPhieu: Joi.string().min(1).max(50).required(),
    ngayLap: Joi.string().pattern(TIMESTAMP).required(),
    coQuanGui: Joi.object({ ma: Joi.string().min(1).required(), ten: text }).required(),
    maDiaBan: Joi.string()
      .pattern(/^\d{3}$/)
      .required(),
    thuaDat: Joi.object({
      soTo: Joi.string().required(),
      soThua: Joi.string().required(),
      diaChi: text,
      dienTich: Joi.number().greater(0).required(),
      mucDichSuDung: Joi.string().required(),
    }).required(),
    benChuyenNhuong: Joi.array().items(nguoiNopSchema).min(1).required(),
    benNhanChuyenNhuong: Joi.array().items(nguoiNopSchema).min(1).required(),
    giaChuyenNhuong: vnd.required(),
    giaDatBangGia: vnd.allow(null),
    lyDoMienGiam: Joi.array().items(Joi.string()).required(),
  }).required(),
});

export const xacNhanNopSchema = Joi.object({
  soThongBao: Joi.string().min(1).max(50).required(),
  soTien: vnd.required(),
  soChungTu: Joi.string().min(1).max(50).required(),
  ngayNop: Joi.string().pattern(TIMESTAMP),
  kenhNop: Joi.string().valid('NGAN_HANG', 'CONG_DVC', 'KHO_BAC').default('NGAN_HANG'),
});
