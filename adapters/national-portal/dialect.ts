/**
 * The national public-service portal's own dialect (Cổng Dịch vụ công quốc gia, dossier sync API), as
 * upstream/openapi.yaml describes it: Vietnamese PascalCase field names, timestamps yyyyMMddHHmmss in
 * Asia/Ho_Chi_Minh, numeric flags 0/1, its own code lists. Types and Joi schemas only; the simulator
 * validates requests with the same schemas the adapter reads answers with.
 */
import Joi from 'joi';
import { parseTimestamp } from '../../contracts/validators/date';

/** yyyyMMddHHmmss, Asia/Ho_Chi_Minh. */
export const PORTAL_TIME = /^\d{14}$/;
/** A portal timestamp naming a moment that exists (20250230… is malformed, not a date). */
const time = Joi.string()
  .pattern(PORTAL_TIME)
  .custom((v: string, h) => (parseTimestamp(v).ok ? v : h.error('any.invalid')));
const text = Joi.string().allow(null, '');
const status = Joi.number().integer().min(1).max(10);
const flag = Joi.number().valid(0, 1);

export interface DonVi {
  MaDonVi: string;
  TenDonVi: string | null;
}

export interface ChuHoSo {
  HoTen: string;
  /** 1 công dân (citizen), 2 tổ chức (organisation) */
  LoaiDoiTuong: 1 | 2;
  /** Personal ID of a citizen, tax code of an organisation. */
  SoDinhDanh: string;
  /** National form 0xxxxxxxxx for Vietnamese numbers, international form (+…) otherwise. */
  SoDienThoai: string | null;
  Email: string | null;
  /** The address as written (the portal keeps no unit codes for applicants). */
  DiaChi: string | null;
}

export interface PhiLePhi {
  TenPhiLePhi: string;
  SoTien: number;
  DaThanhToan: 0 | 1;
  SoBienLai: string | null;
}

export interface TaiLieuNop {
  MaGiayTo: string | null;
  TenGiayTo: string;
  SoGiayTo: string | null;
  DuongDan: string | null;
  /** SHA-256 of the file, hex. */
  MaBam: string | null;
  /** dd/MM/yyyy, MM/yyyy or yyyy */
  NgayCap: string | null;
  NoiCap: string | null;
}

export interface QuaTrinhXuLy {
  TrangThai: number;
  ThoiDiemXuLy: string;
  DonViXuLy: DonVi;
  NguoiXuLy: string | null;
  NoiDungXuLy: string | null;
  /** For a supplement request (status 5): when the citizen must answer. */
  HanBoSung: string | null;
}

/** A whole dossier as the portal's sync endpoint takes it. */
export interface HoSo {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  ChuHoSo: ChuHoSo;
  TrichYeu: string | null;
  NgayTiepNhan: string;
  NgayHenTra: string;
  NgayKetThucXuLy: string | null;
  NgayTra: string | null;
  DonViXuLy: DonVi;
  /** 1 trực tiếp (in person), 2 trực tuyến (online), 3 bưu chính (postal) */
  KenhThucHien: 1 | 2 | 3;
  ThanhToanTrucTuyen: 0 | 1;
  PhiLePhi: PhiLePhi[];
  TaiLieuNop: TaiLieuNop[];
  TrangThaiHoSo: number;
  /** Decree 42/2022 flag: 1 = dịch vụ công trực tuyến toàn trình (end-to-end online). */
  DVCToanTrinh: 0 | 1;
  /** The old online-service level 1–4 (Decree 43/2011): required when DVCToanTrinh is 0. */
  MucDoDVC: 1 | 2 | 3 | 4 | null;
  QuaTrinhXuLy: QuaTrinhXuLy[];
}

/** One status change as the portal's progress endpoint takes it. */
export interface TienDo {
  MaHoSo: string;
  TrangThaiHoSo: number;
  ThoiDiemXuLy: string;
  DonViXuLy: DonVi;
  NguoiXuLy: string | null;
  NoiDungXuLy: string | null;
  HanBoSung: string | null;
}

/** A satisfaction rating: MucDo 1 rất hài lòng, 2 hài lòng, 3 không hài lòng. */
export interface DanhGia {
  MaHoSo: string;
  ThoiDiemDanhGia: string;
  KetQuaDanhGia: { MaTieuChi: string; MucDo: 1 | 2 | 3 }[];
  GopY: string | null;
}

/** What the portal answers to a write, inside its envelope's `data`. */
export interface XacNhan {
  /** The portal's own id of the dossier. */
  MaHoSoQG: string;
  MaHoSo: string;
  TrangThaiHoSo: number;
  ThoiGianNhan: string;
}

/** What the portal holds for a dossier (look-up), inside its envelope's `data`. */
export interface TraCuuHoSo {
  MaHoSo: string;
  MaHoSoQG: string;
  TrangThaiHoSo: number;
  NgayHenTra: string;
  NgayKetThucXuLy: string | null;
  NgayTra: string | null;
  /** The portal's on-time flag: 1 on time, 0 late, null while processing has not finished. */
  DungHan: 0 | 1 | null;
  QuaTrinhXuLy: QuaTrinhXuLy[];
}

