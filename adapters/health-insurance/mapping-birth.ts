/**
 * Pure mapping of Vietnam Social Security's electronic birth certificates (giấy chứng sinh điện tử, which
 * health facilities send it under Decree 63/2024/NĐ-CP) to canonical BirthCertificate_v1, and back. The
 * dialect's conventions are mapping.ts's: dd/MM/yyyy dates, local 'yyyy-MM-ddTHH:mm:ss' timestamps, "Nam"/"Nữ".
 * No I/O.
 */
import Joi from 'joi';
import { parseTimestamp } from '../../contracts/validators/date';
import { LATEST_CATALOGUE } from '../../contracts/validators/admin-units';
import { compact } from '../sdk';
import { dmy, dmyString, isoDate, localTimestamp } from './mapping';

/** A health facility as the upstream names it: its code, its name and where it stands (post-reform codes). */
export interface CoSoKcb {
  maCoSo: string;
  tenCoSo: string;
  maXa: string;
  maTinh: string;
  diaChi: string | null;
}

export interface NguoiTrenGiay {
  soDinhDanh: string;
  hoTen: string;
}

/**
 * An electronic birth certificate (giấy chứng sinh) as the health facility sent it to Vietnam Social
 * Security (Decree 63/2024/NĐ-CP), signed by the facility: the child is born at the facility.
 */
export interface GiayChungSinh {
  soGiayChungSinh: string;
  /** 'yyyy-MM-ddTHH:mm:ss', Vietnam local time, no offset */
  ngayCap: string;
  coSoKhamChuaBenh: CoSoKcb;
  treSoSinh: {
    /** dd/MM/yyyy */
    ngaySinh: string;
    /** HH:mm, local time */
    gioSinh: string;
    gioiTinh: 'Nam' | 'Nữ';
    /** grams */
    canNang: number | null;
  };
  me: NguoiTrenGiay;
  cha: NguoiTrenGiay | null;
  /** The facility's signature over the certificate, as received (opaque to the hub). */
  chuKySo: string;
}

const id12 = Joi.string().pattern(/^\d{12}$/);
const nguoiSchema = Joi.object({ soDinhDanh: id12.required(), hoTen: Joi.string().min(1).required() });

/**
 * The certificate as the upstream's spec describes it, plus what a certificate cannot contradict: it is
 * issued on or after the day of birth. One that does is malformed.
 */
export const giayChungSinhSchema = Joi.object({
  soGiayChungSinh: Joi.string().min(1).max(100).required(),
  ngayCap: Joi.string()
    .pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    .required(),
  coSoKhamChuaBenh: Joi.object({
    maCoSo: Joi.string()
      .pattern(/^\d{5}$/)
      .required(),
    tenCoSo: Joi.string().min(1).required(),
    maXa: Joi.string()
      .pattern(/^\d{5}$/)
      .required(),
    maTinh: Joi.string()
      .pattern(/^\d{2}$/)
      .required(),
    diaChi: Joi.string().min(1).allow(null).required(),
  }).required(),
  treSoSinh: Joi.object({
    ngaySinh: dmyString,
    gioSinh: Joi.string()
      .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
      .required(),
    gioiTinh: Joi.string().valid('Nam', 'Nữ').required(),
    canNang: Joi.number().integer().min(300).max(8000).allow(null).required(),
  }).required(),
  me: nguoiSchema.required(),
  cha: nguoiSchema.allow(null).required(),
  chuKySo: Joi.string().min(1).max(10000).required(),
}).custom((g: GiayChungSinh, helpers) =>
  g.ngayCap.slice(0, 10) >= isoDate(g.treSoSinh.ngaySinh) ? g : helpers.error('any.invalid'),
);

const person = (n: NguoiTrenGiay) => ({ personalId: n.soDinhDanh, fullName: n.hoTen });

/** Upstream certificate → BirthCertificate_v1: the place of birth is the facility's commune and province. */
export function fromGiayChungSinh(g: GiayChungSinh): Record<string, unknown> {
  const issuedAt = parseTimestamp(g.ngayCap);
  const f = g.coSoKhamChuaBenh;
  const child = g.treSoSinh;
  return compact({
    number: g.soGiayChungSinh,
    issuedAt: issuedAt.ok ? issuedAt.value : g.ngayCap,
    facility: { code: f.maCoSo, name: f.tenCoSo },
    child: compact({
      dateOfBirth: isoDate(child.ngaySinh),
      timeOfBirth: child.gioSinh,
      sex: child.gioiTinh === 'Nam' ? 'male' : 'female',
      birthWeightGrams: child.canNang ?? undefined,
      placeOfBirth: compact({
        text: f.diaChi ?? undefined,
        communeCode: f.maXa,
        provinceCode: f.maTinh,
        catalogue: LATEST_CATALOGUE,
      }),
    }),
    mother: person(g.me),
    father: g.cha ? person(g.cha) : undefined,
    signature: g.chuKySo,
  });
}

/** BirthCertificate_v1 → upstream certificate (the round-trip tests' direction). */
export function toGiayChungSinh(c: Record<string, unknown>): GiayChungSinh {
  type Ref = { personalId: string; fullName: string };
  const child = c.child as Record<string, unknown>;
  const place = child.placeOfBirth as Record<string, unknown>;
  const facility = c.facility as { code: string; name: string };
  const ref = (p: Ref): NguoiTrenGiay => ({ soDinhDanh: p.personalId, hoTen: p.fullName });
  return {
    soGiayChungSinh: c.number as string,
    ngayCap: localTimestamp(c.issuedAt as string),
    coSoKhamChuaBenh: {
      maCoSo: facility.code,
      tenCoSo: facility.name,
      maXa: place.communeCode as string,
      maTinh: place.provinceCode as string,
      diaChi: (place.text as string | undefined) ?? null,
    },
    treSoSinh: {
      ngaySinh: dmy(child.dateOfBirth as string),
      gioSinh: child.timeOfBirth as string,
      gioiTinh: child.sex === 'male' ? 'Nam' : 'Nữ',
      canNang: (child.birthWeightGrams as number | undefined) ?? null,
    },
    me: ref(c.mother as Ref),
    cha: c.father ? ref(c.father as Ref) : null,
    chuKySo: c.signature as string,
  };
}
