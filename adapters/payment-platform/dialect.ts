/**
 * The payment platform's dialect (upstream/openapi.yaml) as Joi schemas, to read its answers with
 * readUpstream, and as TypeScript types. Times are `dd/MM/yyyy HH:mm:ss` in Asia/Ho_Chi_Minh.
 */
import Joi from 'joi';

export const THOI_GIAN = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/;
const thoiGian = Joi.string().pattern(THOI_GIAN);

export interface NguoiNop {
  loai: 1 | 2;
  soGiayTo: string;
  hoTen: string;
}
export type LoaiKhoan = 'LE_PHI' | 'PHI' | 'THUE' | 'TIEN_SDD' | 'KHAC';
export interface KhoanNop {
  loaiKhoan: LoaiKhoan;
  noiDung: string;
  soTien: number;
  soThongBao?: string;
}
export type KenhThanhToan = 'CHUYEN_KHOAN' | 'THE' | 'VI_DIEN_TU' | 'QR' | 'KHAC';
export interface ThongTinThanhToan {
  soGiaoDichNganHang: string;
  nganHang: string | null;
  kenhThanhToan: KenhThanhToan;
  thoiGianThanhToan: string;
  soTien: number;
}
/** 0 chờ thanh toán, 1 đã thanh toán, 2 hết hạn, 3 thất bại, 4 đã huỷ. */
export type TrangThai = 0 | 1 | 2 | 3 | 4;

export interface YeuCauThanhToan {
  maThamChieu: string;
  maHoSo?: string;
  maTTHC?: string;
  nguoiNop: NguoiNop;
  dsKhoanNop: KhoanNop[];
  tongTien: number;
  noiDung: string;
  thoiHanPhut?: number;
  urlThongBao?: string;
}

export interface GiaoDich {
  maGiaoDich: string;
  maThamChieu: string;
  maHoSo: string | null;
  maTTHC: string | null;
  nguoiNop: NguoiNop;
  dsKhoanNop: KhoanNop[];
  tongTien: number;
  trangThai: TrangThai;
  urlThanhToan: string | null;
  thoiGianTao: string;
  thoiHanThanhToan: string;
  thoiGianThanhToan: string | null;
  thongTinThanhToan: ThongTinThanhToan | null;
  lyDoThatBai: string | null;
}

const nguoiNop = Joi.object({
  loai: Joi.number().valid(1, 2).required(),
  soGiayTo: Joi.string()
    .pattern(/^\d{10,13}$/)
    .required(),
  hoTen: Joi.string().min(1).required(),
});
const khoanNop = Joi.object({
  loaiKhoan: Joi.string().valid('LE_PHI', 'PHI', 'THUE', 'TIEN_SDD', 'KHAC').required(),
  noiDung: Joi.string().min(1).required(),
  soTien: Joi.number().integer().min(1).required(),
  soThongBao: Joi.string(),
});

export const giaoDichSchema = Joi.object({
  maGiaoDich: Joi.string().min(1).required(),
  maThamChieu: Joi.string().min(1).required(),
  maHoSo: Joi.string().allow(null),
  maTTHC: Joi.string().allow(null),
  nguoiNop: nguoiNop.required(),
  dsKhoanNop: Joi.array().items(khoanNop).min(1).required(),
  tongTien: Joi.number().integer().min(1).required(),
  trangThai: Joi.number().valid(0, 1, 2, 3, 4).required(),
  urlThanhToan: Joi.string().uri().allow(null),
  thoiGianTao: thoiGian.required(),
  thoiHanThanhToan: thoiGian.required(),
  thoiGianThanhToan: thoiGian.allow(null),
  thongTinThanhToan: Joi.object({
    soGiaoDichNganHang: Joi.string().min(1).required(),
    nganHang: Joi.string().allow(null),
    kenhThanhToan: Joi.string().valid('CHUYEN_KHOAN', 'THE', 'VI_DIEN_TU', 'QR', 'KHAC').required(),
    thoiGianThanhToan: thoiGian.required(),
    soTien: Joi.number().integer().min(1).required(),
  }).allow(null),
  lyDoThatBai: Joi.string().allow(null),
});

/** The envelope every answer comes in. */
export const phanHoiSchema = Joi.object({
  maLoi: Joi.string()
    .pattern(/^\d{2}$/)
    .required(),
  moTaLoi: Joi.string().allow('').required(),
  duLieu: Joi.any(),
});

/** Error codes (maLoi) of the platform. */
export const MA_LOI = {
  THANH_CONG: '00',
  THAM_SO: '10',
  KHONG_TIM_THAY: '11',
  TRUNG_YEU_CAU: '21',
  TRUNG_THAM_CHIEU: '22',
  TOKEN: '31',
} as const;
