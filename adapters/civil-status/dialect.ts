/**
 * The civil-status registry's own dialect (CSDL hộ tịch điện tử, SOAP 1.1, upstream/ho-tich.xsd): its element
 * names, code lists and formats, as TypeScript shapes and Joi schemas of its requests and answers. xml2js
 * delivers every value as a string, drops namespace prefixes, and makes a repeated element an array only when
 * it repeats. Formats: dates dd/MM/yyyy (a person's birth date may be MM/yyyy or yyyy), moments yyyyMMddHHmmss
 * (Asia/Ho_Chi_Minh), sex `Nam`/`Nữ`, flags `0`/`1`, register numbers `<entry>/<year>/<KS|KT|KH>`.
 */
import Joi, { type CustomHelpers } from 'joi';
import { parseDate, parseTimestamp } from '../../contracts/validators/date';

export const NAMESPACE = 'urn:lienthong:sim:ho-tich:v1';
/** Path of the service endpoint below the configured base URL. */
export const ENDPOINT_PATH = '/ws/ho-tich';

/** The register a number belongs to: khai sinh (birth), khai tử (death), kết hôn (marriage). */
export type LoaiSo = 'KS' | 'KT' | 'KH';

/** Codes the registry puts in `soap:Fault/detail/error/code` (all soap:Client faults). */
export const FAULT = {
  /** Request not signed, or its signature does not verify / does not cover exactly the Body. */
  signature: 'CHU_KY_KHONG_HOP_LE',
  badRequest: 'THAM_SO_KHONG_HOP_LE',
  unknownOperation: 'KHONG_HO_TRO',
  /** The registering commune is not a post-reform commune. */
  badCommune: 'NOI_DANG_KY_KHONG_HOP_LE',
  /** The birth certificate (or the child's personal ID) is already in the birth register. */
  alreadyRegistered: 'DA_DANG_KY',
  unknownMother: 'KHONG_XAC_DINH_DUOC_ME',
  unknownFather: 'KHONG_XAC_DINH_DUOC_CHA',
  birthDate: 'NGAY_SINH_KHONG_HOP_LE',
  /** A person to register a death or a marriage for is not in the population database. */
  unknownPerson: 'CONG_DAN_KHONG_XAC_DINH',
  /** A death is already registered for the person. */
  dead: 'DA_KHAI_TU',
  deathDate: 'NGAY_CHET_KHONG_HOP_LE',
  married: 'DA_CO_VO_CHONG',
  underage: 'CHUA_DU_TUOI_KET_HON',
  sexMismatch: 'GIOI_TINH_KHONG_KHOP',
  /** Look-up of a personal ID the registry and the population database do not know. */
  notFound: 'CONG_DAN_KHONG_TON_TAI',
} as const;

export interface DiaChi {
  soNha?: string;
  duongPho?: string;
  thonXom?: string;
  maXa?: string;
  /** Legacy records only: the district (abolished 2025-07-01). */
  maHuyen?: string;
  maTinh?: string;
  /** Catalogue of the codes: '2025' (post-reform codes) or 'CU' (legacy). */
  danhMuc?: '2025' | 'CU';
  diaChiChiTiet?: string;
}

/** A person as the registry refers to one. */
export interface CongDan {
  soDinhDanh?: string;
  soCMND?: string;
  hoTen?: string;
  /** dd/MM/yyyy, MM/yyyy or yyyy */
  ngaySinh?: string;
  gioiTinh?: 'Nam' | 'Nữ';
  quanHe?: string;
}

/** A document issued elsewhere: birth certificate (giấy chứng sinh), death notice (giấy báo tử). */
export interface GiayTo {
  so: string;
  maNoiCap?: string;
  tenNoiCap?: string;
  /** yyyyMMddHHmmss */
  thoiGianCap?: string;
  chuKySo?: string;
}

export interface TreEm {
  hoTen: string;
  ngaySinh: string;
  /** HH:mm */
  gioSinh?: string;
  gioiTinh: 'Nam' | 'Nữ';
  danToc?: string;
  quocTich?: string;
  noiSinh: DiaChi;
  soDinhDanh?: string;
}

