/**
 * What the residence simulator needs of the upstream's dialect beyond mapping.ts: the request bodies it
 * accepts (checked as the real service would, before any rule), and the population's records in the dialect.
 */
import Joi from 'joi';
import type { SynthAddress, SynthPerson } from '../../sdk/simulator/population';
import {
  RELATION_CODE_LIST,
  REMOVAL_CODES,
  toRelationCode,
  type DiaChiCuTru,
  type RelationCode,
} from '../mapping';

const DMY = /^\d{2}\/\d{2}\/\d{4}$/;
const id12 = Joi.string().pattern(/^\d{12}$/);

export const traCuuHoBody = Joi.object({
  ma_ho: Joi.string().min(1).max(30),
  so_dinh_danh: id12,
}).xor('ma_ho', 'so_dinh_danh');

export const dangKyBody = Joi.object({
  ma_ho: Joi.string().min(1).max(30).required(),
  so_dinh_danh: id12.required(),
  ho_ten: Joi.string().min(1).max(200).required(),
  ngay_sinh: Joi.string().pattern(DMY).required(),
  quan_he_voi_chu_ho: Joi.string()
    .valid(...RELATION_CODE_LIST.filter((c) => c !== 'CH'))
    .required(),
  y_kien_chu_ho: Joi.object({
    so_dinh_danh: id12.required(),
    thoi_diem_dong_y: Joi.string()
      .pattern(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/)
      .required(),
  }).required(),
});

export const xoaDangKyBody = Joi.object({
  so_dinh_danh: id12.required(),
  ly_do_xoa: Joi.string()
    .valid(...Object.keys(REMOVAL_CODES))
    .required(),
  so_dang_ky_khai_tu: Joi.when('ly_do_xoa', {
    is: 'CHET',
    then: Joi.string().min(1).max(50).required(),
    otherwise: Joi.string().max(50).allow(null),
  }),
  ma_ho: Joi.string().min(1).max(30).allow(null),
  ghi_chu: Joi.string().max(500).allow(null),
});

/** A population address in the upstream's form (the population already uses post-reform codes, which it labels '2025-07-01'). */
export function diaChiOf(a: SynthAddress): DiaChiCuTru {
  return {
    so_nha: a.houseNumber || null,
    duong_pho: a.street ?? null,
    thon_to: a.hamlet ?? null,
    ma_xa: a.communeCode,
    ma_tinh: a.provinceCode,
    dia_chi_day_du: a.text,
    danh_muc_dvhc: '2025-07-01',
  };
}

/**
 * A population member's relation code. The population says only 'other-relative' where the police record
 * says more: a child's spouse living with the family is CON_DAU / CON_RE.
 */
export function relationCodeOf(p: SynthPerson, householdMembers: readonly SynthPerson[]): RelationCode {
  if (p.relationToHead === 'other-relative' && p.spouseId) {
    const spouse = householdMembers.find((m) => m.personalId === p.spouseId);
    if (spouse?.relationToHead === 'child') return p.sex === 'female' ? 'CON_DAU' : 'CON_RE';
  }
  return toRelationCode(p.relationToHead, p.sex);
}
