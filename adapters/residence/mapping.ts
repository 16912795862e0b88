/**
 * Pure mapping between the residence database's dialect (CSDL về cư trú, police: snake_case Vietnamese field
 * names, dd/MM/yyyy dates, 'dd/MM/yyyy HH:mm:ss' timestamps, its own relation and removal-reason codes) and
 * canonical records (residence@1, Household_v1). No I/O.
 */
import Joi from 'joi';
import { parseDate, parseTimestamp } from '../../contracts/validators/date';
import { parsePersonalId } from '../../contracts/validators/personal-id';
import { LATEST_CATALOGUE } from '../../contracts/validators/admin-units';
import { compact } from '../sdk';

/** Canonical relations to the head of household (residence@1). */
export type Relation =
  | 'self'
  | 'spouse'
  | 'child'
  | 'parent'
  | 'grandchild'
  | 'grandparent'
  | 'sibling'
  | 'other-relative'
  | 'other';

/**
 * The upstream's relation codes (quan_he_voi_chu_ho). Some say more than the canonical list (the sex of a
 * spouse or parent, an in-law), so canonical → code needs the person's sex, and CON_DAU/CON_RE/HO_HANG all
 * read as 'other-relative' (a round trip writes HO_HANG).
 */
export const RELATION_CODES = {
  CH: 'self',
  VO: 'spouse',
  CHONG: 'spouse',
  CON: 'child',
  CHA: 'parent',
  ME: 'parent',
  ONG: 'grandparent',
  BA: 'grandparent',
  CHAU: 'grandchild',
  ANH_CHI_EM: 'sibling',
  CON_DAU: 'other-relative',
  CON_RE: 'other-relative',
  HO_HANG: 'other-relative',
  KHAC: 'other',
} as const satisfies Record<string, Relation>;
export type RelationCode = keyof typeof RELATION_CODES;
export const RELATION_CODE_LIST = Object.keys(RELATION_CODES) as RelationCode[];

export const fromRelationCode = (code: RelationCode): Relation => RELATION_CODES[code];

/** Canonical relation → the upstream's code; spouse, parent and grandparent depend on the person's sex. */
export function toRelationCode(relation: Relation, sex: 'male' | 'female'): RelationCode {
  const male = sex === 'male';
  switch (relation) {
    case 'self':
      return 'CH';
    case 'spouse':
      return male ? 'CHONG' : 'VO';
    case 'child':
      return 'CON';
    case 'parent':
      return male ? 'CHA' : 'ME';
    case 'grandparent':
      return male ? 'ONG' : 'BA';
    case 'grandchild':
      return 'CHAU';
    case 'sibling':
      return 'ANH_CHI_EM';
    case 'other-relative':
      return 'HO_HANG';
    case 'other':
      return 'KHAC';
  }
}

/** The sex a personal ID encodes (its 4th digit: even male, odd female). */
export function sexOfPersonalId(personalId: string): 'male' | 'female' {
  const r = parsePersonalId(personalId);
  if (r.ok) return r.value.sex;
  return Number(personalId.charAt(3)) % 2 === 0 ? 'male' : 'female';
}

/** Removal reasons (ly_do_xoa): death, moved away (registered elsewhere), other (e.g. a compensation). */
export const REMOVAL_CODES = { CHET: 'death', CHUYEN_DI: 'moved', KHAC: 'other' } as const;
export type RemovalCode = keyof typeof REMOVAL_CODES;
export type RemovalReason = (typeof REMOVAL_CODES)[RemovalCode];
export const toRemovalCode = (reason: RemovalReason): RemovalCode =>
  (Object.keys(REMOVAL_CODES) as RemovalCode[]).find((k) => REMOVAL_CODES[k] === reason)!;

/** The upstream's address. Its codes are always post-reform ones, which it states as '2025-07-01'. */
export interface DiaChiCuTru {
  so_nha: string | null;
  duong_pho: string | null;
  thon_to: string | null;
  ma_xa: string;
  ma_tinh: string;
  dia_chi_day_du: string;
  danh_muc_dvhc: '2025-07-01';
}

export interface NguoiRutGon {
  so_dinh_danh: string;
  ho_ten: string;
}

