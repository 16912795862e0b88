/**
 * Pure mapping between the civil-status registry's dialect (dialect.ts) and the canonical records birth-event@1,
 * death-event@1 and marriage-event@1: dd/MM/yyyy ⇄ ISO dates, yyyyMMddHHmmss ⇄ ISO timestamps, Nam/Nữ ⇄
 * male/female, '2025'/'CU' ⇄ catalogues, `123/2025/KS` ⇄ `123/2025`. No I/O. The building blocks are in
 * mapping/parts.ts and re-exported here.
 */
import { formatDisplayDate, toPortalTimestamp } from '../../contracts/validators/date';
import { parsePersonalId } from '../../contracts/validators/personal-id';
import { compact } from '../sdk';
import type {
  CongDan,
  KetHon,
  KetQuaTraCuu,
  KhaiSinh,
  KhaiTu,
  YeuCauKetHon,
  YeuCauKhaiSinh,
  YeuCauKhaiTu,
} from './dialect';
import {
  asList,
  fromCongDan,
  fromDiaChi,
  fromGiayTo,
  gioiTinhOf,
  isoDate,
  isoTimestamp,
  obj,
  prune,
  registerNumberOf,
  sexOf,
  soDangKyOf,
  str,
  toCongDan,
  toDiaChi,
  toGiayTo,
  type Rec,
} from './mapping/parts';

export * from './mapping/parts';

/** What the registry adds to an entry → registerNumber, registeredAt (electronic entries only). */
function registration(e: { soDangKy: string; thoiGianDangKy?: string }): Rec {
  return compact({
    registerNumber: registerNumberOf(e.soDangKy),
    registeredAt: e.thoiGianDangKy ? isoTimestamp(e.thoiGianDangKy) : undefined,
  });
}

/**
 * A birth entry → birth-event@1. The registry's late-registration flag (`quaHan`) has no place in the contract
 * and is dropped; it follows from child.dateOfBirth and registeredAt. Entries without a mother cannot be
 * expressed in birth-event@1 (mother is required): callers check `k.me` first.
 */
export function fromKhaiSinh(k: KhaiSinh & { me: CongDan }): Rec {
  const t = k.treEm;
  return compact({
    child: compact({
      fullName: t.hoTen,
      dateOfBirth: isoDate(t.ngaySinh),
      timeOfBirth: t.gioSinh,
      sex: sexOf(t.gioiTinh),
      placeOfBirth: fromDiaChi(t.noiSinh),
      personalId: t.soDinhDanh,
      ethnicity: t.danToc,
      nationality: t.quocTich,
    }),
    mother: fromCongDan(k.me),
    father: k.cha ? fromCongDan(k.cha) : undefined,
    birthCertificate: fromGiayTo(k.giayChungSinh),
    healthFacility: k.coSoYTe ? compact({ code: k.coSoYTe.ma, name: k.coSoYTe.ten }) : undefined,
    declarant: k.nguoiDiKhai ? fromCongDan(k.nguoiDiKhai) : undefined,
    registeringCommune: fromDiaChi(k.noiDangKy),
    ...registration(k),
  });
}

/** A register-birth request (RegisterBirthRequest_v1, or a birth-event@1) → the registry's DangKyKhaiSinh. */
export function toYeuCauKhaiSinh(b: Rec): YeuCauKhaiSinh {
  const c = b.child as Rec;
  const hf = obj(b.healthFacility);
  return prune({
    treEm: {
      hoTen: c.fullName as string,
      ngaySinh: formatDisplayDate(c.dateOfBirth as string),
      gioSinh: str(c.timeOfBirth),
      gioiTinh: gioiTinhOf(c.sex) as 'Nam' | 'Nữ',
      danToc: str(c.ethnicity),
      quocTich: str(c.nationality),
      noiSinh: toDiaChi(c.placeOfBirth as Rec),
      soDinhDanh: str(c.personalId),
    },
    me: toCongDan(b.mother as Rec),
    cha: obj(b.father) ? toCongDan(b.father as Rec) : undefined,
    giayChungSinh: toGiayTo(b.birthCertificate as Rec),
    coSoYTe: hf ? { ma: hf.code as string, ten: str(hf.name) } : undefined,
    nguoiDiKhai: obj(b.declarant) ? toCongDan(b.declarant as Rec) : undefined,
    noiDangKy: toDiaChi(b.registeringCommune as Rec),
  });
}

