/**
 * Pure mapping between the household-business registry's dialect (commune-level business registration
 * office: Vietnamese field names, dd/MM/yyyy dates, national-form phone numbers, answers wrapped in
 * `{ ketQua, duLieu }`, errors `{ ketQua: 'LOI', maLoi, moTa }`) and canonical household-business@1. No I/O.
 */
import Joi from 'joi';
import { LATEST_CATALOGUE, lookupCommune } from '../../contracts/validators/admin-units';
import { parseDate } from '../../contracts/validators/date';
import { normalisePhone } from '../../contracts/validators/phone';
import { compact } from '../sdk';

/** The business address; its unit codes are always post-reform ones (the registry migrated them). */
export interface DiaChiKinhDoanh {
  soNha: string | null;
  duong: string | null;
  thonXom: string | null;
  maXa: string;
  maTinh: string;
  diaChiDayDu: string | null;
}

/** A business line: VSIC 2018 code; exactly one line of a business is its main line (nganhChinh). */
export interface NganhNghe {
  maNganh: string;
  tenNganh: string;
  nganhChinh: boolean;
}

export interface ChuHo {
  soDinhDanh: string;
  hoTen: string;
}

/** A registered household business as the registry holds it. */
export interface HoKinhDoanh {
  maSoDangKy: string;
  tenHoKinhDoanh: string;
  chuHo: ChuHo;
  diaChiKinhDoanh: DiaChiKinhDoanh;
  nganhNghe: NganhNghe[];
  /** VND, integer */
  vonKinhDoanh: number;
  soLaoDong: number;
  /** national form, 0 + 9 or 10 digits */
  soDienThoai: string | null;
  email: string | null;
  /** the tax code, once the tax authority has activated it */
  maSoThue: string | null;
  /** dd/MM/yyyy: the registry records the day of registration, not the time */
  ngayDangKy: string;
}

/** The registration request body. */
export interface DangKyHoKinhDoanh {
  tenHoKinhDoanh: string;
  chuHo: ChuHo;
  diaChiKinhDoanh: DiaChiKinhDoanh;
  nganhNghe: { maNganh: string; nganhChinh: boolean }[];
  vonKinhDoanh: number;
  soLaoDong: number;
  soDienThoai: string | null;
  email: string | null;
}

/** The look-up request body: exactly one of the two keys. */
export type TraCuuHoKinhDoanh = { maSoDangKy: string } | { soDinhDanhChuHo: string };

const text = Joi.string().min(1).allow(null).required();
const id12 = Joi.string().pattern(/^\d{12}$/);

export const diaChiKinhDoanhSchema = Joi.object({
  soNha: text,
  duong: text,
  thonXom: text,
  maXa: Joi.string()
    .pattern(/^\d{5}$/)
    .required(),
  maTinh: Joi.string()
    .pattern(/^\d{2}$/)
    .required(),
  diaChiDayDu: text,
});

/** The registry's record as its spec (upstream/openapi.yaml) describes it; one main line, as the registry keeps. */
export const hoKinhDoanhSchema = Joi.object({
  maSoDangKy: Joi.string().min(1).max(30).required(),
  tenHoKinhDoanh: Joi.string().min(1).max(300).required(),
  chuHo: Joi.object({ soDinhDanh: id12.required(), hoTen: Joi.string().min(1).required() }).required(),
  diaChiKinhDoanh: diaChiKinhDoanhSchema.required(),
  nganhNghe: Joi.array()
    .items(
      Joi.object({
        maNganh: Joi.string()
          .pattern(/^\d{4,5}$/)
          .required(),
        tenNganh: Joi.string().min(1).required(),
        nganhChinh: Joi.boolean().required(),
      }),
    )
    .min(1)
    .required(),
  vonKinhDoanh: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).required(),
  soLaoDong: Joi.number().integer().min(0).required(),
  soDienThoai: Joi.string()
    .pattern(/^0\d{9,10}$/)
    .allow(null)
    .required(),
  email: text,
  maSoThue: Joi.string()
    .pattern(/^\d{10}(\d{2}|\d{3})?$/)
    .allow(null)
    .required(),
  ngayDangKy: Joi.string()
    .pattern(/^\d{2}\/\d{2}\/\d{4}$/)
    .required(),
}).custom((h: HoKinhDoanh, helpers) =>
  h.nganhNghe.filter((n) => n.nganhChinh).length === 1 ? h : helpers.error('any.invalid'),
);

/** Every success answer: `{ ketQua: 'THANH_CONG', duLieu: <the record> }`. */
export const hoKinhDoanhAnswerSchema = Joi.object({
  ketQua: Joi.string().valid('THANH_CONG').required(),
  duLieu: hoKinhDoanhSchema.required(),
});

const orUndefined = (v: string | null): string | undefined => (v === null || v === '' ? undefined : v);

/** dd/MM/yyyy → YYYY-MM-DD (the schema guarantees the shape; a day that does not exist stays as sent). */
function isoDate(dmy: string): string {
  const r = parseDate(dmy, { allowPartial: false });
  return r.ok ? r.value.value : dmy;
}

/** YYYY-MM-DD → dd/MM/yyyy. */
export const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** National form → E.164 when the number is valid; as sent otherwise (the contract then refuses it). */
function e164(national: string | null): string | undefined {
  if (!national) return undefined;
  const r = normalisePhone(national);
  return r.ok ? r.value.e164 : national;
}