export interface ThanhVien extends NguoiRutGon {
  quan_he_voi_chu_ho: RelationCode;
  /** dd/MM/yyyy */
  ngay_dang_ky: string;
}

export interface HoGiaDinh {
  ma_ho: string;
  dia_chi: DiaChiCuTru;
  /** null while the household has no head (the head's registration was removed, no new head registered yet) */
  chu_ho: NguoiRutGon | null;
  thanh_vien: ThanhVien[];
}

/** One permanent-residence registration, as the writes answer it. */
export interface DangKyThuongTru {
  so_dang_ky: string;
  ma_ho: string;
  so_dinh_danh: string;
  ho_ten: string;
  ngay_sinh: string;
  quan_he_voi_chu_ho: RelationCode;
  dia_chi: DiaChiCuTru;
  chu_ho: NguoiRutGon | null;
  ngay_dang_ky: string;
  trang_thai: 'DANG_THUONG_TRU' | 'DA_XOA';
  ngay_xoa: string | null;
  ly_do_xoa: RemovalCode | null;
}

const DMY = /^\d{2}\/\d{2}\/\d{4}$/;
const id12 = Joi.string()
  .pattern(/^\d{12}$/)
  .required();
const text = Joi.string().allow(null, '').required();
const nguoiSchema = Joi.object({ so_dinh_danh: id12, ho_ten: Joi.string().min(1).required() });

export const diaChiSchema = Joi.object({
  so_nha: text,
  duong_pho: text,
  thon_to: text,
  ma_xa: Joi.string()
    .pattern(/^\d{5}$/)
    .required(),
  ma_tinh: Joi.string()
    .pattern(/^\d{2}$/)
    .required(),
  dia_chi_day_du: Joi.string().min(1).required(),
  danh_muc_dvhc: Joi.string().valid('2025-07-01').required(),
});

const relationCode = Joi.string()
  .valid(...RELATION_CODE_LIST)
  .required();

export const hoGiaDinhSchema = Joi.object({
  ma_ho: Joi.string().min(1).max(30).required(),
  dia_chi: diaChiSchema.required(),
  chu_ho: nguoiSchema.allow(null).required(),
  thanh_vien: Joi.array()
    .items(
      nguoiSchema.keys({
        quan_he_voi_chu_ho: relationCode,
        ngay_dang_ky: Joi.string().pattern(DMY).required(),
      }),
    )
    .required(),
});

export const dangKySchema = Joi.object({
  so_dang_ky: Joi.string().min(1).max(50).required(),
  ma_ho: Joi.string().min(1).max(30).required(),
  so_dinh_danh: id12,
  ho_ten: Joi.string().min(1).required(),
  ngay_sinh: Joi.string().pattern(DMY).required(),
  quan_he_voi_chu_ho: relationCode,
  dia_chi: diaChiSchema.required(),
  chu_ho: nguoiSchema.allow(null).required(),
  ngay_dang_ky: Joi.string().pattern(DMY).required(),
  trang_thai: Joi.string().valid('DANG_THUONG_TRU', 'DA_XOA').required(),
  ngay_xoa: Joi.when('trang_thai', {
    is: 'DA_XOA',
    then: Joi.string().pattern(DMY).required(),
    otherwise: Joi.valid(null).required(),
  }),
  ly_do_xoa: Joi.when('trang_thai', {
    is: 'DA_XOA',
    then: Joi.string()
      .valid(...Object.keys(REMOVAL_CODES))
      .required(),
    otherwise: Joi.valid(null).required(),
  }),
});

const orUndefined = (v: string | null | undefined): string | undefined => (v ? v : undefined);

/** dd/MM/yyyy → YYYY-MM-DD (the upstream schema already guarantees the shape). */
export function isoDate(v: string): string {
  const r = parseDate(v);
  return r.ok ? r.value.value : v;
}

/** YYYY-MM-DD → dd/MM/yyyy. */
export const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Any timestamp → the upstream's 'dd/MM/yyyy HH:mm:ss' in Vietnam time. */
export function dmyTime(timestamp: string): string {
  const r = parseTimestamp(timestamp);
  if (!r.ok) throw new RangeError('not a timestamp');
  const c = r.value; // YYYY-MM-DDTHH:mm:ss+07:00
  return `${dmy(c.slice(0, 10))} ${c.slice(11, 19)}`;
}

