/**
 * The building blocks of the civil-status mapping (mapping.ts): dates, sex, relations, register numbers,
 * addresses, person references and issued documents, both ways, and the strict reading of an answer. Pure.
 */
import type { Schema } from 'joi';
import {
  formatDisplayDate,
  parseDate,
  parseTimestamp,
  toPortalTimestamp,
} from '../../../contracts/validators/date';
import { LATEST_CATALOGUE } from '../../../contracts/validators/admin-units';
import { compact, readUpstream, UpstreamError, type SoapAnswer } from '../../sdk';
import type { CongDan, DiaChi, GiayTo, LoaiSo } from '../dialect';

export type Rec = Record<string, unknown>;
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const obj = (v: unknown): Rec | undefined => (v && typeof v === 'object' ? (v as Rec) : undefined);

/** Drops undefined and null members, recursively: xml2js would render them as empty elements. */
export function prune<T>(value: T): T {
  if (Array.isArray(value)) return value.map(prune) as T;
  if (value && typeof value === 'object') {
    const out: Rec = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = prune(v);
    return out as T;
  }
  return value;
}

/** xml2js gives a repeated element as an array, a single one as the element itself. */
export const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** dd/MM/yyyy (or MM/yyyy, yyyy) → ISO reduced precision; the dialect schema has already checked the date. */
export function isoDate(v: string): string {
  const r = parseDate(v);
  return r.ok ? r.value.value : v;
}

export function isoTimestamp(v: string): string {
  const r = parseTimestamp(v);
  return r.ok ? r.value : v;
}

export const sexOf = (g: 'Nam' | 'Nữ'): 'male' | 'female' => (g === 'Nam' ? 'male' : 'female');
export const gioiTinhOf = (sex: unknown): 'Nam' | 'Nữ' | undefined =>
  sex === 'male' ? 'Nam' : sex === 'female' ? 'Nữ' : undefined;

/** `123/2025/KS` → `123/2025`: the register type is implied by the kind of event. */
export const registerNumberOf = (soDangKy: string): string => soDangKy.replace(/\/(KS|KT|KH)$/, '');
export const soDangKyOf = (registerNumber: string, loai: LoaiSo): string => `${registerNumber}/${loai}`;

export function fromDiaChi(d: DiaChi): Rec {
  const catalogue = d.danhMuc === 'CU' ? 'legacy' : d.danhMuc === '2025' ? LATEST_CATALOGUE : undefined;
  return compact({
    text: d.diaChiChiTiet,
    houseNumber: d.soNha,
    street: d.duongPho,
    hamlet: d.thonXom,
    communeCode: d.maXa,
    legacyDistrictCode: catalogue === 'legacy' ? d.maHuyen : undefined,
    provinceCode: d.maTinh,
    catalogue,
  });
}

export function toDiaChi(a: Rec): DiaChi {
  const coded = str(a.communeCode) ?? str(a.provinceCode);
  return prune({
    soNha: str(a.houseNumber),
    duongPho: str(a.street),
    thonXom: str(a.hamlet),
    maXa: str(a.communeCode),
    maHuyen: a.catalogue === 'legacy' ? str(a.legacyDistrictCode) : undefined,
    maTinh: str(a.provinceCode),
    danhMuc: coded ? (a.catalogue === 'legacy' ? 'CU' : '2025') : undefined,
    diaChiChiTiet: str(a.text),
  });
}

/** The registry's words for a relation (quanHe) and the canonical ones; other values pass through as written. */
const QUAN_HE: Record<string, string> = {
  self: 'Bản thân',
  mother: 'Mẹ',
  father: 'Cha',
  spouse: 'Vợ hoặc chồng',
  child: 'Con',
  grandchild: 'Cháu',
  sibling: 'Anh chị em',
  'other-relative': 'Họ hàng',
};
const RELATION = Object.fromEntries(Object.entries(QUAN_HE).map(([k, v]) => [v.toLowerCase(), k]));
export const quanHeOf = (relation: string): string => QUAN_HE[relation] ?? relation;
export const relationOf = (quanHe: string): string =>
  RELATION[quanHe.normalize('NFC').toLowerCase()] ?? quanHe;

export function fromCongDan(c: CongDan): Rec {
  return compact({
    personalId: c.soDinhDanh,
    legacyId: c.soCMND,
    fullName: c.hoTen,
    dateOfBirth: c.ngaySinh ? isoDate(c.ngaySinh) : undefined,
    sex: c.gioiTinh ? sexOf(c.gioiTinh) : undefined,
    relation: c.quanHe ? relationOf(c.quanHe) : undefined,
  });
}

export function toCongDan(p: Rec): CongDan {
  return prune({
    soDinhDanh: str(p.personalId),
    soCMND: str(p.legacyId),
    hoTen: str(p.fullName),
    ngaySinh: str(p.dateOfBirth) ? formatDisplayDate(p.dateOfBirth as string) : undefined,
    gioiTinh: gioiTinhOf(p.sex),
    quanHe: str(p.relation) ? quanHeOf(p.relation as string) : undefined,
  });
}

export function fromGiayTo(g: GiayTo): Rec {
  return compact({
    number: g.so,
    issuerCode: g.maNoiCap,
    issuerName: g.tenNoiCap,
    issuedAt: g.thoiGianCap ? isoTimestamp(g.thoiGianCap) : undefined,
    signature: g.chuKySo,
  });
}

export function toGiayTo(r: Rec): GiayTo {
  return prune({
    so: r.number as string,
    maNoiCap: str(r.issuerCode),
    tenNoiCap: str(r.issuerName),
    thoiGianCap: str(r.issuedAt) ? toPortalTimestamp(r.issuedAt as string) : undefined,
    chuKySo: str(r.signature),
  });
}

/** Reads an answer: the expected answer element, and its content valid in the registry's dialect. */
export function readAnswer<T>(upstream: string, answer: SoapAnswer, operation: string, schema: Schema): T {
  if (answer.operation !== operation) {
    throw new UpstreamError({
      upstream,
      code: 'malformed',
      reason: `expected ${operation}, got element ${answer.operation.slice(0, 60)}`,
    });
  }
  return readUpstream<T>(upstream, schema, answer.body);
}
