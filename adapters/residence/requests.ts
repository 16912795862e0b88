/**
 * Pure mapping of canonical requests to the residence database's request bodies (the other direction is
 * mapping.ts). Shared by the services, the simulator (which reads these bodies) and the tests. No I/O.
 */
import {
  dmy,
  dmyTime,
  sexOfPersonalId,
  toRelationCode,
  toRemovalCode,
  type Relation,
  type RelationCode,
  type RemovalCode,
  type RemovalReason,
} from './mapping';

/** Look-up of a household: by its id, or by a member's personal ID (sent in the body, never in the URL). */
export interface TraCuuHoRequest {
  ma_ho?: string;
  so_dinh_danh?: string;
}

export interface DangKyRequest {
  ma_ho: string;
  so_dinh_danh: string;
  ho_ten: string;
  /** dd/MM/yyyy */
  ngay_sinh: string;
  quan_he_voi_chu_ho: RelationCode;
  /** The head of household's consent (Luật Cư trú 2020 Art. 20(1)): who, and when ('dd/MM/yyyy HH:mm:ss'). */
  y_kien_chu_ho: { so_dinh_danh: string; thoi_diem_dong_y: string };
}

export interface XoaDangKyRequest {
  so_dinh_danh: string;
  ly_do_xoa: RemovalCode;
  /** The death register entry, required with CHET. */
  so_dang_ky_khai_tu: string | null;
  /** When given, the upstream refuses a person registered in another household. */
  ma_ho: string | null;
  ghi_chu: string | null;
}

export interface HouseholdInput {
  householdId?: string;
  personalId?: string;
}

export interface RegisterInput {
  householdId: string;
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  relationToHead: Exclude<Relation, 'self'>;
  headConsent: { personalId: string; confirmedAt: string };
}

export interface RemoveInput {
  personalId: string;
  reason: RemovalReason;
  deathRegisterNumber?: string;
  householdId?: string;
  note?: string;
}

export function toTraCuuHo(input: HouseholdInput): TraCuuHoRequest {
  return input.householdId ? { ma_ho: input.householdId } : { so_dinh_danh: input.personalId };
}

export function toDangKy(input: RegisterInput): DangKyRequest {
  return {
    ma_ho: input.householdId,
    so_dinh_danh: input.personalId,
    ho_ten: input.fullName,
    ngay_sinh: dmy(input.dateOfBirth),
    quan_he_voi_chu_ho: toRelationCode(input.relationToHead, sexOfPersonalId(input.personalId)),
    y_kien_chu_ho: {
      so_dinh_danh: input.headConsent.personalId,
      thoi_diem_dong_y: dmyTime(input.headConsent.confirmedAt),
    },
  };
}

export function toXoaDangKy(input: RemoveInput): XoaDangKyRequest {
  return {
    so_dinh_danh: input.personalId,
    ly_do_xoa: toRemovalCode(input.reason),
    so_dang_ky_khai_tu: input.deathRegisterNumber ?? null,
    ma_ho: input.householdId ?? null,
    ghi_chu: input.note ?? null,
  };
}
