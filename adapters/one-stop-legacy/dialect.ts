/**
 * The legacy one-stop system's dialect as upstream/openapi.yaml describes it: PascalCase Vietnamese field names
 * without diacritics, dd/MM/yy dates and dd/MM/yy HH:mm moments (two-digit years), legacy commune codes with old
 * district codes, 10- or 11-digit phone numbers, its own status, channel and procedure codes, text in TCVN3.
 * Types and the Joi schemas its answers are read with (after legacy-text.ts has converted the text).
 */
import Joi from 'joi';
import { LEGACY_CHANNEL_CODES, LEGACY_STATUS_CODES, type LegacyChannel, type LegacyStatus } from './codes';

export interface DonVi {
  Ma: string;
  Ten?: string | null;
}

/** An address in the legacy catalogue: MaXa is a pre-2025 commune code, MaHuyen the old district. */
export interface DiaChi {
  SoNha?: string | null;
  Duong?: string | null;
  ThonXom?: string | null;
  MaXa?: string | null;
  MaHuyen?: string | null;
  MaTinh?: string | null;
  DiaChiDayDu?: string | null;
}

export interface NguoiNop {
  HoTen: string;
  LoaiDoiTuong: 'CONG_DAN' | 'TO_CHUC';
  /** CCCD (12 digits) of a citizen, tax code of an organisation. */
  SoGiayTo: string;
  /** dd/MM/yy, citizens only. */
  NgaySinh?: string | null;
  /** National form, 10 digits, or the 11-digit mobile of before 2018. */
  DienThoai?: string | null;
  Email?: string | null;
  DiaChi?: DiaChi | null;
}

export interface LePhi {
  Ten: string;
  SoTien: number;
  DaNop: 0 | 1;
  SoBienLai?: string | null;
}

export interface GiayTo {
  Ma?: string | null;
  Ten: string;
  SoKyHieu?: string | null;
}

export interface QuaTrinh {
  /** dd/MM/yy HH:mm */
  ThoiGian: string;
  TrangThai: LegacyStatus;
  CanBo?: string | null;
  DonVi?: DonVi | null;
  GhiChu?: string | null;
  /** dd/MM/yy HH:mm — the supplement deadline of a CHO_BO_SUNG entry. */
  HanBoSung?: string | null;
}

export interface HoSo {
  MaHoSo: string;
  /** T-XXX-dddddd-TT */
  MaThuTuc: string;
  TenThuTuc: string;
  NguoiNop: NguoiNop;
  TrichYeu?: string | null;
  NgayNhan: string;
  NgayHenTra: string;
  NgayXong?: string | null;
  NgayTra?: string | null;
  DonViXuLy: DonVi;
  KenhNop: LegacyChannel;
  /** Old online-service level 1–4. */
  MucDo: 1 | 2 | 3 | 4;
  ThanhToanTrucTuyen: 0 | 1;
  LePhi: LePhi[];
  GiayTo: GiayTo[];
  TrangThai: LegacyStatus;
  QuaTrinh: QuaTrinh[];
}

/** One page of DanhSach. */
export interface TrangHoSo {
  TongSo: number;
  Trang: number;
  SoDong: number;
  DanhSach: unknown[];
}

export const MOMENT = /^\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}$/;
export const DAY = /^\d{2}\/\d{2}\/\d{2}$/;
export const DOSSIER_CODE = /^[A-Za-z0-9.\-_]{4,50}$/;
export const OLD_PROCEDURE_CODE = /^T-[A-Z]{3}-\d{6}-TT$/;

const text = Joi.string().allow(null, '');
const moment = Joi.string().pattern(MOMENT);
const donVi = Joi.object({ Ma: Joi.string().min(1).required(), Ten: text });
const status = Joi.string().valid(...LEGACY_STATUS_CODES);

const diaChi = Joi.object({
  SoNha: text,
  Duong: text,
  ThonXom: text,
  MaXa: Joi.string()
    .pattern(/^\d{5}$/)
    .allow(null, ''),
  MaHuyen: Joi.string()
    .pattern(/^\d{3}$/)
    .allow(null, ''),
  MaTinh: Joi.string()
    .pattern(/^\d{2}$/)
    .allow(null, ''),
  DiaChiDayDu: text,
}).allow(null);

export const hoSoSchema = Joi.object({
  MaHoSo: Joi.string().pattern(DOSSIER_CODE).required(),
  MaThuTuc: Joi.string().pattern(OLD_PROCEDURE_CODE).required(),
  TenThuTuc: Joi.string().min(1).required(),
  NguoiNop: Joi.object({
    HoTen: Joi.string().min(1).required(),
    LoaiDoiTuong: Joi.string().valid('CONG_DAN', 'TO_CHUC').required(),
    SoGiayTo: Joi.string()
      .pattern(/^[\d-]{9,14}$/)
      .required(),
    NgaySinh: Joi.string().pattern(DAY).allow(null, ''),
    DienThoai: Joi.string()
      .pattern(/^\d{10,11}$/)
      .allow(null, ''),
    Email: text,
    DiaChi: diaChi,
  }).required(),
  TrichYeu: text,
  NgayNhan: moment.required(),
  NgayHenTra: moment.required(),
  NgayXong: moment.allow(null, ''),
  NgayTra: moment.allow(null, ''),
  DonViXuLy: donVi.required(),
  KenhNop: Joi.string()
    .valid(...LEGACY_CHANNEL_CODES)
    .required(),
  MucDo: Joi.number().valid(1, 2, 3, 4).required(),
  ThanhToanTrucTuyen: Joi.number().valid(0, 1).required(),
  LePhi: Joi.array()
    .items(
      Joi.object({
        Ten: Joi.string().min(1).required(),
        SoTien: Joi.number().integer().min(0).required(),
        DaNop: Joi.number().valid(0, 1).required(),
        SoBienLai: text,
      }),
    )
    .required(),
  GiayTo: Joi.array()
    .items(Joi.object({ Ma: text, Ten: Joi.string().min(1).required(), SoKyHieu: text }))
    .required(),
  TrangThai: status.required(),
  QuaTrinh: Joi.array()
    .items(
      Joi.object({
        ThoiGian: moment.required(),
        TrangThai: status.required(),
        CanBo: text,
        DonVi: donVi.allow(null),
        GhiChu: text,
        HanBoSung: moment.allow(null, ''),
      }),
    )
    .required(),
});

/** The page envelope; its items are read one by one (a bad item is reported, not the whole page refused). */
export const trangSchema = Joi.object({
  TongSo: Joi.number().integer().min(0).required(),
  Trang: Joi.number().integer().min(1).required(),
  SoDong: Joi.number().integer().min(1).required(),
  DanhSach: Joi.array().items(Joi.object().unknown()).required(),
});

/** The system's error body. */
export interface Loi {
  MaLoi: string;
  ThongDiep?: string | null;
}

export const NOT_FOUND = 'HS_KHONG_TON_TAI';