/** What the registry adds to every entry of a register. */
export interface DangKy {
  soDangKy: string;
  /** dd/MM/yyyy: the date of the entry (for a marriage, the date of the marriage). */
  ngayDangKy: string;
  /** yyyyMMddHHmmss, electronic registrations only (older entries know the date alone). */
  thoiGianDangKy?: string;
  /** '1' when registered after the statutory time limit (60 days for a birth, 15 for a death). */
  quaHan?: '0' | '1';
}

export interface YeuCauKhaiSinh {
  treEm: TreEm;
  /** Absent only in migrated entries whose mother was not determined. */
  me?: CongDan;
  cha?: CongDan;
  giayChungSinh: GiayTo;
  coSoYTe?: { ma: string; ten?: string };
  nguoiDiKhai?: CongDan;
  noiDangKy: DiaChi;
}
export type KhaiSinh = YeuCauKhaiSinh & DangKy;

export interface YeuCauKhaiTu {
  nguoiChet: CongDan;
  ngayChet: string;
  gioChet?: string;
  noiChet: DiaChi;
  nguyenNhan?: string;
  giayBaoTu: GiayTo;
  nguoiDiKhai: CongDan;
  noiDangKy: DiaChi;
}
export type KhaiTu = YeuCauKhaiTu & DangKy;

export interface YeuCauKetHon {
  benNam: CongDan;
  benNu: CongDan;
  noiDangKy: DiaChi;
}
export type KetHon = YeuCauKetHon & DangKy;

/** TraCuuSuKienHoTichResponse: each list element is absent, one object, or an array (xml2js). */
export interface KetQuaTraCuu {
  soDinhDanh: string;
  tongSo: string;
  khaiSinh?: KhaiSinh | KhaiSinh[];
  ketHon?: KetHon | KetHon[];
  khaiTu?: KhaiTu | KhaiTu[];
}

// --- schemas ----------------------------------------------------------------------------------------------

const validDate = (v: string, h: CustomHelpers) => (parseDate(v).ok ? v : h.error('any.invalid'));
const validMoment = (v: string, h: CustomHelpers) => (parseTimestamp(v).ok ? v : h.error('any.invalid'));

const text = (max = 300) => Joi.string().min(1).max(max);
const ngay = Joi.string()
  .pattern(/^\d{2}\/\d{2}\/\d{4}$/)
  .custom(validDate);
const ngayMotPhan = Joi.string()
  .pattern(/^(\d{2}\/)?(\d{2}\/)?\d{4}$/)
  .custom(validDate);
const thoiGian = Joi.string()
  .pattern(/^\d{14}$/)
  .custom(validMoment);
const gio = Joi.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$/);
const soDinhDanh = Joi.string().pattern(/^\d{12}$/);
const gioiTinh = Joi.string().valid('Nam', 'Nữ');
const soDangKy = (loai: LoaiSo) => Joi.string().pattern(new RegExp(`^\\d{1,6}/\\d{4}/${loai}$`));

export const diaChiSchema = Joi.object({
  soNha: text(50),
  duongPho: text(200),
  thonXom: text(200),
  maXa: Joi.string().pattern(/^\d{5}$/),
  maHuyen: Joi.string().pattern(/^\d{3}$/),
  maTinh: Joi.string().pattern(/^\d{2}$/),
  danhMuc: Joi.string().valid('2025', 'CU'),
  diaChiChiTiet: text(500),
}).or('maXa', 'maTinh', 'diaChiChiTiet');

export const congDanSchema = Joi.object({
  soDinhDanh,
  soCMND: Joi.string().pattern(/^\d{9}$/),
  hoTen: text(),
  ngaySinh: ngayMotPhan,
  gioiTinh,
  quanHe: text(50),
}).or('soDinhDanh', 'soCMND', 'hoTen');

/** A person the registry identifies by personal ID. */
const congDanDinhDanh = congDanSchema.keys({ soDinhDanh: soDinhDanh.required() });

export const giayToSchema = Joi.object({
  so: text(100).required(),
  maNoiCap: text(50),
  tenNoiCap: text(),
  thoiGianCap: thoiGian,
  chuKySo: text(10000),
});

