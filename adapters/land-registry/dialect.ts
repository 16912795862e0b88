/**
 * The land registry's SOAP dialect as xml2js hands it over (upstream/dang-ky-dat-dai.xsd): the element types and
 * the Joi schemas the adapter reads answers with (and the simulator reads requests with). Every leaf is a
 * string; a repeatable element is a value when it occurs once and an array when it occurs more often.
 */
import Joi, { type Schema } from 'joi';

export const NAMESPACE = 'urn:vn:dat-dai:dang-ky:v1';
/** Path of the one SOAP endpoint under the configured base URL. */
export const ENDPOINT_PATH = '/ws/DangKyDatDai';

export type OneOrMany<T> = T | T[];

export interface Nguoi {
  /** CA_NHAN individual, TO_CHUC organisation */
  loaiDoiTuong: 'CA_NHAN' | 'TO_CHUC';
  hoTen: string;
  soDinhDanh?: string;
  maSoThue?: string;
  /** dd/MM/yyyy (MM/yyyy or yyyy for old records) */
  ngaySinh?: string;
  diaChi?: string;
}

export interface DiaChiThuaDat {
  soNha?: string;
  duong?: string;
  thonXom?: string;
  /** commune, post-reform code */
  maXa: string;
  maTinh: string;
  diaChiDayDu?: string;
}

export interface MucDich {
  ma: string;
  dienTich: string;
  /** "Lâu dài" or "Đến ngày dd/MM/yyyy" */
  thoiHan: string;
}

export interface GiayChungNhan {
  soPhatHanh: string;
  soVaoSo: string;
  ngayCap: string;
  coQuanCap?: string;
}

export interface KhoaThua {
  maXa: string;
  soTo: string;
  soThua: string;
}

export interface ThuaDat extends KhoaThua {
  diaChi: DiaChiThuaDat;
  dienTich: string;
  mucDichSuDung: { mucDich: OneOrMany<MucDich> };
  nguonGoc?: string;
  giayChungNhan?: GiayChungNhan;
  chuSuDung: { nguoi: OneOrMany<Nguoi> };
}

export type LoaiBienDong = 'CHUYEN_NHUONG' | 'TANG_CHO' | 'THUA_KE';
export type TrangThaiHoSo = 'DA_TIEP_NHAN' | 'DA_CHUYEN_THUE' | 'DA_CAP_NHAT' | 'TU_CHOI';

export interface HoSoBienDong {
  maHoSo: string;
  loaiBienDong: LoaiBienDong;
  thuaDat: KhoaThua;
  benChuyenNhuong: { nguoi: OneOrMany<Nguoi> };
  benNhanChuyenNhuong: { nguoi: OneOrMany<Nguoi> };
  hopDong: { soHopDong: string; ngayCongChung: string; toChucCongChung?: string };
  /** VND, integer */
  giaKeKhai: string;
}

export interface HoSoDaTiepNhan extends HoSoBienDong {
  /** dd/MM/yyyy HH:mm:ss */
  ngayNhanDuHoSo: string;
  trangThai: TrangThaiHoSo;
}

export interface PhieuChuyenThongTin {
  soPhieu: string;
  ngayLap: string;
  maHoSo: string;
  vanPhongDangKy: { ma: string; ten?: string };
  coQuanThue?: { ma: string; ten?: string };
  thuaDat: KhoaThua;
  diaChiThuaDat: DiaChiThuaDat;
  dienTich: string;
  mucDichSuDung: string;
  benChuyenNhuong: { nguoi: OneOrMany<Nguoi> };
  benNhanChuyenNhuong: { nguoi: OneOrMany<Nguoi> };
  giaKeKhai: string;
  giaDatBangGia?: string;
}

export interface ChungTuNop {
  soThongBao: string;
  soChungTu: string;
  ngayNop: string;
  soTien: string;
}

// --- schemas -------------------------------------------------------------------------------------------------

const oneOrMany = (item: Schema) => Joi.alternatives(Joi.array().items(item).min(1), item);
const text = Joi.string().allow('');
const code = (re: RegExp) => Joi.string().pattern(re);
const DMY = /^\d{2}\/\d{2}\/\d{4}$/;
const PARTIAL_DMY = /^((\d{2}\/)?\d{2}\/)?\d{4}$/;
const TIMESTAMP = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/;
export const decimalString = code(/^\d{1,9}(\.\d{1,2})?$/);
export const integerString = code(/^\d{1,15}$/);

export const khoaThuaSchema = Joi.object({
  maXa: code(/^\d{5}$/).required(),
  soTo: code(/^\d{1,6}$/).required(),
  soThua: code(/^\d{1,6}$/).required(),
});

