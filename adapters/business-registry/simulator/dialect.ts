/**
 * What the registry simulator needs of the dialect beyond mapping.ts: the request bodies it accepts (checked
 * strictly, unknown fields refused, before any rule), and the shared population's household businesses in
 * the registry's form.
 */
import Joi from 'joi';
import type { SynthBusiness, SynthPerson } from '../../sdk/simulator/population';
import { diaChiKinhDoanhSchema, dmy, type HoKinhDoanh } from '../mapping';
import { VSIC_2018 } from './vsic';

const id12 = Joi.string().pattern(/^\d{12}$/);

export const dangKyBody = Joi.object({
  tenHoKinhDoanh: Joi.string().min(1).max(300).required(),
  chuHo: Joi.object({
    soDinhDanh: id12.required(),
    hoTen: Joi.string().min(1).max(200).required(),
  }).required(),
  diaChiKinhDoanh: diaChiKinhDoanhSchema.required(),
  nganhNghe: Joi.array()
    .items(
      Joi.object({
        maNganh: Joi.string()
          .pattern(/^\d{4,5}$/)
          .required(),
        nganhChinh: Joi.boolean().required(),
      }),
    )
    .min(1)
    .max(50)
    .unique('maNganh')
    .required(),
  vonKinhDoanh: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).required(),
  soLaoDong: Joi.number().integer().min(0).max(10000).required(),
  soDienThoai: Joi.string()
    .pattern(/^0\d{9,10}$/)
    .allow(null)
    .required(),
  email: Joi.string().max(254).allow(null).required(),
});

export const traCuuBody = Joi.object({
  maSoDangKy: Joi.string().min(1).max(30),
  soDinhDanhChuHo: id12,
}).xor('maSoDangKy', 'soDinhDanhChuHo');

/** The registry's name of a business line (the code itself for a line it does not list). */
export const lineName = (code: string): string => VSIC_2018.get(code) ?? code;

/** A household business of the shared population, as the registry holds it. */
export function hoKinhDoanhOf(b: SynthBusiness, owner: SynthPerson): HoKinhDoanh {
  return {
    maSoDangKy: b.registrationNumber,
    tenHoKinhDoanh: b.businessName,
    chuHo: { soDinhDanh: owner.personalId, hoTen: owner.fullName },
    diaChiKinhDoanh: {
      soNha: b.address.houseNumber || null,
      duong: b.address.street ?? null,
      thonXom: b.address.hamlet ?? null,
      maXa: b.address.communeCode,
      maTinh: b.address.provinceCode,
      diaChiDayDu: b.address.text,
    },
    nganhNghe: b.activityCodes.map((c, i) => ({ maNganh: c, tenNganh: lineName(c), nganhChinh: i === 0 })),
    vonKinhDoanh: b.capital,
    soLaoDong: b.employees,
    soDienThoai: null,
    email: null,
    maSoThue: b.taxCode,
    ngayDangKy: dmy(b.registeredAt),
  };
}