const treEmSchema = Joi.object({
  hoTen: text().required(),
  ngaySinh: ngay.required(),
  gioSinh: gio,
  gioiTinh: gioiTinh.required(),
  danToc: text(50),
  quocTich: Joi.string().pattern(/^[A-Z]{2}$/),
  noiSinh: diaChiSchema.required(),
  soDinhDanh,
});

/** The registering commune: a post-reform commune code. */
const noiDangKy = diaChiSchema.keys({
  maXa: Joi.string()
    .pattern(/^\d{5}$/)
    .required(),
  danhMuc: Joi.string().valid('2025').required(),
});

const dangKy = (loai: LoaiSo) => ({
  soDangKy: soDangKy(loai).required(),
  ngayDangKy: ngay.required(),
  thoiGianDangKy: thoiGian,
  quaHan: Joi.string().valid('0', '1'),
});

const khaiSinhFields = {
  treEm: treEmSchema.required(),
  me: congDanDinhDanh,
  cha: congDanDinhDanh,
  giayChungSinh: giayToSchema.required(),
  coSoYTe: Joi.object({ ma: text(20).required(), ten: text() }),
  nguoiDiKhai: congDanSchema,
  noiDangKy: noiDangKy.required(),
};
const khaiTuFields = {
  nguoiChet: congDanDinhDanh.required(),
  ngayChet: ngay.required(),
  gioChet: gio,
  noiChet: diaChiSchema.required(),
  nguyenNhan: text(500),
  giayBaoTu: giayToSchema.required(),
  nguoiDiKhai: congDanSchema.required(),
  noiDangKy: noiDangKy.required(),
};
const ketHonFields = {
  benNam: congDanDinhDanh.required(),
  benNu: congDanDinhDanh.required(),
  noiDangKy: noiDangKy.required(),
};

// Requests (the simulator validates them; the mapping tests check the adapter's requests against them).
export const yeuCauKhaiSinhSchema = Joi.object({ ...khaiSinhFields, me: congDanDinhDanh.required() });
export const yeuCauKhaiTuSchema = Joi.object(khaiTuFields);
export const yeuCauKetHonSchema = Joi.object(ketHonFields);
export const yeuCauTraCuuSchema = Joi.object({ soDinhDanh: soDinhDanh.required() });

// Entries of the registers, as answers carry them.
export const khaiSinhSchema = Joi.object({ ...khaiSinhFields, ...dangKy('KS') });
export const khaiTuSchema = Joi.object({ ...khaiTuFields, ...dangKy('KT') });
export const ketHonSchema = Joi.object({ ...ketHonFields, ...dangKy('KH') });

// Answers.
export const dangKyKhaiSinhAnswerSchema = Joi.object({
  khaiSinh: khaiSinhSchema.keys({ me: congDanDinhDanh.required() }).required(),
});
export const dangKyKhaiTuAnswerSchema = Joi.object({ khaiTu: khaiTuSchema.required() });
export const dangKyKetHonAnswerSchema = Joi.object({ ketHon: ketHonSchema.required() });

const oneOrMany = (item: Joi.ObjectSchema) => Joi.alternatives().try(Joi.array().items(item).min(1), item);
const count = (v: unknown): number => (v === undefined ? 0 : Array.isArray(v) ? v.length : 1);

export const traCuuAnswerSchema = Joi.object({
  soDinhDanh: soDinhDanh.required(),
  tongSo: Joi.string()
    .pattern(/^\d{1,5}$/)
    .required(),
  khaiSinh: oneOrMany(khaiSinhSchema),
  ketHon: oneOrMany(ketHonSchema),
  khaiTu: oneOrMany(khaiTuSchema),
}).custom((v: KetQuaTraCuu, h) =>
  // The registry states how many entries it sends: a list cut short is a malformed answer.
  count(v.khaiSinh) + count(v.ketHon) + count(v.khaiTu) === Number(v.tongSo) ? v : h.error('any.invalid'),
);

export const pingAnswerSchema = Joi.object({
  trangThai: Joi.string().valid('HOAT_DONG').required(),
  thoiGian: thoiGian.required(),
});
