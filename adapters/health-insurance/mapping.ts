/**
 * Pure mapping between Vietnam Social Security's dialect (BHXH Việt Nam: camelCase Vietnamese field names,
 * dd/MM/yyyy dates, local 'yyyy-MM-ddTHH:mm:ss' timestamps, sex as "Nam"/"Nữ", its own code lists) and
 * canonical records (health-insurance-card@1, FuneralAllowanceClaim_v1; birth certificates: mapping-birth.ts).
 * No I/O.
 */
import Joi from 'joi';
import { parseDate, parseTimestamp } from '../../contracts/validators/date';
import { compact } from '../sdk';

/** A health-insurance card as the upstream holds it. */
export interface TheBhyt {
  /** 15 characters: group (2 letters), benefit level (1 digit), province (2 digits), maSoBHXH (10 digits) */
  maThe: string;
  maSoBHXH: string;
  soDinhDanh: string;
  hoTen: string;
  /** dd/MM/yyyy */
  ngaySinh: string;
  gioiTinh: 'Nam' | 'Nữ';
  /** benefit level 1–5 */
  mucHuong: number;
  maNoiDangKyKCB: string;
  tenNoiDangKyKCB: string;
  tuNgay: string;
  denNgay: string;
}

/** Claim statuses: DA_DUYET accepted (decided, not yet paid), DA_CHI_TRA paid. */
export const CLAIM_STATUS = { DA_DUYET: 'accepted', DA_CHI_TRA: 'paid' } as const;
export type ClaimStatusCode = keyof typeof CLAIM_STATUS;

export interface HoSoMaiTang {
  soHoSo: string;
  soDinhDanhNguoiChet: string;
  maSoBHXH: string;
  /** VND, integer */
  soTien: number;
  trangThai: ClaimStatusCode;
  /** 'yyyy-MM-ddTHH:mm:ss', Vietnam local time, no offset */
  ngayQuyetDinh: string;
}

/** Relation of the claimant to the deceased: canonical → the upstream's code. */
export const CLAIMANT_RELATIONS = {
  spouse: 'VO_CHONG',
  child: 'CON',
  parent: 'CHA_ME',
  sibling: 'ANH_CHI_EM',
  grandchild: 'CHAU',
  'other-relative': 'THAN_NHAN_KHAC',
  other: 'NGUOI_LO_MAI_TANG',
} as const;
export type ClaimantRelation = keyof typeof CLAIMANT_RELATIONS;

const DMY = /^\d{2}\/\d{2}\/\d{4}$/;
export const dmyString = Joi.string().pattern(DMY).required();

/**
 * The card as the upstream's spec describes it, plus what its layout implies: the card number repeats the
 * benefit level and the social-insurance number. A card that contradicts itself is malformed.
 */
export const theBhytSchema = Joi.object({
  maThe: Joi.string()
    .pattern(/^[A-Z]{2}[1-5]\d{12}$/)
    .required(),
  maSoBHXH: Joi.string()
    .pattern(/^\d{10}$/)
    .required(),
  soDinhDanh: Joi.string()
    .pattern(/^\d{12}$/)
    .required(),
  hoTen: Joi.string().min(1).required(),
  ngaySinh: dmyString,
  gioiTinh: Joi.string().valid('Nam', 'Nữ').required(),
  mucHuong: Joi.number().integer().min(1).max(5).required(),
  maNoiDangKyKCB: Joi.string()
    .pattern(/^\d{5}$/)
    .required(),
  tenNoiDangKyKCB: Joi.string().min(1).required(),
  tuNgay: dmyString,
  denNgay: dmyString,
}).custom((t: TheBhyt, helpers) =>
  t.maThe.charAt(2) === String(t.mucHuong) && t.maThe.slice(5) === t.maSoBHXH
    ? t
    : helpers.error('any.invalid'),
);

