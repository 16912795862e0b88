/**
 * Pure mapping of canonical requests to Vietnam Social Security's request bodies (the other direction is
 * mapping.ts). Shared by the services, the simulator (which reads these bodies) and the tests. No I/O.
 */
import { CLAIMANT_RELATIONS, dmy, type ClaimantRelation } from './mapping';

export interface TraCuuTheRequest {
  soDinhDanh: string;
}

/** A certificate is read by its number and the mother's personal ID (both must match). */
export interface TraCuuGiayChungSinhRequest {
  soGiayChungSinh: string;
  soDinhDanhMe: string;
}

export interface CapTheTreEmRequest {
  soDinhDanh: string;
  hoTen: string;
  ngaySinh: string;
  gioiTinh: 'Nam' | 'Nữ';
  maNoiDangKyKCB: string;
  /** The household's address: province (GSO, post-reform code), commune, and the address as written. */
  diaChi: { maTinh: string; maXa: string | null; chiTiet: string | null };
}

export interface MaiTangRequest {
  soDinhDanhNguoiChet: string;
  soDangKyKhaiTu: string;
  ngayMat: string;
  nguoiNhan: { soDinhDanh: string; hoTen: string; quanHe: (typeof CLAIMANT_RELATIONS)[ClaimantRelation] };
  taiKhoanNhan: { maNganHang: string; soTaiKhoan: string; tenChuTaiKhoan: string };
}

export interface ChildCardInput {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  primaryCareFacilityCode: string;
  address: { provinceCode: string; communeCode?: string; text?: string };
}

export interface FuneralClaimInput {
  deceasedPersonalId: string;
  deathRegisterNumber: string;
  dateOfDeath: string;
  claimant: { personalId: string; fullName: string; relation: ClaimantRelation };
  bankAccount: { bankCode: string; accountNumber: string; accountHolder: string };
}

export interface BirthCertificateInput {
  number: string;
  motherPersonalId: string;
}

export const toTraCuuGiayChungSinh = (input: BirthCertificateInput): TraCuuGiayChungSinhRequest => ({
  soGiayChungSinh: input.number,
  soDinhDanhMe: input.motherPersonalId,
});

export function toCapTheTreEm(input: ChildCardInput): CapTheTreEmRequest {
  return {
    soDinhDanh: input.personalId,
    hoTen: input.fullName,
    ngaySinh: dmy(input.dateOfBirth),
    gioiTinh: input.sex === 'male' ? 'Nam' : 'Nữ',
    maNoiDangKyKCB: input.primaryCareFacilityCode,
    diaChi: {
      maTinh: input.address.provinceCode,
      maXa: input.address.communeCode ?? null,
      chiTiet: input.address.text ?? null,
    },
  };
}

export function toMaiTang(input: FuneralClaimInput): MaiTangRequest {
  return {
    soDinhDanhNguoiChet: input.deceasedPersonalId,
    soDangKyKhaiTu: input.deathRegisterNumber,
    ngayMat: dmy(input.dateOfDeath),
    nguoiNhan: {
      soDinhDanh: input.claimant.personalId,
      hoTen: input.claimant.fullName,
      quanHe: CLAIMANT_RELATIONS[input.claimant.relation],
    },
    taiKhoanNhan: {
      maNganHang: input.bankAccount.bankCode,
      soTaiKhoan: input.bankAccount.accountNumber,
      tenChuTaiKhoan: input.bankAccount.accountHolder,
    },
  };
}