/** A registered birth-event@1 → the registry's entry (simulator fixtures and round-trip tests). */
export function toKhaiSinh(b: Rec, ngayDangKy: string): KhaiSinh {
  return prune({
    ...toYeuCauKhaiSinh(b),
    soDangKy: soDangKyOf(b.registerNumber as string, 'KS'),
    ngayDangKy,
    thoiGianDangKy: str(b.registeredAt) ? toPortalTimestamp(b.registeredAt as string) : undefined,
  });
}

export function fromKhaiTu(k: KhaiTu): Rec {
  return compact({
    deceased: fromCongDan(k.nguoiChet),
    dateOfDeath: isoDate(k.ngayChet),
    timeOfDeath: k.gioChet,
    placeOfDeath: fromDiaChi(k.noiChet),
    cause: k.nguyenNhan,
    deathNotice: fromGiayTo(k.giayBaoTu),
    declarant: fromCongDan(k.nguoiDiKhai),
    registeringCommune: fromDiaChi(k.noiDangKy),
    ...registration(k),
  });
}

export function toYeuCauKhaiTu(d: Rec): YeuCauKhaiTu {
  return prune({
    nguoiChet: toCongDan(d.deceased as Rec),
    ngayChet: formatDisplayDate(d.dateOfDeath as string),
    gioChet: str(d.timeOfDeath),
    noiChet: toDiaChi(d.placeOfDeath as Rec),
    nguyenNhan: str(d.cause),
    giayBaoTu: toGiayTo(d.deathNotice as Rec),
    nguoiDiKhai: toCongDan(d.declarant as Rec),
    noiDangKy: toDiaChi(d.registeringCommune as Rec),
  });
}

export function toKhaiTu(d: Rec, ngayDangKy: string): KhaiTu {
  return prune({
    ...toYeuCauKhaiTu(d),
    soDangKy: soDangKyOf(d.registerNumber as string, 'KT'),
    ngayDangKy,
    thoiGianDangKy: str(d.registeredAt) ? toPortalTimestamp(d.registeredAt as string) : undefined,
  });
}

/** A marriage entry → marriage-event@1: the man first, as the register lists the parties (bên nam, bên nữ). */
export function fromKetHon(k: KetHon): Rec {
  return compact({
    spouses: [fromCongDan(k.benNam), fromCongDan(k.benNu)],
    dateOfMarriage: isoDate(k.ngayDangKy),
    registeringCommune: fromDiaChi(k.noiDangKy),
    ...registration(k),
  });
}

/** The sex a personal ID encodes (its 4th digit), or the reference's own `sex`. */
function sexOfRef(p: Rec): 'male' | 'female' | undefined {
  const id = parsePersonalId(p.personalId);
  return id.ok ? id.value.sex : p.sex === 'male' || p.sex === 'female' ? p.sex : undefined;
}

/**
 * Spouses → the register's parties: bên nam is the spouse whose personal ID says male. Two spouses of the same
 * recorded sex are sent in the order given; the registry then answers GIOI_TINH_KHONG_KHOP.
 */
export function toYeuCauKetHon(m: Rec): YeuCauKetHon {
  const [a, b] = m.spouses as Rec[];
  const [nam, nu] = sexOfRef(a) === 'female' && sexOfRef(b) !== 'female' ? [b, a] : [a, b];
  return prune({
    benNam: toCongDan(nam),
    benNu: toCongDan(nu),
    noiDangKy: toDiaChi(m.registeringCommune as Rec),
  });
}

export function toKetHon(m: Rec): KetHon {
  return prune({
    ...toYeuCauKetHon(m),
    soDangKy: soDangKyOf(m.registerNumber as string, 'KH'),
    ngayDangKy: formatDisplayDate(m.dateOfMarriage as string),
    thoiGianDangKy: str(m.registeredAt) ? toPortalTimestamp(m.registeredAt as string) : undefined,
  });
}

export interface OmittedEntry {
  kind: 'birth';
  registerNumber: string;
  reason: 'MOTHER_UNDETERMINED';
}

/** The registry's look-up answer → CivilStatusEvents_v1. */
export function fromKetQuaTraCuu(r: KetQuaTraCuu): Rec {
  const births: Rec[] = [];
  const omitted: OmittedEntry[] = [];
  for (const k of asList(r.khaiSinh)) {
    if (k.me) births.push(fromKhaiSinh({ ...k, me: k.me }));
    else
      omitted.push({
        kind: 'birth',
        registerNumber: registerNumberOf(k.soDangKy),
        reason: 'MOTHER_UNDETERMINED',
      });
  }
  return compact({
    personalId: r.soDinhDanh,
    births,
    marriages: asList(r.ketHon).map(fromKetHon),
    deaths: asList(r.khaiTu).map(fromKhaiTu),
    omitted: omitted.length ? omitted : undefined,
  });
}