export function fromDiaChi(d: DiaChiCuTru): Record<string, unknown> {
  return compact({
    text: d.dia_chi_day_du,
    houseNumber: orUndefined(d.so_nha),
    street: orUndefined(d.duong_pho),
    hamlet: orUndefined(d.thon_to),
    communeCode: d.ma_xa,
    provinceCode: d.ma_tinh,
    // The upstream's '2025-07-01' names the post-reform coding; its codes are those of the latest catalogue.
    catalogue: LATEST_CATALOGUE,
  });
}

/** Canonical address@1 of a post-reform catalogue (same codes in each) → the upstream's address. */
export function toDiaChi(a: Record<string, unknown>): DiaChiCuTru {
  return {
    so_nha: (a.houseNumber as string | undefined) ?? null,
    duong_pho: (a.street as string | undefined) ?? null,
    thon_to: (a.hamlet as string | undefined) ?? null,
    ma_xa: a.communeCode as string,
    ma_tinh: a.provinceCode as string,
    dia_chi_day_du: a.text as string,
    danh_muc_dvhc: '2025-07-01',
  };
}

const person = (n: NguoiRutGon) => ({ personalId: n.so_dinh_danh, fullName: n.ho_ten });

/** Upstream household → Household_v1. */
export function fromHoGiaDinh(h: HoGiaDinh): Record<string, unknown> {
  return compact({
    householdId: h.ma_ho,
    address: fromDiaChi(h.dia_chi),
    head: h.chu_ho ? person(h.chu_ho) : undefined,
    members: h.thanh_vien.map((m) => ({
      ...person(m),
      relationToHead: fromRelationCode(m.quan_he_voi_chu_ho),
    })),
  });
}

/** Household_v1 → upstream household (the simulator's and the round-trip tests' direction). */
export function toHoGiaDinh(h: Record<string, unknown>, registeredOn: string): HoGiaDinh {
  const head = h.head as { personalId: string; fullName: string } | undefined;
  const members = h.members as { personalId: string; fullName: string; relationToHead: Relation }[];
  return {
    ma_ho: h.householdId as string,
    dia_chi: toDiaChi(h.address as Record<string, unknown>),
    chu_ho: head ? { so_dinh_danh: head.personalId, ho_ten: head.fullName } : null,
    thanh_vien: members.map((m) => ({
      so_dinh_danh: m.personalId,
      ho_ten: m.fullName,
      quan_he_voi_chu_ho: toRelationCode(m.relationToHead, sexOfPersonalId(m.personalId)),
      ngay_dang_ky: registeredOn,
    })),
  };
}

/** Upstream registration → residence@1 (a removed one carries its removal date as validTo). */
export function fromDangKy(d: DangKyThuongTru): Record<string, unknown> {
  const removed = d.trang_thai === 'DA_XOA';
  return compact({
    type: 'permanent',
    resident: { personalId: d.so_dinh_danh, fullName: d.ho_ten, dateOfBirth: isoDate(d.ngay_sinh) },
    address: fromDiaChi(d.dia_chi),
    householdId: d.ma_ho,
    headOfHousehold: d.chu_ho ? person(d.chu_ho) : undefined,
    relationToHead: fromRelationCode(d.quan_he_voi_chu_ho),
    validFrom: isoDate(d.ngay_dang_ky),
    validTo: removed && d.ngay_xoa ? isoDate(d.ngay_xoa) : undefined,
    status: removed ? 'removed' : 'active',
    removalReason: removed && d.ly_do_xoa ? REMOVAL_CODES[d.ly_do_xoa] : undefined,
    registrationNumber: d.so_dang_ky,
  });
}

/** The upstream's error body: `{ status: "error", code, detail }`. */
export function readError(
  data: unknown,
): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const d = data as { status?: unknown; code?: unknown; detail?: unknown } | undefined;
  if (d?.status !== 'error' || typeof d.code !== 'string') return undefined;
  return {
    upstreamCode: d.code,
    reason: typeof d.detail === 'string' ? d.detail : undefined,
    notFound: d.code === 'HO_KHONG_TON_TAI' || d.code === 'CHUA_DANG_KY_THUONG_TRU',
  };
}