export const donViSchema = Joi.object({
  MaDonVi: Joi.string().min(1).max(50).required(),
  TenDonVi: text.max(300),
});

const quaTrinhSchema = Joi.object({
  TrangThai: status.required(),
  ThoiDiemXuLy: time.required(),
  DonViXuLy: donViSchema.required(),
  NguoiXuLy: text.max(200),
  NoiDungXuLy: text.max(2000),
  HanBoSung: time.allow(null),
});

export const hoSoSchema = Joi.object({
  MaHoSo: Joi.string().min(4).max(50).required(),
  MaTTHC: Joi.string()
    .pattern(/^\d\.\d{6}$/)
    .required(),
  TenTTHC: Joi.string().min(1).max(500).required(),
  ChuHoSo: Joi.object({
    HoTen: Joi.string().min(1).max(300).required(),
    LoaiDoiTuong: Joi.number().valid(1, 2).required(),
    SoDinhDanh: Joi.string().min(1).max(20).required(),
    SoDienThoai: text.max(20),
    Email: text.max(254),
    DiaChi: text.max(500),
  }).required(),
  TrichYeu: text.max(2000),
  NgayTiepNhan: time.required(),
  NgayHenTra: time.required(),
  NgayKetThucXuLy: time.allow(null),
  NgayTra: time.allow(null),
  DonViXuLy: donViSchema.required(),
  KenhThucHien: Joi.number().valid(1, 2, 3).required(),
  ThanhToanTrucTuyen: flag.required(),
  PhiLePhi: Joi.array()
    .items(
      Joi.object({
        TenPhiLePhi: Joi.string().min(1).max(300).required(),
        SoTien: Joi.number().integer().min(0).required(),
        DaThanhToan: flag.required(),
        SoBienLai: text.max(50),
      }),
    )
    .max(50)
    .required(),
  TaiLieuNop: Joi.array()
    .items(
      Joi.object({
        MaGiayTo: text.max(50),
        TenGiayTo: Joi.string().min(1).max(300).required(),
        SoGiayTo: text.max(200),
        DuongDan: text.max(2000),
        MaBam: Joi.string()
          .pattern(/^[0-9a-f]{64}$/)
          .allow(null),
        NgayCap: Joi.string()
          .pattern(/^(\d{2}\/)?(\d{2}\/)?\d{4}$/)
          .allow(null),
        NoiCap: text.max(300),
      }),
    )
    .max(200)
    .required(),
  TrangThaiHoSo: status.required(),
  DVCToanTrinh: flag.required(),
  MucDoDVC: Joi.number()
    .valid(1, 2, 3, 4)
    .allow(null)
    .when('DVCToanTrinh', { is: 0, then: Joi.valid(Joi.override, 1, 2, 3).required() }),
  QuaTrinhXuLy: Joi.array().items(quaTrinhSchema).max(1000).required(),
});

export const tienDoSchema = Joi.object({
  MaHoSo: Joi.string().min(4).max(50).required(),
  TrangThaiHoSo: status.required(),
  ThoiDiemXuLy: time.required(),
  DonViXuLy: donViSchema.required(),
  NguoiXuLy: text.max(200),
  NoiDungXuLy: text.max(2000),
  HanBoSung: time.allow(null),
});

export const danhGiaSchema = Joi.object({
  MaHoSo: Joi.string().min(4).max(50).required(),
  ThoiDiemDanhGia: time.required(),
  KetQuaDanhGia: Joi.array()
    .items(
      Joi.object({
        MaTieuChi: Joi.string()
          .pattern(/^TC\d{2}$/)
          .required(),
        MucDo: Joi.number().valid(1, 2, 3).required(),
      }),
    )
    .min(1)
    .unique('MaTieuChi')
    .required(),
  GopY: text.max(2000),
});

export const xacNhanSchema = Joi.object({
  MaHoSoQG: Joi.string().min(1).max(50).required(),
  MaHoSo: Joi.string().min(1).max(50).required(),
  TrangThaiHoSo: status.required(),
  ThoiGianNhan: time.required(),
});

export const traCuuSchema = Joi.object({
  MaHoSo: Joi.string().min(1).max(50).required(),
  MaHoSoQG: Joi.string().min(1).max(50).required(),
  TrangThaiHoSo: status.required(),
  NgayHenTra: time.required(),
  NgayKetThucXuLy: time.allow(null),
  NgayTra: time.allow(null),
  DungHan: flag.allow(null).required(),
  QuaTrinhXuLy: Joi.array().items(quaTrinhSchema).required(),
});

/** The health check's `data`. */
export const pingSchema = Joi.object({ TrangThai: Joi.string().valid('HOAT_DONG').required() });