export const nguoiSchema = Joi.object({
  loaiDoiTuong: Joi.string().valid('CA_NHAN', 'TO_CHUC').required(),
  hoTen: Joi.string().min(1).required(),
  soDinhDanh: code(/^\d{12}$/).when('loaiDoiTuong', {
    is: 'CA_NHAN',
    then: Joi.required(),
    otherwise: Joi.allow(''),
  }),
  maSoThue: code(/^\d{10}(-?\d{3})?$/).when('loaiDoiTuong', {
    is: 'TO_CHUC',
    then: Joi.required(),
    otherwise: Joi.allow(''),
  }),
  ngaySinh: code(PARTIAL_DMY).allow(''),
  diaChi: text,
});

const nguoiList = Joi.object({ nguoi: oneOrMany(nguoiSchema).required() });

export const diaChiThuaDatSchema = Joi.object({
  soNha: text,
  duong: text,
  thonXom: text,
  maXa: code(/^\d{5}$/).required(),
  maTinh: code(/^\d{2}$/).required(),
  diaChiDayDu: text,
});

export const thuaDatSchema = khoaThuaSchema.keys({
  diaChi: diaChiThuaDatSchema.required(),
  dienTich: decimalString.required(),
  mucDichSuDung: Joi.object({
    mucDich: oneOrMany(
      Joi.object({
        ma: code(/^[A-Z]{2,4}$/).required(),
        dienTich: decimalString.required(),
        thoiHan: Joi.string()
          .pattern(/^(Lâu dài|Đến ngày \d{2}\/\d{2}\/\d{4})$/)
          .required(),
      }),
    ).required(),
  }).required(),
  nguonGoc: text,
  giayChungNhan: Joi.object({
    soPhatHanh: code(/^[A-ZĐ]{1,2} ?\d{6,8}$/).required(),
    soVaoSo: Joi.string().min(1).max(30).required(),
    ngayCap: code(DMY).required(),
    coQuanCap: text,
  }),
  chuSuDung: nguoiList.required(),
});

export const hoSoBienDongSchema = Joi.object({
  maHoSo: Joi.string().min(1).max(50).required(),
  loaiBienDong: Joi.string().valid('CHUYEN_NHUONG', 'TANG_CHO', 'THUA_KE').required(),
  thuaDat: khoaThuaSchema.required(),
  benChuyenNhuong: nguoiList.required(),
  benNhanChuyenNhuong: nguoiList.required(),
  hopDong: Joi.object({
    soHopDong: Joi.string().min(1).max(50).required(),
    ngayCongChung: code(DMY).required(),
    toChucCongChung: text,
  }).required(),
  giaKeKhai: integerString.required(),
});

export const hoSoDaTiepNhanSchema = hoSoBienDongSchema.keys({
  ngayNhanDuHoSo: code(TIMESTAMP).required(),
  trangThai: Joi.string().valid('DA_TIEP_NHAN', 'DA_CHUYEN_THUE', 'DA_CAP_NHAT', 'TU_CHOI').required(),
});

const coQuan = Joi.object({ ma: Joi.string().min(1).max(50).required(), ten: text });

export const phieuSchema = Joi.object({
  soPhieu: Joi.string().min(1).max(50).required(),
  ngayLap: code(TIMESTAMP).required(),
  maHoSo: Joi.string().min(1).max(50).required(),
  vanPhongDangKy: coQuan.required(),
  coQuanThue: coQuan,
  thuaDat: khoaThuaSchema.required(),
  diaChiThuaDat: diaChiThuaDatSchema.required(),
  dienTich: decimalString.required(),
  mucDichSuDung: code(/^[A-Z]{2,4}$/).required(),
  benChuyenNhuong: nguoiList.required(),
  benNhanChuyenNhuong: nguoiList.required(),
  giaKeKhai: integerString.required(),
  giaDatBangGia: integerString.allow(''),
});

export const chungTuSchema = Joi.object({
  soThongBao: Joi.string().min(1).max(50).required(),
  soChungTu: Joi.string().min(1).max(50).required(),
  ngayNop: code(TIMESTAMP).required(),
  soTien: integerString.required(),
});

// --- answers (the content of each response element) ----------------------------------------------------------

export const traCuuAnswer = Joi.object({ thuaDat: thuaDatSchema.required() });
export const dangKyAnswer = Joi.object({ hoSo: hoSoDaTiepNhanSchema.required() });
export const lapPhieuAnswer = Joi.object({ phieu: phieuSchema.required() });
export const capNhatAnswer = Joi.object({
  maHoSo: Joi.string().min(1).max(50).required(),
  ngayCapNhat: code(TIMESTAMP).required(),
  thuaDat: thuaDatSchema.required(),
});

// --- requests (read by the simulator) ------------------------------------------------------------------------

export const dangKyRequest = Joi.object({ hoSo: hoSoBienDongSchema.required() });
export const lapPhieuRequest = Joi.object({ maHoSo: Joi.string().min(1).max(50).required() });
export const capNhatRequest = Joi.object({
  maHoSo: Joi.string().min(1).max(50).required(),
  chungTuNop: Joi.object({ chungTu: oneOrMany(chungTuSchema).required() }).required(),
});
