/**
 * The registry's view of the shared synthetic population: its birth and marriage registers as dialect entries
 * (the population holds no deaths), people as the registry refers to them, and its own commune addresses.
 * Birth-certificate numbers are not in the population; the registry's are synthetic and stable
 * (`GCS-<commune>-<year>-<entry>`), so every run sees the same ones.
 */
import { LATEST_CATALOGUE, lookupCommune, lookupProvince } from '../../../contracts/validators/admin-units';
import {
  getPopulation,
  type Population,
  type SynthBirthRecord,
  type SynthMarriage,
  type SynthPerson,
} from '../../sdk/simulator/population';
import type { CongDan, DiaChi, KetHon, KhaiSinh } from '../dialect';

/** ISO date → dd/MM/yyyy. */
export const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Whole days from ISO date `from` to ISO date `to`. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export const BIRTH_DEADLINE_DAYS = 60;
export const DEATH_DEADLINE_DAYS = 15;

/** A commune of the latest catalogue as the registry writes its address; undefined for an unknown code. */
export function communeAddress(code: string): DiaChi | undefined {
  const commune = lookupCommune(code, LATEST_CATALOGUE);
  if (!commune?.provinceCode) return undefined;
  const province = lookupProvince(commune.provinceCode, LATEST_CATALOGUE);
  return {
    maXa: code,
    maTinh: commune.provinceCode,
    danhMuc: '2025',
    diaChiChiTiet: province ? `${commune.name}, ${province.name}` : commune.name,
  };
}

export function congDanOf(p: SynthPerson): CongDan {
  return {
    soDinhDanh: p.personalId,
    hoTen: p.fullName,
    ngaySinh: dmy(p.dateOfBirth),
    gioiTinh: p.sex === 'male' ? 'Nam' : 'Nữ',
  };
}

/** The certificate number the registry holds for a birth of the shared population. */
export function birthCertificateNumberOf(b: SynthBirthRecord): string {
  const [entry, year] = b.registerNumber.split('/');
  return `GCS-${b.communeCode}-${year}-${entry.padStart(5, '0')}`;
}

function khaiSinhOf(pop: Population, b: SynthBirthRecord): KhaiSinh {
  const child = pop.person(b.childId)!;
  const mother = b.motherId ? pop.person(b.motherId) : undefined;
  const father = b.fatherId ? pop.person(b.fatherId) : undefined;
  const commune = communeAddress(b.communeCode) ?? { maXa: b.communeCode, danhMuc: '2025' };
  return {
    treEm: {
      hoTen: child.fullName,
      ngaySinh: dmy(child.dateOfBirth),
      gioiTinh: child.sex === 'male' ? 'Nam' : 'Nữ',
      danToc: child.ethnicity,
      quocTich: child.nationality,
      noiSinh: commune,
      soDinhDanh: child.personalId,
    },
    ...(mother && { me: congDanOf(mother) }),
    ...(father && { cha: congDanOf(father) }),
    giayChungSinh: { so: birthCertificateNumberOf(b) },
    noiDangKy: commune,
    soDangKy: `${b.registerNumber}/KS`,
    ngayDangKy: dmy(b.date),
    quaHan: daysBetween(child.dateOfBirth, b.date) > BIRTH_DEADLINE_DAYS ? '1' : '0',
  };
}

function ketHonOf(pop: Population, m: SynthMarriage): KetHon {
  const [a, b] = m.spouseIds.map((id) => pop.person(id)!);
  const [nam, nu] = a.sex === 'male' ? [a, b] : [b, a];
  return {
    benNam: congDanOf(nam),
    benNu: congDanOf(nu),
    noiDangKy: communeAddress(m.communeCode) ?? { maXa: m.communeCode, danhMuc: '2025' },
    soDangKy: `${m.registerNumber}/KH`,
    ngayDangKy: dmy(m.date),
  };
}

export interface PopulationRegisters {
  births: readonly KhaiSinh[];
  marriages: readonly KetHon[];
}

let cached: { pop: Population; registers: PopulationRegisters } | undefined;

/** The registers of the shared population, built once per process (the population is frozen). */
export function populationRegisters(pop: Population = getPopulation()): PopulationRegisters {
  if (cached?.pop !== pop) {
    cached = {
      pop,
      registers: {
        births: pop.births.map((b) => khaiSinhOf(pop, b)),
        marriages: pop.marriages.map((m) => ketHonOf(pop, m)),
      },
    };
  }
  return cached.registers;
}
