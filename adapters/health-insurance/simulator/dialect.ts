/**
 * What the health-insurance simulator needs of the upstream's dialect beyond mapping.ts: the request bodies
 * it accepts (checked strictly, as the real service would, before any rule), the population's cards in the
 * dialect, and the list of primary-care facilities it knows.
 */
import Joi from 'joi';
import type { Population, SynthHealthCard, SynthPerson } from '../../sdk/simulator/population';
import { CLAIMANT_RELATIONS, dmy, type TheBhyt } from '../mapping';

const DMY = /^\d{2}\/\d{2}\/\d{4}$/;
const id12 = Joi.string().pattern(/^\d{12}$/);
const name = Joi.string().min(1).max(200);

export const traCuuTheBody = Joi.object({ soDinhDanh: id12.required() });

export const traCuuGiayChungSinhBody = Joi.object({
  soGiayChungSinh: Joi.string().min(1).max(100).required(),
  soDinhDanhMe: id12.required(),
});

export const capTheTreEmBody = Joi.object({
  soDinhDanh: id12.required(),
  hoTen: name.required(),
  ngaySinh: Joi.string().pattern(DMY).required(),
  gioiTinh: Joi.string().valid('Nam', 'Nữ').required(),
  maNoiDangKyKCB: Joi.string()
    .pattern(/^\d{5}$/)
    .required(),
  diaChi: Joi.object({
    maTinh: Joi.string()
      .pattern(/^\d{2}$/)
      .required(),
    maXa: Joi.string()
      .pattern(/^\d{5}$/)
      .allow(null)
      .required(),
    chiTiet: Joi.string().max(500).allow(null).required(),
  }).required(),
});

export const maiTangBody = Joi.object({
  soDinhDanhNguoiChet: id12.required(),
  soDangKyKhaiTu: Joi.string().min(1).max(50).required(),
  ngayMat: Joi.string().pattern(DMY).required(),
  nguoiNhan: Joi.object({
    soDinhDanh: id12.required(),
    hoTen: name.required(),
    quanHe: Joi.string()
      .valid(...Object.values(CLAIMANT_RELATIONS))
      .required(),
  }).required(),
  taiKhoanNhan: Joi.object({
    maNganHang: Joi.string()
      .pattern(/^\d{6}$/)
      .required(),
    soTaiKhoan: Joi.string()
      .pattern(/^\d{6,19}$/)
      .required(),
    tenChuTaiKhoan: name.required(),
  }).required(),
});

/** A population card in the upstream's form. */
export function cardOf(c: SynthHealthCard, p: SynthPerson): TheBhyt {
  return {
    maThe: c.number,
    maSoBHXH: p.socialInsuranceNumber,
    soDinhDanh: p.personalId,
    hoTen: p.fullName,
    ngaySinh: dmy(p.dateOfBirth),
    gioiTinh: p.sex === 'male' ? 'Nam' : 'Nữ',
    mucHuong: c.level,
    maNoiDangKyKCB: c.facilityCode,
    tenNoiDangKyKCB: c.facilityName,
    tuNgay: dmy(c.validFrom),
    denNgay: dmy(c.validTo),
  };
}

/**
 * The primary-care facilities the simulator knows (code → name): the commune health stations and hospitals
 * the population's cards name, in the population's provinces, and the birth scenario's maternity hospital.
 * Codes are 5 digits: province (2) + facility (3), synthetic but shaped like the real ones.
 */
export function facilitiesOf(pop: Population): ReadonlyMap<string, string> {
  const list = new Map<string, string>();
  for (const c of pop.healthCards) list.set(c.facilityCode, c.facilityName);
  const maternity = pop.scenarios.birth.healthFacility;
  list.set(maternity.code, maternity.name);
  return list;
}
