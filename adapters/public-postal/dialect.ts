/** The postal service's dialect (upstream/openapi.yaml) as Joi schemas and TypeScript types. */
import Joi from 'joi';

const thoiGian = Joi.string().pattern(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
export const SO_HIEU = /^[A-Z]{2}\d{9}VN$/;

export interface DiaChi {
  chiTiet: string;
  maXa: string;
  maTinh: string;
}
export interface LienHe {
  hoTen: string;
  donVi?: string | null;
  soDienThoai?: string | null;
  diaChi: DiaChi;
}
/** 100 chờ lấy hàng … 500 phát thành công, 600 phát không thành công, 700 chuyển hoàn, 900 huỷ. */
export type TrangThai = 100 | 200 | 300 | 400 | 500 | 600 | 700 | 900;
export const TRANG_THAI: readonly TrangThai[] = [100, 200, 300, 400, 500, 600, 700, 900];

export interface DonHang {
  maDonHangKH: string;
  maHoSo?: string;
  nguoiGui: LienHe;
  nguoiNhan: LienHe;
  noiDungHang: string;
  thuHo?: number;
  khungGioLayHang?: { tu: string; den: string };
}
export interface BuocHanhTrinh {
  thoiGian: string;
  trangThai: TrangThai;
  buuCuc?: string | null;
  ghiChu?: string | null;
}
export interface BuuGui {
  soHieuBuuGui: string;
  maDonHangKH: string;
  maHoSo: string | null;
  nguoiGui: LienHe;
  nguoiNhan: LienHe;
  noiDungHang: string;
  cuocPhi: number;
  thuHo: number | null;
  khungGioLayHang: { tu: string; den: string } | null;
  trangThai: TrangThai;
  thoiGianTao: string;
  thoiGianPhat: string | null;
  hanhTrinh: BuocHanhTrinh[];
}
export type QuanHe = 'BAN_THAN' | 'NGUOI_THAN' | 'UY_QUYEN' | 'KHAC';
export interface BangChungPhat {
  soHieuBuuGui: string;
  maDonHangKH: string;
  thoiGianPhat: string;
  nguoiNhanThucTe: { hoTen: string; quanHe: QuanHe; soGiayTo?: string | null };
  chuKySha256?: string | null;
  anhChupSha256?: string | null;
  toaDo?: { viDo: number; kinhDo: number } | null;
  buuTa?: string | null;
}

const lienHe = Joi.object({
  hoTen: Joi.string().min(1).required(),
  donVi: Joi.string().allow(null),
  soDienThoai: Joi.string()
    .pattern(/^0\d{9}$/)
    .allow(null),
  diaChi: Joi.object({
    chiTiet: Joi.string().min(1).required(),
    maXa: Joi.string()
      .pattern(/^\d{5}$/)
      .required(),
    maTinh: Joi.string()
      .pattern(/^\d{2}$/)
      .required(),
  }).required(),
});
const trangThai = Joi.number().valid(...TRANG_THAI);

export const buuGuiSchema = Joi.object({
  soHieuBuuGui: Joi.string().pattern(SO_HIEU).required(),
  maDonHangKH: Joi.string().min(1).required(),
  maHoSo: Joi.string().allow(null),
  nguoiGui: lienHe.required(),
  nguoiNhan: lienHe.required(),
  noiDungHang: Joi.string().min(1).required(),
  cuocPhi: Joi.number().integer().min(0).required(),
  thuHo: Joi.number().integer().min(0).allow(null),
  khungGioLayHang: Joi.object({ tu: thoiGian.required(), den: thoiGian.required() }).allow(null),
  trangThai: trangThai.required(),
  thoiGianTao: thoiGian.required(),
  thoiGianPhat: thoiGian.allow(null),
  hanhTrinh: Joi.array()
    .items(
      Joi.object({
        thoiGian: thoiGian.required(),
        trangThai: trangThai.required(),
        buuCuc: Joi.string().allow(null),
        ghiChu: Joi.string().allow(null),
      }),
    )
    .required(),
});

export const bangChungSchema = Joi.object({
  soHieuBuuGui: Joi.string().pattern(SO_HIEU).required(),
  maDonHangKH: Joi.string().min(1).required(),
  thoiGianPhat: thoiGian.required(),
  nguoiNhanThucTe: Joi.object({
    hoTen: Joi.string().min(1).required(),
    quanHe: Joi.string().valid('BAN_THAN', 'NGUOI_THAN', 'UY_QUYEN', 'KHAC').required(),
    soGiayTo: Joi.string().allow(null),
  }).required(),
  chuKySha256: Joi.string()
    .pattern(/^[0-9a-f]{64}$/)
    .allow(null),
  anhChupSha256: Joi.string()
    .pattern(/^[0-9a-f]{64}$/)
    .allow(null),
  toaDo: Joi.object({ viDo: Joi.number().required(), kinhDo: Joi.number().required() }).allow(null),
  buuTa: Joi.string().allow(null),
});

export const phanHoiSchema = Joi.object({
  code: Joi.string().required(),
  message: Joi.string().allow('').required(),
  data: Joi.any(),
});

export const CODE = {
  OK: '00',
  INVALID: '101',
  NOT_FOUND: '104',
  DUPLICATE: '208',
  ORDER_CODE_USED: '209',
  NOT_DELIVERED: '305',
  API_KEY: '401',
} as const;