/** E.164 (+84…) → the registry's national form (0…). */
const national = (phone: string | undefined): string | null =>
  phone ? (phone.startsWith('+84') ? `0${phone.slice(3)}` : phone) : null;

export function fromDiaChi(d: DiaChiKinhDoanh): Record<string, unknown> {
  return compact({
    text: orUndefined(d.diaChiDayDu),
    houseNumber: orUndefined(d.soNha),
    street: orUndefined(d.duong),
    hamlet: orUndefined(d.thonXom),
    communeCode: d.maXa,
    provinceCode: d.maTinh,
    catalogue: LATEST_CATALOGUE,
  });
}

/**
 * address@1 → the registry's address. The registry wants the province code too; an address that gives only
 * its commune (as a form does) gets the province of that commune in the latest catalogue.
 */
export function toDiaChi(a: Record<string, unknown>): DiaChiKinhDoanh {
  const communeCode = a.communeCode as string;
  return {
    soNha: (a.houseNumber as string | undefined) ?? null,
    duong: (a.street as string | undefined) ?? null,
    thonXom: (a.hamlet as string | undefined) ?? null,
    maXa: communeCode,
    maTinh:
      (a.provinceCode as string | undefined) ??
      (lookupCommune(communeCode, LATEST_CATALOGUE)?.provinceCode as string),
    diaChiDayDu: (a.text as string | undefined) ?? null,
  };
}

/**
 * Registry record → household-business@1. The main line comes first in activityCodes. The registry records
 * a day, the contract a moment: registeredAt is the start of that day in Vietnam (00:00:00+07:00).
 */
export function fromHoKinhDoanh(h: HoKinhDoanh): Record<string, unknown> {
  const main = h.nganhNghe.filter((n) => n.nganhChinh).map((n) => n.maNganh);
  const others = h.nganhNghe.filter((n) => !n.nganhChinh).map((n) => n.maNganh);
  return compact({
    owner: { personalId: h.chuHo.soDinhDanh, fullName: h.chuHo.hoTen },
    businessName: h.tenHoKinhDoanh,
    address: fromDiaChi(h.diaChiKinhDoanh),
    activityCodes: [...main, ...others],
    capital: h.vonKinhDoanh,
    employees: h.soLaoDong,
    phone: e164(h.soDienThoai),
    email: orUndefined(h.email),
    registrationNumber: h.maSoDangKy,
    registeredAt: `${isoDate(h.ngayDangKy)}T00:00:00+07:00`,
    taxId: orUndefined(h.maSoThue),
  });
}

/**
 * household-business@1 → registry record (the round-trip tests' direction). The record carries codes only:
 * the registry's names of the lines are looked up by `lineName`.
 */
export function toHoKinhDoanh(b: Record<string, unknown>, lineName: (code: string) => string): HoKinhDoanh {
  const owner = b.owner as { personalId: string; fullName: string };
  const codes = b.activityCodes as string[];
  return {
    maSoDangKy: b.registrationNumber as string,
    tenHoKinhDoanh: b.businessName as string,
    chuHo: { soDinhDanh: owner.personalId, hoTen: owner.fullName },
    diaChiKinhDoanh: toDiaChi(b.address as Record<string, unknown>),
    nganhNghe: codes.map((c, i) => ({ maNganh: c, tenNganh: lineName(c), nganhChinh: i === 0 })),
    vonKinhDoanh: b.capital as number,
    soLaoDong: (b.employees as number | undefined) ?? 0,
    soDienThoai: national(b.phone as string | undefined),
    email: (b.email as string | undefined) ?? null,
    maSoThue: (b.taxId as string | undefined) ?? null,
    ngayDangKy: dmy((b.registeredAt as string).slice(0, 10)),
  };
}

/** What the register service receives (RegisterHouseholdBusinessRequest_v1, validated). */
export interface RegisterInput {
  owner: { personalId: string; fullName: string };
  businessName: string;
  address: Record<string, unknown>;
  activityCodes: string[];
  capital: number;
  employees?: number;
  phone?: string;
  email?: string;
}

/** Canonical request → the registration body; the first activity code is the main line. */
export function toDangKy(input: RegisterInput): DangKyHoKinhDoanh {
  return {
    tenHoKinhDoanh: input.businessName,
    chuHo: { soDinhDanh: input.owner.personalId, hoTen: input.owner.fullName },
    diaChiKinhDoanh: toDiaChi(input.address),
    nganhNghe: input.activityCodes.map((c, i) => ({ maNganh: c, nganhChinh: i === 0 })),
    vonKinhDoanh: input.capital,
    soLaoDong: input.employees ?? 0,
    soDienThoai: national(input.phone),
    email: input.email ?? null,
  };
}

/** The registry's error body: `{ ketQua: 'LOI', maLoi, moTa }`. */
export function readError(
  data: unknown,
): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const d = data as { ketQua?: unknown; maLoi?: unknown; moTa?: unknown } | undefined;
  if (d?.ketQua !== 'LOI' || typeof d.maLoi !== 'string') return undefined;
  return {
    upstreamCode: d.maLoi,
    reason: typeof d.moTa === 'string' ? d.moTa : undefined,
    notFound: d.maLoi === 'KHONG_TIM_THAY',
  };
}