export const hoSoMaiTangSchema = Joi.object({
  soHoSo: Joi.string().min(1).max(50).required(),
  soDinhDanhNguoiChet: Joi.string()
    .pattern(/^\d{12}$/)
    .required(),
  maSoBHXH: Joi.string()
    .pattern(/^\d{10}$/)
    .required(),
  soTien: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).required(),
  trangThai: Joi.string()
    .valid(...Object.keys(CLAIM_STATUS))
    .required(),
  ngayQuyetDinh: Joi.string()
    .pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    .required(),
});

/** dd/MM/yyyy → YYYY-MM-DD (the upstream schema already guarantees the shape). */
export function isoDate(v: string): string {
  const r = parseDate(v);
  return r.ok ? r.value.value : v;
}

/** YYYY-MM-DD → dd/MM/yyyy. */
export const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Any timestamp → the upstream's local 'yyyy-MM-ddTHH:mm:ss' (Vietnam time, no offset). */
export function localTimestamp(t: string | Date): string {
  const r = parseTimestamp(t);
  if (!r.ok) throw new RangeError('not a timestamp');
  return r.value.slice(0, 19);
}

/** Upstream card → health-insurance-card@1. */
export function fromTheBhyt(t: TheBhyt): Record<string, unknown> {
  return compact({
    number: t.maThe,
    socialInsuranceNumber: t.maSoBHXH,
    holderPersonalId: t.soDinhDanh,
    holderName: t.hoTen,
    beneficiaryGroup: t.maThe.slice(0, 2),
    benefitLevel: t.mucHuong,
    primaryCareFacility: { code: t.maNoiDangKyKCB, name: t.tenNoiDangKyKCB },
    validFrom: isoDate(t.tuNgay),
    validTo: isoDate(t.denNgay),
  });
}

/**
 * health-insurance-card@1 → upstream card (the simulator's and the round-trip tests' direction). The card
 * record carries no date of birth or sex: the caller supplies them.
 */
export function toTheBhyt(
  c: Record<string, unknown>,
  holder: { dateOfBirth: string; sex: 'male' | 'female' },
): TheBhyt {
  const facility = c.primaryCareFacility as { code: string; name?: string };
  return {
    maThe: c.number as string,
    maSoBHXH: (c.socialInsuranceNumber as string | undefined) ?? (c.number as string).slice(5),
    soDinhDanh: c.holderPersonalId as string,
    hoTen: c.holderName as string,
    ngaySinh: dmy(holder.dateOfBirth),
    gioiTinh: holder.sex === 'male' ? 'Nam' : 'Nữ',
    mucHuong: c.benefitLevel as number,
    maNoiDangKyKCB: facility.code,
    tenNoiDangKyKCB: facility.name ?? '',
    tuNgay: dmy(c.validFrom as string),
    denNgay: dmy(c.validTo as string),
  };
}

/** Upstream funeral-grant dossier → FuneralAllowanceClaim_v1. */
export function fromHoSoMaiTang(h: HoSoMaiTang): Record<string, unknown> {
  const decidedAt = parseTimestamp(h.ngayQuyetDinh);
  return {
    claimId: h.soHoSo,
    deceasedPersonalId: h.soDinhDanhNguoiChet,
    amount: h.soTien,
    status: CLAIM_STATUS[h.trangThai],
    decidedAt: decidedAt.ok ? decidedAt.value : h.ngayQuyetDinh,
  };
}

const NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  'KHONG_TIM_THAY_THE',
  'KHONG_TIM_THAY_NGUOI_THAM_GIA',
  'KHONG_TIM_THAY_GIAY_CHUNG_SINH',
]);

/** The upstream's error body: `{ errorCode, errorMessage }`. */
export function readError(
  data: unknown,
): { upstreamCode?: string; reason?: string; notFound?: boolean } | undefined {
  const d = data as { errorCode?: unknown; errorMessage?: unknown } | undefined;
  if (typeof d?.errorCode !== 'string') return undefined;
  return {
    upstreamCode: d.errorCode,
    reason: typeof d.errorMessage === 'string' ? d.errorMessage : undefined,
    notFound: NOT_FOUND_CODES.has(d.errorCode),
  };
}
